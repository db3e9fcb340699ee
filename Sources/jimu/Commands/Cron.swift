import ArgumentParser
import Foundation
import JimuKit
import JimuSpec

/// `jimu cron JOB...`: the crontab entry for `jimu tick`; `--install` merges it into the crontab.
struct Cron: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print (or --install) the crontab entry that runs 'jimu tick' every minute for these jobs.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Merge the entry into this user's crontab, replacing an earlier Jimu entry.")
    var install = false

    @Argument(help: "Job files to schedule (a project config named jimu.yaml is left out, with a note).", completion: .file(extensions: ["yaml", "yml"]))
    var jobs: [String]

    func run() throws {
        let folder = FileManager.default.currentDirectoryPath
        for config in jobs where ProjectOptions.isProjectConfig(config) {
            Console.error("note: \(config) is the project config, not a job: left out of the entry")
        }
        let jobs = jobs.filter { !ProjectOptions.isProjectConfig($0) }
        let absolute = jobs.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let (loaded, diagnostics) = project.project(for: absolute.first.map(URL.init(fileURLWithPath:)))
        diagnostics.forEach { Console.error($0.description) }
        guard let config = loaded else { try ExitStatus.configurationError.exit() }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let block = Crontab.block(executable: executable, folder: folder, jobs: absolute, timeZone: config.timeZone)
        guard install else {
            Console.out(block, terminator: "")
            return
        }
        let current = try crontab(["-l"], input: nil, allowFailure: true)
        _ = try crontab(["-"], input: Crontab.merge(existing: current, block: block), allowFailure: false)
        Console.error("installed: jimu tick runs every minute for \(jobs.count) job file\(jobs.count == 1 ? "" : "s")")
    }

    private func crontab(_ arguments: [String], input: String?, allowFailure: Bool) throws -> String {
        // JIMU_CRONTAB names another crontab program (tests use one that keeps the table in a file).
        let candidates = [ProcessInfo.processInfo.environment["JIMU_CRONTAB"], "/usr/bin/crontab", "/bin/crontab"].compactMap { $0 }
        let path = candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            Console.error("error: crontab is not installed; install cron (apt-get install cron) or add the entry of 'jimu cron' by hand")
            try ExitStatus.configurationError.exit()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe(), feed = Pipe()
        (process.standardOutput, process.standardError, process.standardInput) = (output, errors, feed)
        try process.run()
        if let input { feed.fileHandleForWriting.write(Data(input.utf8)) }
        try feed.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 && !allowFailure {
            Console.error("error: crontab failed: \(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
            try ExitStatus.ioError.exit()
        }
        return process.terminationStatus == 0 ? text : ""
    }
}
