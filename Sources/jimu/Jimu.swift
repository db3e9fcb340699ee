import ArgumentParser

/// `jimu`: runs the paperwork jobs of a Japanese local government.
@main
struct Jimu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jimu",
        abstract: "Runs paperwork jobs (支出命令書, 財産照会) from YAML job files and keeps a ledger of them.",
        discussion: """
            Exit codes: 0 ok, 65 finished with rejected records (or an input that cannot be read as \
            configured), 66 an input is missing, 74 an output or the ledger could not be written, \
            75 temporary failure (already running, ledger busy), 77 an approval command that is not allowed (four eyes, not an \
            approver), 78 configuration error, 1 internal error.
            """,
        version: BuildInfo.description,
        subcommands: [
            Check.self, Run.self, Runs.self, Show.self, Approve.self, Cancel.self, Release.self, Report.self, Tick.self, Cron.self,
            LedgerCommand.self,
        ]
    )
}
