import Foundation

/// The output root and the ledger know each other: the root holds `.jimu-ledger`, naming the
/// ledger its documents were recorded in. A lost ledger (deleted, emptied, or a new file after a
/// move) would find none of the keys it issued and issue every document again, with the same
/// numbers and a second transfer file; a run that finds such a ledger beside another one's outputs
/// is refused instead, until the ledger is restored or started over on purpose (`--new-ledger`).
public enum LedgerBinding {
    /// The file in the output root.
    static let fileName = ".jimu-ledger"

    /// Checks that the ledger is the one the output root belongs to, and binds a root that belongs
    /// to none (a first run, or outputs made before ledgers had an identity, by a ledger that has
    /// runs). A dry run checks and writes nothing; a ledger without a file (tests) is bound to nothing.
    /// `context.newLedgerReason` says why the ledger starts over beside another one's outputs.
    /// - Throws: `LedgerRefused` for a ledger that is not the root's.
    static func check(_ context: RunContext) throws {
        guard let ledgerPath = context.ledgerPath else { return }
        let (ledger, outputRoot, startOver) = (context.ledger, context.outputRoot, context.newLedgerReason)
        let identity = try ledger.identity()
        let marker = Marker(at: outputRoot)
        let head = try ledger.chainHead()
        let foreign: String?  // what the outputs belong to, when not to this ledger as it is
        if let recorded = marker.ledger, recorded != identity.id {
            foreign = "ledger \(recorded) (see \(marker.url.path))"
        } else if marker.ledger == nil, identity.runs == 0, Self.holdsOutputs(outputRoot) {
            foreign = "a ledger made before this version (the folder holds documents, the ledger none)"
        } else if let last = marker.lastRun, (head?.run ?? 0) < last.run {
            foreign = "runs up to \(last.run) of this ledger, which knows only up to run \(head?.run ?? 0): it was restored from an older backup, or runs were removed"
        } else if let last = marker.lastRun, let head, head.run == last.run, head.digest != last.digest {
            foreign = "run \(last.run) of this ledger as it was then; its record has changed since ('jimu ledger verify' says where)"
        } else {
            foreign = nil
        }
        if let foreign {
            guard let reason = startOver, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LedgerRefused(message: """
                    the ledger '\(ledgerPath)' (\(identity.runs == 0 ? "new or empty" : "\(identity.runs) runs")) is not the one \
                    the documents in '\(outputRoot.path)' were issued with: they belong to \(foreign). A run now could issue \
                    them again (same numbers, second transfers). Restore the ledger from its newest backup; or, if what is missing \
                    is lost for good and every document since has been checked by hand, start this ledger over on purpose with \
                    'jimu run --new-ledger "REASON"' (recorded with your user name)
                    """)
            }
            guard !context.dryRun else { return }
            try ledger.recordStartOver(
                previous: marker.ledger ?? "none", reason: reason, user: context.user, host: context.host, at: context.timestamp)
            context.logger.warning("ledger started over", metadata: ["previous": "\(marker.ledger ?? "none")", "reason": "\(reason)"])
        } else if marker.ledger == identity.id {
            return
        }
        guard !context.dryRun else { return }
        try Self.write(identity, head: head, ledgerPath: ledgerPath, to: marker.url)
    }

    /// Notes the ledger's newest run in the output root once a run's documents are in place, so that
    /// a ledger that lost it (an older backup restored, rows removed) is refused.
    static func advance(_ context: RunContext) throws {
        guard let ledgerPath = context.ledgerPath, !context.dryRun else { return }
        let marker = Marker(at: context.outputRoot)
        guard let head = try context.ledger.chainHead(), head.run > marker.lastRun?.run ?? 0 else { return }
        try Self.write(try context.ledger.identity(), head: head, ledgerPath: ledgerPath, to: marker.url)
    }

    /// What the output root says against a ledger (`jimu ledger verify`, `restore`): empty when it
    /// names this ledger and no run newer than the ledger's newest.
    public static func problems(outputRoot: URL, identity: LedgerIdentity, head: (run: Int64, digest: String)?) -> [String] {
        let marker = Marker(at: outputRoot)
        if let recorded = marker.ledger, recorded != identity.id {
            return ["\(marker.url.path) names ledger \(recorded), not this one (\(identity.id)): its documents were issued with another ledger"]
        }
        guard let last = marker.lastRun else { return [] }
        guard let head, head.run >= last.run else {
            return ["""
                \(marker.url.path) notes run \(last.run), but the ledger ends at run \(head?.run ?? 0): the documents of the runs \
                after it are not in the ledger, and runs will be refused until they are checked by hand \
                (then 'jimu run --new-ledger "REASON"')
                """]
        }
        return head.run == last.run && head.digest != last.digest
            ? ["\(marker.url.path) notes run \(last.run) with another record than the ledger holds now: the run was changed since"] : []
    }

    /// What `.jimu-ledger` says.
    struct Marker {
        let url: URL
        /// The ledger's id.
        var ledger: String?
        /// The newest run noted, with its link's digest.
        var lastRun: (run: Int64, digest: String)?

        init(at outputRoot: URL) {
            url = outputRoot.appendingPathComponent(LedgerBinding.fileName)
            let lines = ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n")
            func value(_ name: String) -> String? {
                lines.first { $0.hasPrefix(name + " ") }.map { String($0.dropFirst(name.count + 1)) }
            }
            ledger = value("ledger")
            if let run = value("last-run").flatMap({ Int64($0) }), let digest = value("chain") { lastRun = (run, digest) }
        }
    }

    /// Whether the folder holds anything but a marker.
    private static func holdsOutputs(_ root: URL) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.contains { $0 != fileName }
    }

    private static func write(_ identity: LedgerIdentity, head: (run: Int64, digest: String)?, ledgerPath: String, to marker: URL) throws {
        let text = """
            # The ledger the documents in this folder were issued with (written by jimu; do not edit).
            # A run refuses a new or empty ledger here: restore the ledger, or see 'jimu run --new-ledger'.
            ledger \(identity.id)
            created \(identity.createdAt)
            path \(ledgerPath)
            \(head.map { "last-run \($0.run)\nchain \($0.digest)\n" } ?? "")
            """
        do {
            try FileManager.default.createDirectory(at: marker.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: marker, options: .atomic)
        } catch {
            throw OutputError(path: marker.path, message: "cannot write the ledger's name: \(error.localizedDescription)")
        }
    }
}
