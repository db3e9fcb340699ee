import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Seals the 全銀 transfers of orders waiting for approval before they go into the ledger: a
/// transfer holds the payee's account and name, and the ledger holds no personal data in clear.
/// AES-GCM with a 256-bit key kept in a file of its own (0600, `approval.transfer_key` of
/// `jimu.yaml`), bound to the order's number and key so that a sealed transfer cannot be moved
/// to another order. Without the key file, held transfers cannot be released: back it up with
/// the ledger.
struct TransferSeal {
    private let key: SymmetricKey

    /// Why the key cannot be used.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(key: SymmetricKey) {
        self.key = key
    }

    /// A key that lives as long as the process (dry runs write nothing to keep it for).
    static func ephemeral() -> TransferSeal {
        TransferSeal(key: SymmetricKey(size: .bits256))
    }

    /// The key in `url`; with `create`, a new one is written there (0600) when there is none.
    static func load(_ url: URL, create: Bool) throws -> TransferSeal {
        let fd = Glibc.open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            guard errno == ENOENT, create else {
                throw Failure(description: "cannot read the transfer key \(url.path): \(String(cString: strerror(errno))); it seals the transfers of orders waiting for approval — restore it from the backup")
            }
            return try make(url)
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw Failure(description: "the transfer key \(url.path) is not a regular file")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw Failure(description: "the transfer key \(url.path) can be read by others (mode \(String(status.st_mode & 0o777, radix: 8))); chmod 600 it")
        }
        var bytes = [UInt8](repeating: 0, count: 128)
        let count = read(fd, &bytes, bytes.count)
        let text = String(decoding: bytes.prefix(max(count, 0)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Self.bytes(hex: text), data.count == 32 else {
            throw Failure(description: "the transfer key \(url.path) is not 64 hexadecimal digits")
        }
        return TransferSeal(key: SymmetricKey(data: data))
    }

    private static func make(_ url: URL) throws -> TransferSeal {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = SymmetricKey(size: .bits256)
        let hex = key.withUnsafeBytes { FileDigest.hex(Array($0)) } + "\n"
        let fd = Glibc.open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return try load(url, create: false) }  // another run made it first
            throw Failure(description: "cannot create the transfer key \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = hex.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        guard written == hex.utf8.count, fsync(fd) == 0 else {
            throw Failure(description: "cannot write the transfer key \(url.path): \(String(cString: strerror(errno)))")
        }
        return TransferSeal(key: key)
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    /// What binds a sealed transfer to its order.
    private static func binding(_ number: OrderNumber, key: String) -> Data {
        Data("\(number.sequence)\u{1F}\(number.fiscalYear)\u{1F}\(number.number)\u{1F}\(key)".utf8)
    }

    func seal(_ transfer: HeldTransfer, for number: OrderNumber, key: String) throws -> [UInt8] {
        guard let sealed = try AES.GCM.seal(transfer.bytes, using: self.key, authenticating: Self.binding(number, key: key)).combined else {
            throw Failure(description: "cannot seal a transfer")
        }
        return Array(sealed)
    }

    func open(_ sealed: [UInt8], for number: OrderNumber, key: String) throws -> HeldTransfer {
        let payload = try? AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: self.key, authenticating: Self.binding(number, key: key))
        guard let payload, let transfer = HeldTransfer(bytes: Array(payload)) else {
            throw Failure(description: "the sealed transfer of \(number.sequence) \(number.number) (\(number.fiscalYear)) does not open with this transfer key: another key, or the ledger row was changed")
        }
        return transfer
    }
}
