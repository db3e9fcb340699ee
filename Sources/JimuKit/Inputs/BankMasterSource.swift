import Crypto
import Foundation
import JimuSpec

/// Reads a bank master in the zengin-code shape (github.com/zengin-code/source-data): `banks.json`
/// maps 金融機関コード to `{code, name, kana}`, and `branches/NNNN.json` maps each bank's 支店コード
/// the same way. One record per branch, keyed `bank:branch` (`0005:123`).
struct BankMasterSource: RecordSource {
    let columns = BankMasterColumns.all
    private(set) var files: [InputFileDigest] = []
    let rejectsFormat = RejectsFormat.listing
    private var rows: [[String]] = []
    private var locations: [RecordLocation] = []
    private var position = 0

    /// Loads the folder.
    /// - Throws: `InputError` when `banks.json` is missing or a file is not the zengin-code shape.
    init(folder: URL, display: (URL) -> String) throws {
        let banksURL = folder.appendingPathComponent("banks.json")
        let banks = try Self.entries(banksURL, display: display, files: &files)
        for bankCode in banks.keys.sorted() {
            let bank = banks[bankCode]!
            let branchesURL = folder.appendingPathComponent("branches/\(bankCode).json")
            guard FileManager.default.fileExists(atPath: branchesURL.path) else { continue }
            let branches = try Self.entries(branchesURL, display: display, files: &files)
            for branchCode in branches.keys.sorted() {
                let branch = branches[branchCode]!
                rows.append(Self.row(bank: bankCode, bank, branch: branchCode, branch))
                locations.append(RecordLocation(file: display(branchesURL), line: nil, index: rows.count))
            }
        }
    }

    mutating func next() throws -> SourceRecord? {
        guard position < rows.count else { return nil }
        defer { position += 1 }
        return SourceRecord(values: rows[position], location: locations[position], raw: [], problem: nil)
    }

    /// One branch's row, in the order of `BankMasterColumns.all`.
    static func row(bank code: String, _ bank: [String: String], branch number: String, _ branch: [String: String]) -> [String] {
        ["\(code):\(number)", code, bank["name"] ?? "", bank["kana"] ?? "", number, branch["name"] ?? "", branch["kana"] ?? ""]
    }

    /// The entries of one file: code → {name, kana}.
    static func entries(_ url: URL, display: (URL) -> String, files: inout [InputFileDigest]) throws -> [String: [String: String]] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InputError(file: display(url), "the bank master file does not exist", hint: "a zengin-code folder holds banks.json and branches/NNNN.json", missing: true)
        }
        files.append(InputFileDigest(path: display(url), sha256: FileDigest.hex(SHA256.hash(data: data)), size: data.count, records: 0))
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputError(file: display(url), "is not a JSON object of codes", hint: "expected the zengin-code shape: {\"0005\": {\"code\": \"0005\", \"name\": …, \"kana\": …}}")
        }
        var result: [String: [String: String]] = [:]
        for (code, value) in object {
            guard let entry = value as? [String: Any], let name = entry["name"] as? String,
                  code.utf8.allSatisfy({ (0x30...0x39).contains($0) })
            else {
                throw InputError(file: display(url), "entry '\(code)' is not a code with a name", hint: "expected {\"code\": …, \"name\": …, \"kana\": …}")
            }
            result[code] = ["name": name, "kana": entry["kana"] as? String ?? ""]
        }
        files[files.count - 1].records = result.count
        return result
    }
}
