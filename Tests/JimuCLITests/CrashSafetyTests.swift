import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Nothing issued twice, nothing lost, when runs are killed, interrupted or started together.
@Suite(.serialized) struct CrashSafetyTests {
    /// A scratch project whose payment list has `rows` valid records with unique keys, each payee
    /// with a 支出負担行為 large enough for all of them.
    static func project(rows: Int) throws -> URL {
        let project = try CLI.scratchProject()
        var lines = ["整理番号,債権者コード,請求書番号,件名,金額,支払予定日,負担行為番号,節,細節,備考"]
        for row in 1...rows {
            let payee = row % 6 + 1
            lines.append("\(row),P000\(payee),K-\(String(format: "%06d", row)),消耗品 \(row),\"\(row * 10 + 1000)\",2026-11-30,R8-9000\(payee),10,1,")
        }
        try CP932Lines.write(lines, to: project.appendingPathComponent("Samples/payment-list.csv"))
        var encumbrances = ["負担行為番号,会計年度,会計区分,所属,款,款名,項,項名,目,目名,節,節名,細節,細節名,債権者コード,件名,負担行為額,支出済額"]
        for payee in 1...6 {
            encumbrances.append("R8-9000\(payee),令和8年度,一般会計,総務部総務課,2,総務費,1,総務管理費,1,一般管理費,10,需用費,1,消耗品費,P000\(payee),消耗品の購入,999999999999,0")
        }
        try CP932Lines.write(encumbrances, to: project.appendingPathComponent("Samples/encumbrances.csv"))
        return project
    }

