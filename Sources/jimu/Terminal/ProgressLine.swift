import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress display on a terminal, redrawn at most five times a second:
/// `payment-list: 120,000 records · 8,400/s · 35 % · about 1 min 20 s left`.
/// Anything else written to stderr first erases it (`Console.error`, log lines), and it is erased
/// before the summary, so no line is ever glued onto it. Nothing at all when stderr is not a
/// terminal, so cron output and logs stay clean.
final class ProgressLine: @unchecked Sendable {
    private let job: String
    private let started = Date()
    private var shown = Date.distantPast
    private var visible = false

    /// The display being shown, if any: other writers to stderr erase it first.
    nonisolated(unsafe) private static var active: ProgressLine?
    private static let lock = NSLock()

    /// A display for a job, or nil when stderr is not a terminal.
    static func onTerminal(job: String) -> ProgressLine? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let line = ProgressLine(job: job)
        lock.withLock { active = line }
        return line
    }

    private init(job: String) {
        self.job = job
    }

    func update(_ records: Int, fraction: Double?) {
        Self.lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(shown) >= 0.2 else { return }
            shown = now
            FileHandle.standardError.write(Data("\r\u{1B}[K\(Self.text(job: job, records: records, fraction: fraction, elapsed: now.timeIntervalSince(started)))".utf8))
            visible = true
        }
    }

    /// Erases the display for good (before the summary).
    func finish() {
        Self.lock.withLock {
            eraseLocked()
            if Self.active === self { Self.active = nil }
        }
    }

    /// Erases the display, if one is shown, before another line goes to stderr; the next update
    /// draws it again.
    static func erase() {
        lock.withLock { active?.eraseLocked() }
    }

    private func eraseLocked() {
        guard visible else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        visible = false
    }

    /// The line's text.
    static func text(job: String, records: Int, fraction: Double?, elapsed: TimeInterval) -> String {
        var parts = ["\(job): \(records.formatted()) records"]
        if elapsed >= 1 { parts.append("\(Int(Double(records) / elapsed).formatted())/s") }
        if let fraction, fraction > 0 {
            parts.append("\(Int(fraction * 100)) %")
            if elapsed >= 1, fraction < 1 { parts.append("about \(duration(elapsed * (1 - fraction) / fraction)) left") }
        }
        return parts.joined(separator: " · ")
    }

    private static func duration(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded(.up))
        return total < 60 ? "\(total) s" : total < 3600 ? "\(total / 60) min \(total % 60) s" : "\(total / 3600) h \(total % 3600 / 60) min"
    }
}
