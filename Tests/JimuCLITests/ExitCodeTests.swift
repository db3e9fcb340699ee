import Foundation
import JimuKit
import JimuTestSupport
import Testing

/// Exit codes mean what the README says: 66 only for a missing input; an input that exists but
/// cannot be read as configured is 65 (run) or 78 (check) with what to do; a ledger this user may
/// not write is 74.
@Suite("Exit codes")
struct ExitCodeTests {
    let project: URL

    init() throws {
        project = try CLI.scratchProject()
    }

    private func run(with input: [UInt8]?, job: String = "payment-list", name: String = "payments") throws -> CLI.Result {
        let file = project.appendingPathComponent("given.csv")
        if let input { try Data(input).write(to: file) }
        return try CLI.run(["run", "Jobs/\(job).yaml", "--as-of", "2026-11-24", "--input", "\(name)=\(file.path)"], in: project)
    }

    private var shipped: [UInt8] {
        get throws { [UInt8](try Data(contentsOf: project.appendingPathComponent("Samples/payment-list.csv"))) }
    }

    @Test("an input that exists but is not what the job reads: exit 65 naming the file and what to do; nothing issued",
          arguments: [
            ("xlsx", "the file is a ZIP archive (an Excel .xlsx workbook?), not CSV (save it from Excel as CSV"),
            ("xls", "the file is an old Excel workbook (.xls), not CSV"),
            ("utf16", "the file is UTF-16 text, which Jimu does not read"),
            ("empty", "the file is empty (export it again with its header row)"),
            ("utf8", "the header row is UTF-8 text, but the input says 'encoding: cp932' (remove 'encoding: cp932'"),
            ("duplicate", "the header names '金額' twice (column names must be unique)"),
          ])
    func unreadableInput(kind: String, message: String) throws {
        let bytes: [UInt8] = switch kind {
        case "xlsx": [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array(repeating: 0, count: 100)
        case "xls": [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        case "utf16": [0xFF, 0xFE] + Array("支払".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        case "empty": []
        case "utf8": Array(try CP932Codec().decode(try shipped).utf8)
        default: try CP932Codec().encode(try CP932Codec().decode(try shipped).replacingOccurrences(of: "件名", with: "金額"))
        }
        let result = try run(with: bytes)
        #expect(result.status == 65, "\(kind): \(result.stderr)")
        #expect(result.stderr.contains("given.csv") && result.stderr.contains(message), "\(kind): \(result.stderr)")
        #expect(try CLI.run(["runs", "--format", "json"], in: project).stdout.contains("\"issued\":0"))
    }

    @Test("a CP932 file read as UTF-8 says to add encoding: cp932")
    func cp932AsUTF8() throws {
        let job = project.appendingPathComponent("Jobs/payment-list.yaml")
        let text = try String(contentsOf: job, encoding: .utf8)
        try text.replacingOccurrences(of: "csv: Samples/payment-list.csv\n    encoding: cp932", with: "csv: Samples/payment-list.csv")
            .write(to: job, atomically: true, encoding: .utf8)
        let result = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-24"], in: project)
        #expect(result.status == 65)
        #expect(result.stderr.contains("Samples/payment-list.csv:1: error: the header row is not UTF-8 text; it looks like Shift_JIS (CP932), as Excel saves \"CSV\" (add 'encoding: cp932' to the input)"), "\(result.stderr)")
        let check = try CLI.run(["check", "Jobs/payment-list.yaml"], in: project)
        #expect(check.status == 78 && check.stderr.contains("add 'encoding: cp932' to the input"), "\(check.stderr)")
    }

    @Test("a missing input is 66; '~/x.csv' is refused by check, saying that '~' is a shell's")
    func missingAndTilde() throws {
        try FileManager.default.removeItem(at: project.appendingPathComponent("Samples/payment-list.csv"))
        #expect(try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-24"], in: project).status == 66)
        let job = project.appendingPathComponent("Jobs/payment-list.yaml")
        try String(contentsOf: job, encoding: .utf8).replacingOccurrences(of: "csv: Samples/payment-list.csv", with: "csv: ~/x.csv")
            .write(to: job, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", "Jobs/payment-list.yaml"], in: project)
        #expect(check.status == 78)
        #expect(check.stderr.contains("'~' is expanded by a shell, not in job files"), "\(check.stderr)")
    }

    @Test("a ledger, or its folder, this user may not write: exit 74 naming it and the user, nothing run",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func writeProtectedLedger() throws {
        #expect(try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-24"], in: project).status == 65)
        let ledger = project.appendingPathComponent(".jimu/ledger.sqlite")
        let locks = project.appendingPathComponent(".jimu/locks")
        // Root writes any file: the run is made as 'nobody', who may read the project but not the ledger.
        for url in try FileManager.default.subpathsOfDirectory(atPath: project.path).map({ project.appendingPathComponent($0) }) + [project] {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            try FileManager.default.setAttributes([.posixPermissions: isFolder.boolValue ? 0o755 : 0o644], ofItemAtPath: url.path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: locks.path)
        for lock in try FileManager.default.contentsOfDirectory(atPath: locks.path) {
            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: locks.appendingPathComponent(lock).path)
        }
        let asNobody = { (arguments: [String]) in
            try CLI.run(
                ["--reuid", "65534", "--regid", "65534", "--clear-groups", CLI.binary.path] + arguments, in: project,
                executable: "/usr/bin/setpriv")
        }
        var parent = project
        while parent.path != "/" {
            parent.deleteLastPathComponent()
            let mode = try FileManager.default.attributesOfItem(atPath: parent.path)[.posixPermissions] as? Int ?? 0
            try #require(mode & 0o001 != 0, "'nobody' cannot reach \(parent.path)")
        }
        let refused = try asNobody(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-25"])
        #expect(refused.status == 74, "\(refused.stderr)")
        #expect(refused.stderr.contains("cannot write the ledger: '\(ledger.path)' is write-protected for user nobody"), "\(refused.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: ledger.path)
        let folder = try asNobody(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-25"])
        #expect(folder.status == 74 && folder.stderr.contains("'\(ledger.deletingLastPathComponent().path)' is write-protected"), "\(folder.stderr)")
        #expect(try CLI.run(["runs", "--format", "json"], in: project).stdout.components(separatedBy: "\"id\"").count == 2)
    }
}

/// Who may read what a run writes: the owner alone, or with `group:` the clerks' group too.
@Suite("Output access")
struct OutputAccessTests {
    private func modes(_ project: URL) throws -> (file: Int, folder: Int, group: UInt32) {
        let folder = project.appendingPathComponent(".jimu/out/payment-list/2026-11-24")
        let file = folder.appendingPathComponent("register-run1.csv")
        var status = stat()
        stat(file.path, &status)
        let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int ?? 0
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int ?? 0
        return (fileMode, folderMode, status.st_gid)
    }

    @Test("without group: documents 0600 in folders 0700")
    func ownerOnly() throws {
        let project = try CLI.scratchProject()
        #expect(try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-24"], in: project).status == 65)
        let found = try modes(project)
        #expect(found.file == 0o600 && found.folder == 0o700, "\(found)")
    }

    @Test("with group: documents 0640 and folders 0750 of that group", .enabled(if: getgrnam("users") != nil))
    func clerksGroup() throws {
        let project = try CLI.scratchProject()
        let config = project.appendingPathComponent("Jobs/jimu.yaml")
        try (String(contentsOf: config, encoding: .utf8) + "group: users\n").write(to: config, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-24"], in: project).status == 65)
        let found = try modes(project)
        #expect(found.file == 0o640 && found.folder == 0o750 && found.group == getgrnam("users").pointee.gr_gid, "\(found)")
    }
}
