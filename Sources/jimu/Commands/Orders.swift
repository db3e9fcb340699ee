import ArgumentParser
import Foundation
import JimuKit
import JimuSpec

/// Which orders a command names, and how it reports.
struct OrderOptions: ParsableArguments {
    @Option(name: .customLong("number"), help: "支出命令番号: N or N-M (repeatable, or comma-separated).")
    var numbers: [String] = []

    @Option(help: "The fiscal year of the numbers: 2026, R8 or 令和8年度 (needed when a number exists in two years).")
    var fiscalYear: String?

    @Option(help: "Orders issued by this run.")
    var run: Int64?

    @Option(help: "Orders paid on this 振込指定日 (YYYY-MM-DD).")
    var paymentDate: String?

    @Flag(help: "Go through the same steps but change nothing.")
    var dryRun = false

    /// The selection of a job's orders these options make.
    func selection(of job: Job) throws -> OrderSelection {
        var selection = try OrderDesk.selection(of: job)
        selection.fiscalYear = try fiscalYear.map { try Report.parseYear($0).year }
        selection.run = run
        selection.paymentDate = try DateArgument.parse(paymentDate, option: "--payment-date")?.iso
        for item in numbers.flatMap({ $0.split(separator: ",") }) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(bounds.count), let low = bounds.first!, let high = bounds.last!, low >= 1, low <= high else {
                throw ValidationError("--number '\(item)' is not a number or a range N-M")
            }
            selection.numbers.append(low...high)
        }
        return selection
    }
}

/// What approve, cancel and release share: load the job, lock it, open the ledger, report.
enum OrderCommand {
    static func perform(
        _ path: String, project: ProjectOptions, dryRun: Bool, asOf: LocalDate? = nil,
        _ body: (Job, RunContext) throws -> OrderDesk.Result
    ) throws {
        guard let (config, job) = project.loadJob(path, notify: false) else { try ExitStatus.configurationError.exit() }
        let result: OrderDesk.Result
        do {
            var context = try project.lockAndOpen(job, config, dryRun: dryRun)
            context.asOf = asOf
            result = try body(job, context)
            if !dryRun { Metrics.update(config: config, ledger: context.ledger) }
        } catch let error as ValidationError {
            throw error
        } catch {
            Console.error(error is ConfigurationError ? "\(error)" : "\(path): \(error)")
            try ExitStatus(error).exit()
        }
        result.lines.forEach { Console.out($0) }
        Console.out(result.summary.line)
        if result.summary.rejected > 0 { try ExitStatus.dataError.exit() }
    }
}

/// `jimu approve JOB`: 決裁 of issued orders, by someone other than who issued them.
struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "決裁: approve issued payment orders (four eyes: not by the person who issued them).",
        discussion: """
            The approver is the OS user, or through 'sudo -u jimu' the user sudo names; it must be listed \
            under approval.approvers in jimu.yaml. An approved order may be approved again with --redate \
            to move its 振込指定日 (a release it missed).
            """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var orders: OrderOptions

    @Option(help: "A comment kept with the approval.")
    var comment: String?

    @Option(help: "The 決裁番号 of the e-approval (電子決裁) system, kept with the approval.")
    var reference: String?

    @Option(help: "A new 振込指定日 for the orders (YYYY-MM-DD).")
    var redate: String?

    @Option(help: "The business date (YYYY-MM-DD), for reproducible runs.")
    var asOf: String?

    @Argument(help: "The job file.", completion: .file(extensions: ["yaml", "yml"]))
    var job: String

    func run() throws {
        let date = try DateArgument.parse(redate, option: "--redate")
        let business = try DateArgument.parse(asOf, option: "--as-of")
        try OrderCommand.perform(job, project: project, dryRun: orders.dryRun, asOf: business) { job, context in
            let request = OrderDesk.Request(selection: try orders.selection(of: job), note: comment, reference: reference, paymentDate: date)
            return try OrderDesk(context: context).approve(job, request)
        }
    }
}

/// `jimu cancel JOB`: 取消 of orders before release.
struct Cancel: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "取消: cancel payment orders before release; their keys can be issued again, the 負担行為 balance is given back, the numbers stay used.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var orders: OrderOptions

    @Option(help: "Why the orders are cancelled (kept in the ledger).")
    var reason: String

    @Argument(help: "The job file.", completion: .file(extensions: ["yaml", "yml"]))
    var job: String

    func run() throws {
        try OrderCommand.perform(job, project: project, dryRun: orders.dryRun) { job, context in
            try OrderDesk(context: context).cancel(job, OrderDesk.Request(selection: try orders.selection(of: job), note: reason))
        }
    }
}

/// `jimu release JOB`: 送信, the 全銀 files of approved orders due in the release window.
struct Release: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "送信: write the 全銀 files of approved orders whose 振込指定日 is in the release window, each order once.",
        discussion: """
            The window runs from the first date the bank still takes (min_lead_business_days of zengin: in \
            jimu.yaml) to approval.release_business_days bank business days ahead. Approved orders already \
            past it are reported (exit 65) until they are re-dated or cancelled.
            """)

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Go through the same steps but write nothing.")
    var dryRun = false

    @Option(help: "The business date (YYYY-MM-DD), for reproducible runs.")
    var asOf: String?

    @Argument(help: "The job file.", completion: .file(extensions: ["yaml", "yml"]))
    var job: String

    func run() throws {
        let date = try DateArgument.parse(asOf, option: "--as-of")
        try OrderCommand.perform(job, project: project, dryRun: dryRun, asOf: date) { job, context in
            try TransferRelease(context: context).release(job)
        }
    }
}
