import Foundation
import JimuKit
import JimuTestSupport
import Testing

/// No personal value reaches stderr, logs (text and JSON), the ledger, `jimu show`, `jimu runs`
/// or notices, on any error path: a canary person is put through every one we can reach, and all
/// of those places are searched for the canary's values. (Outputs and rejects files hold personal
/// data by design; they are 0600.)
@Suite("Personal data never leaks")
struct PersonalDataTests {
    /// The canary person, in every form a value could be printed in.
    static let canaries = [
        "漏洩", "検知子", "ロウエイ", "ケンチシ", "ろうえい", "カナリア市", "見張町", "73519286420", "昭和33", "S33.3", "1958-03-03",
        "ｶﾅﾘﾔ", "ｹﾝﾁ", "\u{1B}[31m",
    ]

    static func row(_ number: Int, name: String = "漏洩　検知子", kana: String = "ロウエイ ケンチシ", birth: String = "昭和33年3月3日",
                    address: String = "東京都カナリア市見張町九番九号", myNumber: String = "735192864208", extra: String = "") -> String {
        "00999\(String(format: "%03d", number)),\(name),\(kana),\(birth),\(address),,市県民税,\"50,000\",令和8年5月31日,\(myNumber)\(extra)"
    }

    /// Rows that fail in every way a delinquent list can: each names the canary.
    static let rows = [
        row(1),
        row(2, birth: "昭和33年13月3日"),
        row(3, kana: "ろうえい けんちし"),
        row(4, myNumber: "735192864207"),
        row(5, birth: "令和9年1月1日"),
        row(6, extra: ",余分"),
        row(7, name: "\"漏洩\n2026-11-24T07:30:00+09:00 info jimu: forged\""),
        row(8, name: "=漏洩検知子"),
        row(9, name: ""),
        row(10, address: "S33.3.3 カナリア市"),
        "00999011,漏洩\u{1B}[31m検知子,ロウエイ ケンチシ,昭和33年3月3日,カナリア市見張町,,市県民税,\"50,000\",令和8年5月31日,735192864208",
    ]

    @Test("a canary person through every error path leaves no trace outside the outputs and rejects files")
    func canary() throws {
        let project = try CLI.scratchProject()
        let config = project.appendingPathComponent("Jobs/jimu.yaml")
        try (String(contentsOf: config, encoding: .utf8) + """
            notify:
              on: [failure, rejects]
              command: "cat >> notices.jsonl; echo >> notices.jsonl"

            """).write(to: config, atomically: true, encoding: .utf8)
        let samples = project.appendingPathComponent("Samples")
        let header = try CP932Lines.read(samples.appendingPathComponent("delinquents.csv"))[0]
        try CP932Lines.write([header] + Self.rows, to: samples.appendingPathComponent("delinquents.csv"))
        try CP932Lines.write(Self.rows, to: project.appendingPathComponent("headerless.csv"))
        try Data((([header] + Self.rows).joined(separator: "\r\n") + "\r\n").utf8).write(to: project.appendingPathComponent("utf8.csv"))
        var broken = try CP932Codec().encode(([header] + Self.rows).joined(separator: "\r\n") + "\r\n")
        broken.insert(contentsOf: [0x82, 0xFF, 0x00], at: broken.count - 20)
        try Data(broken).write(to: project.appendingPathComponent("broken.csv"))
        // An individual payee whose 口座名義 is personal and cannot be written in a 全銀 file.
        let payees = samples.appendingPathComponent("payees.csv")
        try CP932Lines.write(try CP932Lines.read(payees).map { $0.replacingOccurrences(of: "ｶ)ﾐﾄﾞﾘﾌﾞﾝｸﾞ", with: "ｶﾅﾘﾔ漏洩ｹﾝﾁ") }, to: payees)
        let orders = project.appendingPathComponent("Jobs/payment-orders.yaml")
        try String(contentsOf: orders, encoding: .utf8)
            .replacingOccurrences(of: "    account_name: payees.口座名義カナ", with: "    account_name: { column: payees.口座名義カナ, personal: true }")
            .write(to: orders, atomically: true, encoding: .utf8)

        var seen: [(what: String, text: String)] = []
        func jimu(_ arguments: [String]) throws {
            let result = try CLI.run(arguments, in: project)
            seen.append(("jimu \(arguments.joined(separator: " "))", result.stdout + result.stderr))
        }
        let inquiries = ["run", "Jobs/property-inquiries.yaml", "-v"]
        try jimu(inquiries + ["--as-of", "2026-11-24", "--log-file", "log.txt"])
        try jimu(inquiries + ["--as-of", "2026-11-25", "--log-format", "json", "--log-file", "log.json"])
        for (day, file) in [("2026-11-26", "headerless.csv"), ("2026-11-27", "utf8.csv"), ("2026-11-30", "broken.csv")] {
            try jimu(inquiries + ["--as-of", day, "--input", "delinquents=\(file)", "--log-file", "log.txt"])
        }
        try jimu(["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-24", "-v", "--log-file", "log.txt"])
        try jimu(["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-25", "--dry-run", "-v"])
        try jimu(["check", "Jobs/property-inquiries.yaml", "Jobs/payment-orders.yaml"])
        try FileManager.default.copyItem(at: project.appendingPathComponent("headerless.csv"), to: samples.appendingPathComponent("headerless.csv"))
        try String(contentsOf: project.appendingPathComponent("Jobs/property-inquiries.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "csv: Samples/delinquents.csv", with: "csv: Samples/headerless.csv")
            .write(to: project.appendingPathComponent("Jobs/headerless.yaml"), atomically: true, encoding: .utf8)
        try jimu(["check", "Jobs/headerless.yaml"])
        try jimu(["run", "Jobs/headerless.yaml", "--as-of", "2026-11-24"])
        try jimu(["runs", "--format", "json", "--limit", "100"])
        try jimu(["runs", "--limit", "100"])
        for run in 1...12 { try jimu(["show", String(run)]) }
        for file in ["log.txt", "log.json", "notices.jsonl", ".jimu/ledger.sqlite", ".jimu/ledger.sqlite-wal"] {
            if let data = FileManager.default.contents(atPath: project.appendingPathComponent(file).path) {
                seen.append((file, String(decoding: data, as: UTF8.self)))
            }
        }
        #expect(seen.count >= 25)
        #expect(seen.contains { $0.what == "log.json" } && seen.contains { $0.what == "notices.jsonl" })
        // The paths were taken: rejects with reasons, a headerless list, kana and encoding errors.
        let everything = seen.map(\.text).joined(separator: "\n")
        for reached in ["is not a calendar date", "フリガナは全角カタカナで", "seems to lack its header row", "is UTF-8 text",
                        "cannot be written in a 全銀 file", "the row has 11 fields", "control character"] {
            #expect(everything.contains(reached), "the path '\(reached)' was not reached")
        }
        for (what, text) in seen {
            for canary in Self.canaries {
                let lines = text.components(separatedBy: "\n").filter { $0.contains(canary) }
                #expect(lines.isEmpty, "\(what) shows '\(canary)': \(lines.prefix(2))")
            }
        }
    }
}
