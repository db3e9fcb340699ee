import Yams

/// The estimate of staff time a job saves, versioned by the date it takes effect.
public struct SavingsBaseline: Sendable, Hashable {
    /// Minutes a person needed per record by hand.
    public var manualMinutesPerRecord: Double
    /// Minutes of review per record that remain after automation.
    public var reviewMinutesPerRecord: Double
    /// Fixed manual minutes per run (gathering lists, printing), credited only when a run issues something.
    public var manualMinutesPerRun: Double
    /// Where the figures came from.
    public var basis: String
    /// The first day this estimate applies (ISO date); nil means since always.
    public var effectiveFrom: String?

    /// Creates a baseline.
    public init(
        manualMinutesPerRecord: Double, reviewMinutesPerRecord: Double = 0, manualMinutesPerRun: Double = 0, basis: String,
        effectiveFrom: String? = nil
    ) {
        self.manualMinutesPerRecord = manualMinutesPerRecord
        self.reviewMinutesPerRecord = reviewMinutesPerRecord
        self.manualMinutesPerRun = manualMinutesPerRun
        self.basis = basis
        self.effectiveFrom = effectiveFrom
    }

    /// Minutes saved per issued record, never negative.
    public var netMinutesPerRecord: Double { max(0, manualMinutesPerRecord - reviewMinutesPerRecord) }

    /// The credit of a run that issued `records`: the net minutes of each, and the run's fixed
    /// minutes once; nothing for a run that issued nothing.
    public func minutes(issued records: Int) -> Double {
        records > 0 ? Double(records) * netMinutesPerRecord + manualMinutesPerRun : 0
    }

    /// The baseline of `baselines` (oldest first) in force on an ISO date, nil before the first.
    public static func inForce(on date: String, among baselines: [SavingsBaseline]) -> SavingsBaseline? {
        baselines.last { ($0.effectiveFrom ?? "") <= date }
    }

    static let keys = [
        "manual_minutes_per_record", "review_minutes_per_record", "manual_minutes_per_run", "basis", "effective_from",
    ]

    /// Reads one baseline mapping or a list of them (one per effective date).
    static func readAll(_ node: Node?, at path: KeyPath, reader: SpecReader) -> [SavingsBaseline] {
        guard let node else { return [] }
        let items: [(node: Node, path: KeyPath)] =
            if case .sequence = node { reader.list(node, at: path) } else { [(node, path)] }
        let baselines = items.compactMap { read($0.node, at: $0.path, reader: reader) }
        let dates = baselines.map { $0.effectiveFrom ?? "" }
        if Set(dates).count != dates.count {
            reader.error("two baselines take effect on the same date", at: path, node: node)
        }
        return baselines.sorted { ($0.effectiveFrom ?? "") < ($1.effectiveFrom ?? "") }
    }

    private static func read(_ node: Node, at path: KeyPath, reader: SpecReader) -> SavingsBaseline? {
        guard let map = reader.mapping(
            node, at: path, allowed: keys, required: ["manual_minutes_per_record", "basis"])
        else { return nil }
        let manual = reader.number(map["manual_minutes_per_record"], at: map.path("manual_minutes_per_record"))
        let review = map["review_minutes_per_record"].flatMap {
            reader.number($0, at: map.path("review_minutes_per_record"))
        } ?? 0
        let perRun = map["manual_minutes_per_run"].flatMap { reader.number($0, at: map.path("manual_minutes_per_run")) } ?? 0
        let basis = reader.string(map["basis"], at: map.path("basis"))
        let effective = map["effective_from"].flatMap { reader.string($0, at: map.path("effective_from")) }
        if let effective, !isISODate(effective) {
            reader.error("expected a date written 2026-04-01, found '\(effective)'", at: map.path("effective_from"))
        }
        if let manual, review > manual {
            reader.warning(
                "review minutes (\(review)) exceed manual minutes (\(manual)); the job earns no credit",
                at: map.path("review_minutes_per_record"))
        }
        guard let manual, let basis else { return nil }
        return SavingsBaseline(
            manualMinutesPerRecord: manual, reviewMinutesPerRecord: review, manualMinutesPerRun: perRun,
            basis: basis, effectiveFrom: effective)
    }

    private static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
    }
}
