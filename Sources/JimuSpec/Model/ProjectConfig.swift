import Foundation

/// The project config `jimu.yaml`: organisation, ledger and output locations, savings target.
public struct ProjectConfig: Sendable {
    /// The config file, or nil when defaults are used.
    public var file: URL?
    /// The folder relative paths are resolved against.
    public var root: ProjectRoot
    /// The organisation's name, printed on reports.
    public var organisation: String = ""
    /// The ledger: a SQLite file, relative to the root or absolute (an administrator's choice).
    public var ledger: String = ".jimu/ledger.sqlite"
    /// Where outputs go, relative to the root or absolute.
    public var outputRoot: String = "out"
    /// The time zone that decides "today".
    public var timeZone: String = "Asia/Tokyo"
    /// Hours the organisation aims to save per fiscal year.
    public var targetHours: Double = 2000
    /// Yen per staff hour, for the yen figure of reports.
    public var hourlyCostYen: Double?
    /// Working hours per full-time equivalent per year.
    public var fteHours: Double = 1860
    /// The group that may read the documents and rejects files (clerks): files 0640 and folders
    /// 0750 of it; nil for the owner alone (0600, 0700).
    public var group: String?
    /// Who hears about failed runs and rejects.
    public var notify = NotifySpec()
    /// The 振込依頼人 of 全銀 transfer files (`zengin:`), nil when the project writes none.
    public var zengin: ZenginRequester?
    /// A Prometheus textfile (node_exporter's textfile collector) rewritten after every run; nil for none.
    public var metricsFile: String?
    /// A full bank master in the zengin-code shape (`banks.json`, `branches/NNNN.json`), used by
    /// every `zengin_code` input instead of the folder the job names; nil to use the job's.
    public var bankMaster: String?
    /// Where `bank_master` is written in `jimu.yaml`, for its errors.
    public var bankMasterLocation: SourceLocation?
    /// The office's year-end closure (年末年始), `calendar: office` and schedules: 12/29–1/3 by
    /// default (行政機関の休日に関する法律); `office_closed: "12-28..01-04"` for an office that differs.
    public var officeClosed: (start: MonthDay, end: MonthDay) = (MonthDay(month: 12, day: 29), MonthDay(month: 1, day: 3))
    /// 出納閉鎖: the last day of the 出納整理期間, on which fiscal year N closes in year N+1 (5/31 by
    /// 地方自治法第235条の5); `accounts_close: "05-31"`. An order is issued only in a year open on
    /// its order date, and paid no later than this day.
    public var accountsClose = MonthDay(month: 5, day: 31)
    /// Who approves payment orders and when approved transfers are released (`approval:`); nil
    /// when no job needs approval.
    public var approval: ApprovalConfig?

    /// A day of the year.
    public struct MonthDay: Sendable, Equatable {
        public var month: Int
        public var day: Int

        public init(month: Int, day: Int) {
            (self.month, self.day) = (month, day)
        }

        /// Reads `MM-DD`.
        init?(_ text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 2, let month = parts[0], let day = parts[1], (1...12).contains(month), (1...31).contains(day)
            else { return nil }
            (self.month, self.day) = (month, day)
        }
    }

    /// The file name looked for.
    public static let fileName = "jimu.yaml"
    static let keys = [
        "version", "root", "organisation", "ledger", "output_root", "time_zone", "target_hours", "hourly_cost_yen",
        "fte_hours", "notify", "metrics_file", "zengin", "bank_master", "office_closed", "accounts_close", "group", "approval",
    ]

    /// Defaults with the root at a folder.
    public init(root: URL) {
        self.root = ProjectRoot(root)
    }

    /// The full bank master of `bank_master`, relative to the root or absolute: reference data a
    /// city keeps where all its jobs (and its updates after bank mergers) reach it, so it may lie
    /// outside the project root, unlike the paths of job files.
    public var bankMasterURL: URL? {
        bankMaster.map(resolveOwn)
    }

    /// Resolves a path of the config itself: absolute paths stay, relative ones hang off the root.
    public func resolveOwn(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.url.appendingPathComponent(path).standardizedFileURL
    }

