import Foundation
import JimuSpec

/// 送信: writes the 全銀 files of a job's approved orders whose 振込指定日 falls in the release window
/// (and its other `stage: released` outputs, such as the 決裁済 支出命令書), as a run of its own kind, with the same guarantees as any run: files written to temporary
/// names and fsynced, the orders marked released in the same ledger transaction that records the
/// files, and the files renamed into place after it commits (a crash in between is finished by
/// the next run). An order is released once: across crashes (the transaction rolls back, or its
/// files are put in place by recovery) and overlapping runs (the job's lock, the ledger's lock).
///
/// The window on business date T: from the first date the bank still takes (T plus
/// `min_lead_business_days`) through T plus `release_business_days` bank business days. An
/// approved order whose date is already before the window is late: it is not dropped but reported
/// as refused on every release until it is re-dated (`jimu approve --redate`) or cancelled. An
/// order without a 振込指定日 (an inquiry) is released once approved.
public struct TransferRelease {
    let context: RunContext

    public init(context: RunContext) {
        self.context = context
    }

    /// The first and last 振込指定日 released on a business date.
    public static func window(on date: LocalDate, project: ProjectConfig) -> ClosedRange<LocalDate> {
        let lead = project.leadBusinessDays
        let days = max(project.approval?.releaseBusinessDays ?? ApprovalConfig().releaseBusinessDays, lead)
        return BusinessCalendar.bank.adding(businessDays: lead, to: date)...BusinessCalendar.bank.adding(businessDays: days, to: date)
    }

    /// Releases what is due.
    public func release(_ job: Job) throws -> OrderDesk.Result {
        var selection = try OrderDesk.selection(of: job)
        guard job.outputs.contains(where: { job.stage(of: $0) == .released }) else {
            throw ApprovalRefused("\(job.id) releases no output (a 全銀 output, or one with 'stage: released'): its approved orders have nothing to release")
        }
        selection.job = job.id
        let window = Self.window(on: context.businessDate, project: context.project)
        return try OrderRun(context: context, job: job, kind: .release).perform(writing: .released) { pass in
            var approved = selection
            approved.states = [.approved]
            try pass.ledger.eachOrder(approved) { order in
                let date = order.paymentDate.flatMap(LocalDate.init(iso:))
                if let date, date > window.upperBound { return }
                pass.counts.input += 1
                let at = order.number.text(digits: pass.digits)
                let reason: String?
                if let date, date < window.lowerBound {
                    reason = late(order, date)
                } else {
                    reason = try pass.write(order, on: date)
                }
                if let reason { return try pass.refuse(at, reason) }
                pass.counts.issued += 1
                try pass.ledger.move(order.number, OrderChange(.released, by: context.user, on: context.businessDate.iso), run: pass.run)
                pass.lines.append("\(at): 決裁済 → 送信済" + (date.map { ", 振込指定日 \($0.iso), ￥\(Transforms.grouped(order.amount))" } ?? ""))
            }
            var pending = selection
            pending.states = [.pending]
            var waiting: (count: Int, first: [String]) = (0, [])
            try pass.ledger.eachOrder(pending) { order in
                guard order.paymentDate.flatMap(LocalDate.init(iso:)).map({ $0 <= window.upperBound }) ?? true else { return }
                waiting.count += 1
                if waiting.first.count < 10 { waiting.first.append(IssueRules.padded(order.number.number, to: pass.digits)) }
            }
            if waiting.count > 0 {
                pass.lines.append(
                    "\(waiting.count) order(s) due through \(window.upperBound.iso) still await 決裁 and were not released: \(waiting.first.joined(separator: ", "))\(waiting.count > 10 ? ", …" : "")",
                    always: true)
            }
        }
    }

    /// Why an approved order past the window is not released, and what to do.
    private func late(_ order: Order, _ date: LocalDate) -> String {
        let lead = context.project.leadBusinessDays
        var last = date.adding(days: -1)
        while !BusinessCalendar.bank.isBusinessDay(last) || BusinessCalendar.bank.adding(businessDays: lead, to: last) > date {
            last = last.adding(days: -1)
        }
        return "振込指定日 \(date.iso) is past: the bank takes a file for it only up to \(last.iso); re-date it (jimu approve --number \(order.number.number) --fiscal-year \(order.number.fiscalYear) --redate YYYY-MM-DD) or cancel it"
    }
}
