import Foundation
import JimuSpec
import Synchronization

/// A bank master in the zengin-code shape as a table to join, keyed `bank:branch` (`0005:123`):
/// `banks.json` is read at once, and a bank's `branches/NNNN.json` the first time a record needs
/// that bank. A run paying a few hundred payees reads the dozen banks they use, not the 1,387
/// branch files of the full master, and the ledger records exactly the files read.
///
/// A bank code the master no longer has (merged, closed) or a branch file that cannot be read
/// rejects the records that need it, naming the bank; the other records go on.
final class BankMasterTable: JoinTable {
    let name: String
    let columns = BankMasterColumns.all
    let unreadable: [(location: RecordLocation, problem: InputProblem)] = []
    private let folder: URL
    private let display: @Sendable (URL) -> String
    private let banks: [String: [String: String]]
    private let loaded: Mutex<Loaded>

    /// The branches read so far.
    private struct Loaded {
        var rows: [[String]] = []
        var locations: [RecordLocation] = []
        var positions: [String: Int] = [:]
        /// Banks whose branch file was read, or why it could not be.
        var banks: [String: Rejection?] = [:]
        var files: [InputFileDigest] = []
    }

    /// Reads `banks.json` of a zengin-code folder.
    /// - Throws: `InputError` when it is missing or not the zengin-code shape.
    init(name: String, folder: URL, display: @escaping @Sendable (URL) -> String) throws {
        self.name = name
        self.folder = folder
        self.display = display
        var files: [InputFileDigest] = []
        banks = try BankMasterSource.entries(folder.appendingPathComponent("banks.json"), display: display, files: &files)
        loaded = Mutex(Loaded(files: files))
    }

    subscript(position: Int) -> [String] {
        loaded.withLock { $0.rows[position] }
    }

    func location(of position: Int) -> RecordLocation {
        loaded.withLock { $0.locations[position] }
    }

    var files: [InputFileDigest] {
        loaded.withLock { $0.files }
    }

    func row(for key: String) -> Result<Int, Rejection> {
        let normalised = LookupTable.normalise(key)
        let bank = String(normalised.prefix { $0 != ":" })
        guard let entry = banks[bank] else {
            return .failure(Rejection(
                field: nil, rule: "join",
                message: "bank '\(bank)' is not in the bank master (merged or closed?); correct the record's bank code, or update the bank master"))
        }
        return loaded.withLock { loaded in
            if loaded.banks[bank] == nil { load(bank, entry, into: &loaded) }
            if let failure = loaded.banks[bank] ?? nil { return .failure(failure) }
            guard let position = loaded.positions[normalised] else {
                return .failure(Rejection(
                    field: nil, rule: "join",
                    message: "branch '\(normalised.dropFirst(bank.count + 1))' of \(entry["name"] ?? bank) (\(bank)) is not in the bank master; correct the record's branch code, or update the bank master"))
            }
            return .success(position)
        }
    }

    func rows(for key: String) -> Result<[Int], Rejection> {
        row(for: key).map { [$0] }
    }

    // MARK: - Private

    /// Reads the branches of one bank.
    private func load(_ bank: String, _ entry: [String: String], into loaded: inout Loaded) {
        let url = folder.appendingPathComponent("branches/\(bank).json")
        let branches: [String: [String: String]]
        do { branches = try BankMasterSource.entries(url, display: display, files: &loaded.files) } catch {
            loaded.banks[bank] = Rejection(field: nil, rule: "join", message: "the bank master cannot give the branches of \(bank): \(error)")
            return
        }
        for code in branches.keys.sorted() {
            let branch = branches[code]!
            loaded.positions["\(bank):\(code)"] = loaded.rows.count
            loaded.rows.append(BankMasterSource.row(bank: bank, entry, branch: code, branch))
            loaded.locations.append(RecordLocation(file: display(url), line: nil, index: loaded.rows.count))
        }
        loaded.banks[bank] = .some(nil)
    }
}
