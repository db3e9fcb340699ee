import Crypto
import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing

@Suite struct SetElementHashTests {
    private func hex(_ text: String, prefix: [UInt8] = []) -> String {
        var text = text
        let words = prefix.withUnsafeBytes { prefix in text.withUTF8 { SetElementHash.digest(prefix: prefix, text: UnsafeRawBufferPointer($0)) } }
        return [words.0, words.1, words.2, words.3].map { String(format: "%016llx", $0) }.joined()
    }

    @Test("FIPS 180-4's examples (NIST CSRC, SHA256.pdf and SHA2_Additional.pdf)")
    func published() {
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test("the same as swift-crypto for random messages of every length up to three blocks, split anywhere")
    func random() {
        var generator = SeededGenerator.fromEnvironment()
        for length in 0...200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let split = Int.random(in: 0...length, using: &generator)
            let expected = FileDigest.hex(SHA256.hash(data: bytes))
            let words = bytes[..<split].withUnsafeBytes { prefix in
                bytes[split...].withUnsafeBytes { SetElementHash.digest(prefix: prefix, text: $0) }
            }
            #expect([words.0, words.1, words.2, words.3].map { String(format: "%016llx", $0) }.joined() == expected, "length \(length)")
        }
    }
}
