import Foundation
import JimuSpec
import Testing

/// `jimu.yaml` as an installed server has it: in /etc/jimu, naming its root elsewhere.
@Suite struct ProjectConfigTests {
    static func load(_ text: String) throws -> (ProjectConfig?, [Diagnostic]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jimu-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("jimu.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return ProjectConfig.load(url)
    }

    @Test("an absolute root is taken as it is; a relative one hangs off the config's folder")
    func roots() throws {
        let absolute = try #require(try Self.load("version: 1\nroot: /srv/jimu\nledger: /var/lib/jimu/ledger.sqlite\n").0)
        #expect(absolute.root.url.path == "/srv/jimu")
        #expect(absolute.resolveOwn(absolute.ledger).path == "/var/lib/jimu/ledger.sqlite")
        let relative = try #require(try Self.load("version: 1\nroot: ..\n").0)
        #expect(relative.root.url.standardizedFileURL.path == FileManager.default.temporaryDirectory.standardizedFileURL.path)
    }

    @Test("accounts_close is the 出納閉鎖 day in April or May; the bank's lead and horizon are read under zengin")
    func moneySettings() throws {
        let config = try #require(try Self.load("""
            version: 1
            accounts_close: "04-30"
            zengin: { requester_code: "1", requester_name: ﾐﾄﾞﾘｼ, bank_code: "0005", branch_code: "123", account_type: "1", account_number: "1", min_lead_business_days: 3, max_days_ahead: 20 }
            """).0)
        #expect(config.accountsClose == ProjectConfig.MonthDay(month: 4, day: 30))
        #expect(config.zengin?.minLeadBusinessDays == 3 && config.zengin?.maxDaysAhead == 20)
        let (wrong, diagnostics) = try Self.load("version: 1\naccounts_close: \"06-30\"\n")
        #expect(wrong == nil && diagnostics.contains { $0.message.contains("accounts_close is the 出納閉鎖 day 'MM-DD' in April or May") })
    }
}
