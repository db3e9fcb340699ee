import Logging

/// Logging for commands that run jobs: warnings and errors only, so cron mail stays quiet; each
/// rejected and skipped record too with `--verbose` (personal values are masked before logging).
enum Logs {
    static func bootstrap(verbose: Bool) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .warning
            return handler
        }
    }
}
