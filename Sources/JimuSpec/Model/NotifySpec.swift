import Yams

/// Notifications of `jimu.yaml`: a command that receives the run summary as JSON on stdin, and/or a
/// webhook that receives it as an HTTP POST, on failures and/or runs with rejects.
///
/// ```yaml
/// notify:
///   on: [failure, rejects]                        # default: both
///   command: "/usr/local/bin/jimu-alert"          # run with /bin/sh -c
///   webhook: "https://chat.example.lg.jp/hooks/jimu"
/// ```
public struct NotifySpec: Sendable, Equatable {
    /// What is worth a notification.
    public enum Event: String, Sendable, CaseIterable {
        /// The run failed or was interrupted: nothing was issued.
        case failure
        /// The run finished with rejected records.
        case rejects
    }

    /// The events that notify.
    public var on: Set<Event> = [.failure, .rejects]
    /// A shell command receiving the summary JSON on stdin.
    public var command: String?
    /// A URL receiving the summary JSON as a POST.
    public var webhook: String?

    /// No notifications.
    public init() {}

    static func read(_ node: Node?, at path: KeyPath, reader: SpecReader) -> NotifySpec {
        var spec = NotifySpec()
        guard let map = reader.mapping(node, at: path, allowed: ["on", "command", "webhook"]) else { return spec }
        if map["on"] != nil {
            spec.on = Set(reader.list(map["on"], at: map.path("on")).compactMap {
                reader.choice($0.node, at: $0.path, as: Event.self, what: "notification event")
            })
        }
        spec.command = map["command"].flatMap { reader.string($0, at: map.path("command")) }
        spec.webhook = map["webhook"].flatMap { reader.string($0, at: map.path("webhook")) }
        if let webhook = spec.webhook, !(webhook.hasPrefix("http://") || webhook.hasPrefix("https://")) {
            reader.error("webhook '\(webhook)' is not an http(s) URL", at: map.path("webhook"))
        }
        return spec
    }
}
