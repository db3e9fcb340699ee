import Foundation

/// Reads PDFs as a user's tools do, with poppler-utils (installed by `.ci/deps`).
public enum PDFText {
    /// The text of a PDF, page by page (`pdftotext -layout`; pages split at form feeds).
    public static func pages(of file: URL) throws -> [String] {
        let text = try poppler("pdftotext", ["-layout", file.path, "-"])
        return text.components(separatedBy: "\u{0C}").dropLast().map { $0 }
    }

    /// The number of pages (`pdfinfo`).
    public static func pages(_ file: URL) throws -> Int {
        let info = try poppler("pdfinfo", [file.path])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? -1
    }

    /// The embedded fonts (`pdffonts`): name, type, embedded, subset.
    public static func fonts(_ file: URL) throws -> [(name: String, embedded: Bool, subset: Bool)] {
        try poppler("pdffonts", [file.path]).split(separator: "\n").dropFirst(2).map { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            let count = columns.count
            return (String(columns[0]), columns[count - 5] == "yes", columns[count - 4] == "yes")
        }
    }

    private static func poppler(_ tool: String, _ arguments: [String]) throws -> String {
        let result = try CLI.run(arguments, in: URL(fileURLWithPath: "/"), executable: "/usr/bin/\(tool)")
        guard result.status == 0, !result.stderr.contains("Error") else { throw PopplerError(message: "\(tool) failed: \(result.stderr)") }
        return result.stdout
    }

    struct PopplerError: Error {
        let message: String
    }
}
