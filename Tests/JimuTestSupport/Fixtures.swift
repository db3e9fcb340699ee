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

    /// A new empty folder under the system's temporary folder.
    public static func temporaryDirectory(_ name: String = "jimu-test") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

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
