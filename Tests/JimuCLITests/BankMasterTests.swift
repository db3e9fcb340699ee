import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing

/// A full bank master where a server keeps it: outside the project, read bank by bank.
@Suite struct BankMasterTests {
    /// A zengin-code folder outside any project: the shipped sample's banks and branches, and
    /// `extraBanks` more banks of `branchesPerBank` branches each (the real master has 1,146 banks
    /// and about 30,000 branches).
    static func fullMaster(extraBanks: Int = 600, branchesPerBank: Int = 50, without: Set<String> = []) throws -> URL {
        let folder = Fixtures.temporaryDirectory("jimu-zengin").appendingPathComponent("zengin-code")
        let sample = Fixtures.url("Samples/bank-master")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("branches"), withIntermediateDirectories: true)
        var banks = try JSONSerialization.jsonObject(with: Data(contentsOf: sample.appendingPathComponent("banks.json"))) as! [String: Any]
        for code in banks.keys {
            let branches = sample.appendingPathComponent("branches/\(code).json")
            guard FileManager.default.fileExists(atPath: branches.path) else { continue }
            var entries = try JSONSerialization.jsonObject(with: Data(contentsOf: branches)) as! [String: Any]
            for number in 700..<(700 + branchesPerBank) { entries[String(number)] = entry(String(number), "支店\(number)") }
            try JSONSerialization.data(withJSONObject: entries).write(to: folder.appendingPathComponent("branches/\(code).json"))
        }
        for bank in 0..<extraBanks {
            let code = String(format: "%04d", 3000 + bank)
            banks[code] = entry(code, "銀行\(bank)")
            let branches = Dictionary(uniqueKeysWithValues: (1...branchesPerBank).map { number in
                (String(format: "%03d", number), entry(String(format: "%03d", number), "支店\(number)"))
            })
            try JSONSerialization.data(withJSONObject: branches).write(to: folder.appendingPathComponent("branches/\(code).json"))
        }
        for code in without { banks[code] = nil }
        try JSONSerialization.data(withJSONObject: banks).write(to: folder.appendingPathComponent("banks.json"))
        return folder
    }

    static func entry(_ code: String, _ name: String) -> [String: String] {
        ["code": code, "name": name, "kana": "ｶﾅ", "hira": "", "roma": ""]
    }

    /// A scratch copy of the shipped project whose `jimu.yaml` names `bank_master`.
    static func project(bankMaster: String) throws -> URL {
        let project = try CLI.scratchProject()
        let config = project.appendingPathComponent("Jobs/jimu.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try (text + "bank_master: \(bankMaster)\n").write(to: config, atomically: true, encoding: .utf8)
        return project
    }

    @Test("bank_master outside the project: check is clean, a run issues as with the sample and reads only the banks it needs")
    func outsideTheProject() throws {
        let master = try Self.fullMaster()
        let project = try Self.project(bankMaster: master.path)
        let check = try CLI.run(["check", "Jobs/payment-list.yaml", "Jobs/payment-orders.yaml", "Jobs/property-inquiries.yaml"], in: project)
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check.stderr)")
        let run = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21", "--summary", "json"], in: project)
        #expect(run.status == 65, "\(run.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(["input", "issued", "rejected", "skipped"].map { summary[$0] as? Int } == [15, 9, 5, 1])
        let ledger = try SQLiteLedger(path: project.appendingPathComponent(".jimu/ledger.sqlite").path)
        let inputs = try #require(try ledger.run(id: 1)).inputs.filter { $0.input == "banks" }.map(\.file.path)
        #expect(inputs.first?.hasSuffix("zengin-code/banks.json") == true)
        // banks.json and the branch files of the six banks the payees use, none of the 600 others.
        #expect(inputs.count == 7 && !inputs.contains { $0.contains("branches/3") }, "\(inputs)")
    }

    @Test("a bank_master that is not there: one error at its line in jimu.yaml, exit 78 for check and run")
    func missing() throws {
        let project = try Self.project(bankMaster: "/nonexistent/zengin-code")
        let check = try CLI.run(["check", "Jobs/payment-list.yaml"], in: project)
        #expect(check.status == 78)
        let errors = check.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors == [
            "Jobs/jimu.yaml:33:14: error: bank_master: '/nonexistent/zengin-code' does not exist (name a zengin-code folder holding banks.json and branches/NNNN.json, such as source-data/data of the zengin-code package)",
        ])
        let run = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(run.status == 78)
        #expect(run.stderr.contains("bank_master: '/nonexistent/zengin-code' does not exist"))
        #expect(!run.stderr.contains("Samples/bank-master"))
    }

    @Test("a bank gone from the master after a merger: its payees' records are rejected naming the bank; the others are issued")
    func merged() throws {
        let master = try Self.fullMaster(extraBanks: 5, without: ["0005"])
        let project = try Self.project(bankMaster: master.path)
        let run = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21", "--summary", "json"], in: project)
        #expect(run.status == 65, "\(run.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        let rejectsFile = try #require(summary["rejects_file"] as? String)
        let rejects = try CP932Lines.read(project.appendingPathComponent(rejectsFile))
        #expect(rejects.contains { $0.contains("bank '0005' is not in the bank master (merged or closed?)") })
        #expect((summary["issued"] as? Int ?? 0) > 0)
    }
}
