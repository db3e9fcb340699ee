import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing

/// The seal on held transfers: what is sealed opens with the key it was sealed with, for the
/// order it was sealed for, and in no other way; the key file is the owner's alone.
@Suite struct TransferSealTests {
    static let transfer = HeldTransfer(
        line: Array("0005123100123456ｶ)ﾐﾄﾞﾘﾌﾞﾝｸﾞ\r\n".utf8),
        fields: [
            .init(name: "due", type: "date", value: "d:2026-11-30"), .init(name: "amount", type: "yen", value: "i:48400"),
            .init(name: "order_no", type: "text", value: "t:000001"), .init(name: "memo", type: "text", value: ""),
        ])
    static let number = OrderNumber(sequence: "支出命令番号", fiscalYear: 2026, number: 1)

    @Test("a sealed transfer opens for its own order with its own key, with the values it was sealed with, and holds nothing in clear")
    func roundTrip() throws {
        let key = Fixtures.temporaryDirectory().appendingPathComponent("keys/transfer.key")
        let seal = try TransferSeal.load(key, create: true)
        let sealed = try seal.seal(Self.transfer, for: Self.number, key: "INV-1:T1")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("ﾐﾄﾞﾘ") && !sealed.contains(Array("0123456".utf8)))
        let opened = try TransferSeal.load(key, create: false).open(sealed, for: Self.number, key: "INV-1:T1")
        #expect(opened == Self.transfer)
        #expect(opened.value(of: "due") == .date(LocalDate(year: 2026, month: 11, day: 30)!))
        #expect(opened.value(of: "amount") == .integer(48400) && opened.value(of: "order_no") == .text("000001"))
        #expect(opened.value(of: "memo") == .empty && opened.value(of: "other") == nil)
        // Moved to another order, or opened with another key: refused.
        var other = Self.number
        other.number = 2
        #expect(throws: TransferSeal.Failure.self) { try seal.open(sealed, for: other, key: "INV-1:T1") }
        #expect(throws: TransferSeal.Failure.self) { try seal.open(sealed, for: Self.number, key: "INV-2:T1") }
        #expect(throws: TransferSeal.Failure.self) { try TransferSeal.ephemeral().open(sealed, for: Self.number, key: "INV-1:T1") }
        var flipped = sealed
        flipped[flipped.count / 2] ^= 1
        #expect(throws: TransferSeal.Failure.self) { try seal.open(flipped, for: Self.number, key: "INV-1:T1") }
    }

    @Test("the key file is made 0600 in a 0700 folder; a key others can read, a symlink or a missing key is refused with what to do")
    func keyFile() throws {
        let folder = Fixtures.temporaryDirectory()
        let key = folder.appendingPathComponent("jimu/transfer.key")
        _ = try TransferSeal.load(key, create: true)
        let mode = { (url: URL) in try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int }
        #expect(try mode(key) == 0o600 && mode(key.deletingLastPathComponent()) == 0o700)
        let text = try String(contentsOf: key, encoding: .utf8)
        #expect(text.count == 65 && text.hasSuffix("\n"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key.path)
        #expect { try TransferSeal.load(key, create: false) } throws: { "\($0)".contains("can be read by others (mode 644); chmod 600 it") }
        let link = folder.appendingPathComponent("link.key")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: key)
        #expect(throws: TransferSeal.Failure.self) { try TransferSeal.load(link, create: false) }
        #expect { try TransferSeal.load(folder.appendingPathComponent("none.key"), create: false) } throws: {
            "\($0)".contains("it seals the transfers of orders waiting for approval — restore it from the backup")
        }
    }

    @Test("migrations are ordered by their number: v10 is newer than v9")
    func migrationOrder() {
        #expect(LedgerMigrations.newest(["v9-run-chain", "v10-orders-under-approval", "v2-schedule-slots"]) == "v10-orders-under-approval")
        #expect(LedgerMigrations.newest(["v10-orders-under-approval", "v99-future"]) == "v99-future")
    }
}
