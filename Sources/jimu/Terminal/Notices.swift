import Foundation
import JimuKit
import JimuSpec
import Logging

/// Sends the notifications of `jimu.yaml` after a job: rejects, or any failure but "already running".
enum Notices {
    static func after(_ job: String, _ outcome: Result<RunSummary, any Error>, config: ProjectConfig) {
        let notifier = Notifier(spec: config.notify, logger: Logger(label: "jimu"))
        let host = ProcessInfo.processInfo.hostName
        let now = Timestamp.iso8601(Date())
        switch outcome {
        case .success(let summary): notifier.finished(summary, host: host, at: now)
        case .failure(let error) where !(error is JobLock.Busy): notifier.failed(job: job, error: error, host: host, at: now)
        case .failure: break
        }
    }
}

/// Rewrites the Prometheus textfile of `jimu.yaml` after runs, when one is configured.
enum Metrics {
    static func update(config: ProjectConfig, ledger: any Ledger) {
        guard let file = config.metricsFile else { return }
        do {
            let context = RunContext(project: config, ledger: ledger)
            let text = try PrometheusMetrics.text(ledger: ledger, project: config, today: context.businessDate)
            try PrometheusMetrics.write(text, to: config.resolveOwn(file))
        } catch {
            Console.error("warning: cannot write the metrics file '\(file)': \(error)")
        }
    }
}