    /// Finds `jimu.yaml` in `folder` or the nearest folder above it.
    public static func locate(from folder: URL) -> URL? {
        var current = folder.standardizedFileURL
        // A folder that is not absolute (the working folder was deleted under a cron job) has no
        // top to stop at: look no further than it.
        guard current.path.hasPrefix("/") else {
            let candidate = current.appendingPathComponent(fileName)
            return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
        }
        while true {
            let candidate = current.appendingPathComponent(fileName)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// Loads a config file; diagnostics name its lines.
    public static func load(_ url: URL) -> (ProjectConfig?, [Diagnostic]) {
        let folder = url.deletingLastPathComponent()
        let reader = SpecReader(file: ProjectRoot(folder).display(url))
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return (nil, [Diagnostic(.error, "cannot read '\(reader.file)' as UTF-8 text", location: SourceLocation(file: reader.file))])
        }
        guard let node = DocumentReader.compose(text, reader: reader),
              let map = reader.mapping(node, at: KeyPath(), allowed: keys, required: ["version"])
        else { return (nil, reader.diagnostics) }
        _ = reader.int(map["version"], at: map.path("version"), in: 1...1)
        var config = ProjectConfig(root: folder)
        config.file = url
        if let root = map["root"].flatMap({ reader.string($0, at: map.path("root")) }) {
            // Absolute (a config in /etc/jimu naming /srv/jimu), or relative to the config's folder.
            config.root = ProjectRoot(root.hasPrefix("/") ? URL(fileURLWithPath: root) : folder.appendingPathComponent(root))
        }
        config.organisation = map["organisation"].flatMap { reader.string($0, at: map.path("organisation")) } ?? ""
        config.ledger = map["ledger"].flatMap { reader.string($0, at: map.path("ledger")) } ?? config.ledger
        config.outputRoot = map["output_root"].flatMap { reader.string($0, at: map.path("output_root")) } ?? config.outputRoot
        config.timeZone = map["time_zone"].flatMap { reader.string($0, at: map.path("time_zone")) } ?? config.timeZone
        if TimeZone(identifier: config.timeZone) == nil {
            reader.error("unknown time zone '\(config.timeZone)'", at: map.path("time_zone"), hint: "e.g. 'Asia/Tokyo'")
        }
        config.targetHours = map["target_hours"].flatMap { reader.number($0, at: map.path("target_hours")) } ?? 2000
        config.hourlyCostYen = map["hourly_cost_yen"].flatMap { reader.number($0, at: map.path("hourly_cost_yen")) }
        config.fteHours = map["fte_hours"].flatMap { reader.number($0, at: map.path("fte_hours")) } ?? 1860
        config.group = map["group"].flatMap { reader.string($0, at: map.path("group")) }
        config.notify = NotifySpec.read(map["notify"], at: map.path("notify"), reader: reader)
        config.zengin = map["zengin"].flatMap { ZenginRequester.read($0, at: map.path("zengin"), reader: reader) }
        config.metricsFile = map["metrics_file"].flatMap { reader.string($0, at: map.path("metrics_file")) }
        config.bankMaster = map["bank_master"].flatMap { reader.string($0, at: map.path("bank_master")) }
        config.bankMasterLocation = reader.sourceMap[map.path("bank_master")]
        if let text = map["office_closed"].flatMap({ reader.string($0, at: map.path("office_closed")) }) {
            let days = text.components(separatedBy: "..").compactMap(MonthDay.init)
            if days.count == 2 {
                config.officeClosed = (days[0], days[1])
            } else {
                reader.error("office_closed is 'MM-DD..MM-DD', e.g. '12-29..01-03'", at: map.path("office_closed"))
            }
        }
        if let text = map["accounts_close"].flatMap({ reader.string($0, at: map.path("accounts_close")) }) {
            if let day = MonthDay(text), (4...5).contains(day.month) {
                config.accountsClose = day
            } else {
                reader.error(
                    "accounts_close is the 出納閉鎖 day 'MM-DD' in April or May of the next year, e.g. '05-31' (地方自治法第235条の5)",
                    at: map.path("accounts_close"))
            }
        }
        config.approval = ApprovalConfig.read(map["approval"], at: map.path("approval"), reader: reader)
        return (reader.diagnostics.hasErrors ? nil : config, reader.diagnostics)
    }
}
