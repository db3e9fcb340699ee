import ArgumentParser
import Foundation
import JimuKit
import Logging

/// How commands that run jobs log: warnings and errors only (cron mail stays quiet), each rejected
/// and skipped record with `--verbose`; human lines or JSON lines; to stderr or appended to a file.
/// Personal values are masked before anything is logged.
struct LogOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument {
        case text, json
    }

    @Flag(name: .shortAndLong, help: "Log each rejected and skipped record (personal values masked).")
    var verbose = false

    @Option(help: "Log lines as text (default) or json (one JSON object per line).")
    var logFormat: Format = .text

    @Option(help: "Append log lines to this file (made 0600) instead of standard error.")
    var logFile: String?

    /// A job that failed, in the log file as well as on stderr: a log read alone tells the whole story.
    func fatal(_ error: Error, job: String) {
        guard logFile != nil else { return }
        Logger(label: "jimu").error("failed", metadata: ["job": "\(job)", "error": "\(error)"])
    }

    /// A slot waiting for a late input, in the log file only (stderr would be a cron mail per attempt).
    func note(_ message: String, _ error: Error, job: String, slot: String) {
        guard logFile != nil else { return }
        Logger(label: "jimu").warning("\(message)", metadata: ["job": "\(job)", "slot": "\(slot)", "error": "\(error)"])
    }

    func bootstrap() throws {
        let level: Logger.Level = verbose ? .debug : .warning
        let sink = try LogSink(path: logFile)
        let format = logFormat
        LoggingSystem.bootstrap { label in
            var handler = LineLogHandler(label: label, format: format, sink: sink)
            handler.logLevel = level
            return handler
        }
    }
}

/// Where log lines go; writes are serialised.
final class LogSink: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    init(path: String?) throws {
        guard let path else {
            handle = FileHandle.standardError
            return
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ValidationError("--log-file '\(path)' cannot be opened for appending") }
        // A log names records and files: an existing one (made by hand, or by logrotate) is made
        // the owner's alone as well.
        fchmod(descriptor, 0o600)
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func write(_ line: String) {
        if handle === FileHandle.standardError { ProgressLine.erase() }
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data((line + "\n").utf8))
    }
}

/// One log line per event: `2026-11-21T07:30:02+09:00 warning jimu: message key=value`, or as JSON
/// `{"label":"jimu","level":"warning","message":"…","metadata":{…},"time":"…"}`.
struct LineLogHandler: LogHandler {
    let label: String
    let format: LogOptions.Format
    let sink: LogSink
    var logLevel: Logger.Level = .warning
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:]) { $1 }.mapValues { "\($0)" }
        let time = Timestamp.iso8601(Date())
        switch format {
        case .text:
            // One event, one line: a line break in a value would forge the next log line.
            let pairs = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(PrintableText.escaped($0.value))" }
            sink.write(([time, event.level.rawValue, "\(label):", PrintableText.escaped("\(event.message)")] + pairs).joined(separator: " "))
        case .json:
            let object: [String: Any] = [
                "time": time, "level": event.level.rawValue, "label": label, "message": "\(event.message)", "metadata": fields,
            ]
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            else { return }
            sink.write(String(decoding: data, as: UTF8.self))
        }
    }
}
