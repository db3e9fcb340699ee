import Crypto
import Foundation

/// SHA-256 of bytes in memory.
enum SHA256Digest {
    static func of(_ data: Data) -> SHA256.Digest { SHA256.hash(data: data) }
}
