import JimuSpec
import Foundation
import JimuKit

/// Fills a test ledger with a made-up year of runs and credits. For tests only: nothing in Jimu
/// writes simulated savings into a user's ledger.
public enum SimulatedYear {
    /// One credited run.
    public struct Run {
        public var job: String
        public var title: String?
        public var date: String
        public var records: Int
        public var baseline: SavingsBaseline

        public init(_ job: String, _ title: String?, _ date: String, records: Int, baseline: SavingsBaseline) {
            self.job = job
            self.title = title
            self.date = date
            self.records = records
            self.baseline = baseline
        }

        /// Minutes as the runner credits them.
        public var minutes: Double {
            Double(records) * max(0, baseline.manualMinutesPerRecord - baseline.reviewMinutesPerRecord) + baseline.manualMinutesPerRun
        }
    }

    /// Records each run with its credit, as real runs would.
    public static func fill(_ ledger: any Ledger, with runs: [Run]) throws {
        for run in runs {
            try ledger.transaction(commit: true) { tx in
                let start = RunStart(
                    job: run.job, title: run.title, jobFile: "Jobs/\(run.job).yaml", jobSHA256: "00", asOf: run.date,
                    startedAt: run.date + "T07:30:00+09:00", host: "test", user: "test", pid: 1)
                let id = try tx.startRun(start)
                try tx.finishRun(run: id, result: RunResult(
                    status: .succeeded, input: run.records, issued: run.records, rejected: 0, skipped: 0, rejectsFile: nil,
                    finishedAt: run.date + "T07:31:00+09:00"))
                let date = run.date.split(separator: "-").compactMap { Int($0) }
                try tx.credit(SavingsCredit(
                    run: id, job: run.job, fiscalYear: date[1] >= 4 ? date[0] : date[0] - 1, runDate: run.date,
                    records: run.records, minutes: run.minutes, baseline: run.baseline))
            }
        }
    }

    /// The year the report tests use: payment orders daily-ish with a baseline changed on
    /// 2026-10-01, property inquiries monthly, a job deleted in September, and a previous year.
    public static var sample: [Run] {
        let before = SavingsBaseline(manualMinutesPerRecord: 12, reviewMinutesPerRecord: 2, manualMinutesPerRun: 10, basis: "会計課 業務量調査 (2020)", effectiveFrom: nil)
        let after = SavingsBaseline(manualMinutesPerRecord: 10, reviewMinutesPerRecord: 2, manualMinutesPerRun: 10, basis: "会計課 再調査 (令和8年9月)", effectiveFrom: "2026-10-01")
        let inquiries = SavingsBaseline(manualMinutesPerRecord: 20, reviewMinutesPerRecord: 1, manualMinutesPerRun: 0, basis: "納税課 実測 (令和7年度)", effectiveFrom: nil)
        let old = SavingsBaseline(manualMinutesPerRecord: 5, reviewMinutesPerRecord: 1, manualMinutesPerRun: 0, basis: "旧システム移行前の見積り", effectiveFrom: nil)
        var runs: [Run] = []
        for (month, year) in [(4, 2025), (7, 2025), (10, 2025), (1, 2026)] {
            runs.append(Run("payment-orders", "支出命令書の作成", String(format: "%04d-%02d-10", year, month), records: 300, baseline: before))
        }
        for month in [4, 5, 6, 7, 8, 9, 10, 11] {
            let date = String(format: "2026-%02d-", month)
            runs.append(Run("payment-orders", "支出命令書の作成", date + "07", records: 120 + month * 10, baseline: month >= 10 ? after : before))
            runs.append(Run("payment-orders", "支出命令書の作成", date + "21", records: 90, baseline: month >= 10 ? after : before))
            runs.append(Run("property-inquiries", "預貯金等の照会", date + "15", records: 400, baseline: inquiries))
            if month <= 8 { runs.append(Run("old-register", nil, date + "25", records: 50, baseline: old)) }
        }
        return runs
    }
}
