import CCurlLoader
import Foundation
import JimuSpec
import Logging

/// Tells people about failed runs and rejects: runs the configured command with the notice as
/// JSON on stdin, and POSTs the same JSON to the webhook. A notification that cannot be delivered
/// is logged; it never changes the run's outcome or exit code. Notices carry no personal data.
public struct Notifier {
    /// What a notification says (the run summary, or the failure).
    public struct Notice: Sendable, Codable {
        public var event: String
        public var job: String
        public var host: String
        public var at: String
        public var message: String?
        public var summary: RunSummary?
    }

    let spec: NotifySpec
    let logger: Logger

    /// Creates a notifier for a project's settings.
    public init(spec: NotifySpec, logger: Logger) {
        self.spec = spec
        self.logger = logger
    }

    /// Notifies about a finished run when it has rejects that no earlier run rejected (and that
    /// event is configured): the same rejected rows do not notify every day.
    public func finished(_ summary: RunSummary, host: String, at time: String) {
        guard summary.newRejects > 0, spec.on.contains(.rejects), !summary.dryRun else { return }
        send(Notice(event: "rejects", job: summary.job, host: host, at: time, message: summary.line, summary: summary))
    }

    /// Notifies about a run that failed or was interrupted.
    public func failed(job: String, error: any Error, host: String, at time: String) {
        guard spec.on.contains(.failure) else { return }
        send(Notice(event: "failure", job: job, host: host, at: time, message: "\(error)", summary: nil))
    }

    private func send(_ notice: Notice) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let body = try? encoder.encode(notice) else { return }
        if let command = spec.command { runCommand(command, body: body) }
        if let webhook = spec.webhook.flatMap(URL.init(string:)) { post(body, to: webhook) }
    }

    private func runCommand(_ command: String, body: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
            input.fileHandleForWriting.write(body)
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            if process.terminationStatus != 0 {
                logger.warning("notification command failed", metadata: ["status": "\(process.terminationStatus)"])
            }
        } catch {
            logger.warning("notification command could not start", metadata: ["error": "\(error)"])
        }
    }

    /// POSTs through libcurl, loaded only now (see `CCurlLoader`).
    private func post(_ body: Data, to url: URL) {
        var error = [CChar](repeating: 0, count: 256)
        let status = body.withUnsafeBytes { bytes in
            jimu_post_json(url.absoluteString, bytes.baseAddress, bytes.count, 15, &error)
        }
        if !(200..<300).contains(status) {
            logger.warning("webhook notification failed", metadata: [
                "url": "\(url.host ?? "?")", "status": "\(status < 0 ? "none" : String(status))",
                "error": "\(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))",
            ])
        }
    }
}
