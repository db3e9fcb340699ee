import Foundation
import JimuKit
import JimuSpec

/// Paths and scratch space for tests.
public enum Fixtures {
    /// The package's top folder.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// A file under the package root.
    public static func url(_ relative: String) -> URL {
        packageRoot.appendingPathComponent(relative)
    }

    /// A new empty folder for one test, in the test process's own temporary folder.
    public static func temporaryDirectory(_ name: String = "jimu-test") -> URL {
        let url = temporaryRoot.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The test process's temporary folder, removed with all that tests wrote in it (sample
    /// outputs, ledgers, rejects) when the process exits.
    private static let temporaryRoot: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jimu-tests-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Fixtures.temporaryRoot) }
        return root
    }()

    /// Writes bytes to a file, creating folders.
    public static func write(_ bytes: [UInt8], to url: URL) {
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(bytes).write(to: url)
    }

    /// Writes text as UTF-8 or CP932.
    public static func write(_ text: String, to url: URL, cp932: Bool = false) {
        write(cp932 ? try! CP932Codec().encode(text) : Array(text.utf8), to: url)
    }

    /// The shipped project config (root = package root), with outputs redirected to `output`.
    public static func shippedProject(output: URL) -> ProjectConfig {
        var (config, _) = ProjectConfig.load(url("Jobs/jimu.yaml"))
        config!.outputRoot = output.path
        return config!
    }
}
