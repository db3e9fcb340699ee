import Foundation

/// Runs the built `jimu` binary, as cron and users do.
public enum CLI {
    /// What a run of the binary did.
    public struct Result {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The binary: `JIMU_BINARY`, else `.build/debug/jimu` beside the test bundle's build.
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["JIMU_BINARY"] { return URL(fileURLWithPath: path) }
        let bundle = Bundle.main.bundleURL
        let sibling = bundle.deletingLastPathComponent().appendingPathComponent("jimu")
        if FileManager.default.isExecutableFile(atPath: sibling.path) { return sibling }
        return Fixtures.url(".build/debug/jimu")
    }

    /// Runs `jimu` (or another executable) with arguments in a folder.
    public static func run(
        _ arguments: [String], in folder: URL, environment: [String: String] = [:], executable: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable.map(URL.init(fileURLWithPath:)) ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are drained at once: reading one to its end while the other fills (a verbose
        // run's stderr passes the 64 KB a pipe holds) would leave both processes waiting.
        nonisolated(unsafe) var stderr = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A scratch copy of the shipped Jobs and Samples, so runs write only there.
    public static func scratchProject() throws -> URL {
        let folder = Fixtures.temporaryDirectory("jimu-cli")
        for name in ["Jobs", "Samples"] {
            try FileManager.default.copyItem(at: Fixtures.url(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }
}