    static func start(_ project: URL) throws -> Process {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"]
        process.currentDirectoryURL = project
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Every invoice number in every accounting-import file, and every leftover temporary file. Each
    /// 全銀 file is read back and verified; there must be one data record (顧客コード1 = 支出命令番号) and
    /// one PDF page per issued record, and the order numbers run 1, 2, 3… without gaps or repeats.
    static func issued(in project: URL) throws -> (keys: [String], temporary: [String]) {
        let out = project.appendingPathComponent(".jimu/out")
        var keys: [String] = [], temporary: [String] = [], transfers: [String] = [], numbers: [Int] = [], pages = 0
        let files = FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
        for file in files {
            if file.lastPathComponent.hasSuffix(".tmp") { temporary.append(file.lastPathComponent) }
            if file.lastPathComponent.hasPrefix("sogo-furikomi") {
                transfers += try ZenginReader.read([UInt8](try Data(contentsOf: file))).data.map { $0["顧客コード1"] ?? "" }
            }
            if file.pathExtension == "pdf" { pages += try PDFText.pages(file) }
            guard file.lastPathComponent.hasPrefix("accounting-import"), file.pathExtension == "csv" else { continue }
            let rows = try CP932Lines.read(file).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            keys += rows.map { String($0[23]) }
            numbers += rows.compactMap { Int($0[3]) }
        }
        #expect(transfers.count == keys.count && Set(transfers).count == transfers.count, "one 全銀 data record per issued record")
        #expect(numbers.sorted() == Array(stride(from: 1, through: keys.count, by: 1)), "支出命令番号 1…n, none skipped or reused")
        #expect(Set(transfers.compactMap { Int($0) }) == Set(numbers), "the 全銀 customer codes are the order numbers")
        #expect(pages == keys.count, "one 支出命令書 page per issued record")
        return (keys, temporary)
    }

    @Test("kill -9 at 30 random points, then a normal run: every record issued exactly once, no temporary files left")
    func killNine() throws {
        // 2,000 orders: the 30 kills land anywhere from reading to publishing all the same, and the
        // test, the suite's longest, stays within a minute on two cores.
        let rows = 2_000
        let project = try Self.project(rows: rows)
        let timing = try Self.project(rows: rows)
        let started = Date()
        let full = try Self.start(timing)
        full.waitUntilExit()
        let duration = Date().timeIntervalSince(started)
        var generator = SeededGenerator.fromEnvironment()
        print("killNine: \(generator.replay)")
        for _ in 0..<30 {
            let process = try Self.start(project)
            usleep(UInt32(Double.random(in: 0...duration, using: &generator) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let final = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(final.status == 0, "\(final.stderr) (\(generator.replay))")
        let (keys, temporary) = try Self.issued(in: project)
        #expect(keys.count == rows, "\(generator.replay)")
        #expect(Set(keys).count == rows, "\(generator.replay)")
        #expect(temporary.isEmpty, "\(temporary) (\(generator.replay))")
        let runs = try CLI.run(["runs", "--format", "json", "--limit", "100"], in: project)
        let records = try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(records.reduce(0) { $0 + ($1["issued"] as? Int ?? 0) } == rows)
        #expect(records.allSatisfy { ($0["status"] as? String).map { ["succeeded", "failed"].contains($0) } ?? false })
    }

    @Test("SIGTERM or SIGINT mid-run: exit 75, the run recorded as interrupted, nothing issued, no files; the next run issues all",
          arguments: [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")])
    func terminate(signal: Int32, name: String) throws {
        let rows = 4_000
        let project = try Self.project(rows: rows)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"]
        process.currentDirectoryURL = project
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        usleep(300_000)
        kill(process.processIdentifier, signal)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 75, "\(message)")
        #expect(message.contains("interrupted by \(name): nothing was issued; the next run issues these records"))
        let (keys, temporary) = try Self.issued(in: project)
        #expect(keys.isEmpty && temporary.isEmpty)
        let show = try CLI.run(["show"], in: project)
        #expect(show.stdout.contains("— interrupted"))
        let next = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(next.status == 0)
        #expect(try Self.issued(in: project).keys.count == rows)
    }

    @Test("20 invocations at once: exactly one runs, the others exit 75 and are recorded as overlaps, the outputs are as if it ran once")
    func together() throws {
        let rows = 4_000
        let project = try Self.project(rows: rows)
        // A barrier: each shell waits for the go file, then becomes `jimu run`, so all 20 start
        // within about 10 ms whatever the machine's load while they were launched.
        let go = project.appendingPathComponent("go")
        let processes = try (0..<20).map { _ -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "until [ -e go ]; do sleep 0.01; done; exec \"$0\" run Jobs/payment-list.yaml --as-of 2026-11-21", CLI.binary.path]
            process.currentDirectoryURL = project
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        usleep(200_000)
        _ = FileManager.default.createFile(atPath: go.path, contents: nil)
        processes.forEach { $0.waitUntilExit() }
        let statuses = processes.map(\.terminationStatus)
        #expect(statuses.filter { $0 == 0 }.count == 1, "\(statuses)")
        #expect(statuses.filter { $0 == 75 }.count == 19, "\(statuses)")
        let (keys, temporary) = try Self.issued(in: project)
        #expect(keys.count == rows && Set(keys).count == rows)
        #expect(temporary.isEmpty)
        let next = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(next.status == 0)
        let runs = try CLI.run(["runs", "--format", "json", "--limit", "100"], in: project)
        let recorded = (try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]] ?? []).map { $0["status"] as? String ?? "" }
        #expect(recorded.filter { $0 == "overlapped" }.count == 19)
        #expect(recorded.filter { $0 == "succeeded" }.count == 2)
    }
}

@Suite struct FullDiskTests {
    @Test("a write that the disk refuses: a clear error, nothing issued, no files left, the next run issues everything")
    func fullDisk() throws {
        let rows = 4_000
        let project = try CrashSafetyTests.project(rows: rows)
        _ = try CLI.run(["run", "Jobs/invoice-register.yaml", "--as-of", "2026-11-21"], in: project)
        let limited = try CLI.run(["-c", "ulimit -f 200; exec \"$0\" run Jobs/payment-list.yaml --as-of 2026-11-21", CLI.binary.path], in: project, executable: "/bin/sh")
        #expect(limited.status == 74, "\(limited.status) \(limited.stderr)")
        #expect(limited.stderr.contains("cannot write: File too large"), "\(limited.stderr)")
        let (keys, temporary) = try CrashSafetyTests.issued(in: project)
        #expect(keys.isEmpty && temporary.isEmpty)
        let next = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try CrashSafetyTests.issued(in: project).keys.count == rows)
    }
}
