import Foundation

/// The output root and the ledger know each other: the root holds `.jimu-ledger`, naming the
/// ledger its documents were recorded in. A lost ledger (deleted, emptied, or a new file after a
/// move) would find none of the keys it issued and issue every document again, with the same
/// numbers and a second transfer file; a run that finds such a ledger beside another one's outputs
/// is refused instead, until the ledger is restored or started over on purpose (`--new-ledger`).
enum LedgerBinding {
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
        let marker = outputRoot.appendingPathComponent(fileName)
        let recorded = (try? String(contentsOf: marker, encoding: .utf8)).flatMap(Self.ledgerID(in:))
        if recorded == identity.id { return }
        let foreign: String?  // what the outputs belong to, when not to this ledger
        if let recorded {
            foreign = "ledger \(recorded) (see \(marker.path))"
        } else if identity.runs == 0, Self.holdsOutputs(outputRoot) {
            foreign = "a ledger made before this version (the folder holds documents, the ledger none)"
        } else {
            foreign = nil
        }
        if let foreign {
            guard let reason = startOver, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LedgerRefused(message: """
                    the ledger '\(ledgerPath)' (\(identity.runs == 0 ? "new or empty" : "\(identity.runs) runs")) is not the one \
                    the documents in '\(outputRoot.path)' were issued with: they belong to \(foreign). A run now would issue \
                    them all again (same numbers, second transfers). Restore that ledger from its backup; or, if it is lost \
                    for good and every document since has been checked by hand, start this ledger over on purpose with \
                    'jimu run --new-ledger "REASON"' (recorded with your user name)
                    """)
            }
            guard !context.dryRun else { return }
            try ledger.recordStartOver(
                previous: recorded ?? "none", reason: reason, user: context.user, host: context.host, at: context.timestamp)
            context.logger.warning("ledger started over", metadata: ["previous": "\(recorded ?? "none")", "reason": "\(reason)"])
        }
        guard !context.dryRun else { return }
        try Self.write(identity, ledgerPath: ledgerPath, to: marker)
    }

    /// The ledger id a marker names.
    static func ledgerID(in text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("ledger ") }.map { String($0.dropFirst("ledger ".count)) }
    }

    /// Whether the folder holds anything but a marker.
    private static func holdsOutputs(_ root: URL) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.contains { $0 != fileName }
    }

    private static func write(_ identity: LedgerIdentity, ledgerPath: String, to marker: URL) throws {
        let text = """
            # The ledger the documents in this folder were issued with (written by jimu; do not edit).
            # A run refuses a new or empty ledger here: restore the ledger, or see 'jimu run --new-ledger'.
            ledger \(identity.id)
            created \(identity.createdAt)
            path \(ledgerPath)

            """
        do {
            try FileManager.default.createDirectory(at: marker.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: marker, options: .atomic)
        } catch {
            throw OutputError(path: marker.path, message: "cannot write the ledger's name: \(error.localizedDescription)")
        }
    }
}
