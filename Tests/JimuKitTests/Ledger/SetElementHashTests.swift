import Foundation
@testable import JimuKit
import Testing

@Suite struct SetElementHashTests {
    private func hex(_ bytes: [UInt8], split: Int = 0) -> String {
        let words = bytes[..<split].withUnsafeBytes { prefix in bytes[split...].withUnsafeBytes { SetElementHash.digest(prefix: prefix, text: $0) } }
        return [words.0, words.1, words.2, words.3].map { String(format: "%016llx", $0) }.joined()
    }

    @Test("RFC 7693, Appendix B: BLAKE2s-256 of \"abc\"")
    func published() {
        #expect(hex(Array("abc".utf8), split: 1) == "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982")
    }

    /// Messages of the lengths around a block's edges, and their digests by Python's
    /// `hashlib.blake2s` (random.Random(7) bytes).
    static let vectors: [(String, String)] = [
        ("", "69217a3079908094e11121d042354a7c1f55b6482ca1a51e1b250dfd1ed0eef9"),
        ("a5", "4d165f32fe8f5b7ad98f409490c7acc30ef77d9e281820a5971ecd17336db26b"),
        ("4dca182530bb1d6d132cded6237b2ed91e3f721fcb1971174494d6493c9d5c3460be31201e69fedaa0eee8b9997f5c7c2999fdafe59325", "47ed588d4d9a3530212fc8fad52aad5cb98b1164b6c82284d2fa45063c6f42e4"),
        ("3cd654af4dfad71427a0aeb3fee9232f8af2211f9ee491c5b10becb5563bfc1e6f93427ecbc8fe2955e5cd8e46dc8ed4b7c2764d2a5a4d76", "640f69025aa5928376c654ccd7450894fd9d9d13cdf486cee9bb9489117f40fa"),
        ("7706f85d8690024ad6bda3401be9c8cbccc935f6cd1f61226ae15338ae1a34004d33ba0d246ac04c81b1baf23e3bf9eef5f79f2b4934af87f5520b69b94b0d", "30b6b9bf943908d080ff25c8cd8903af8b72d65af2e3207087fd482f5c88f187"),
        ("982e85bb55b672a872637acd7466fcb60e0e8ff18463b0e4b2ba29703474f064ac68f700f5b02b3dc666f45bdeaa2ccaedcd2b5157410e4dee4af2b34f430a07", "6c79f3ee10b1c15fcaa1136cb540027fb217098980a548b6d4ccb2d6ad170303"),
        ("3447de636c0e806c957ba684d6431fb5ead7424d09e15d024c5848f23d1fa6f7361d7f618d1532e70e20e2a6668de7f47e8467e546d53ec8e2a1257bdb256c9b3e", "2b5200e97f39ec2f6253b4104ab3ce2599a0b16463ee1dbba454df2e4aa72e24"),
        ("4fbb498146ef7030cbf9537252dcceadd764b6a32fbb09adeae109c4a997203975352b878b145c8a42d884cf4cfda72d8e1d5dd92589082d852a7122873ee805add58942167a385286195c679f9c6994e45b8ab1098012070961f37de436ddfdc99d6e75", "254565143368511f03312ecff99098e7e88b0e0c8aed135f60efab4bfb6f8f19"),
        ("af6547cfb11b42072482dc531c2bc3907c9617eb5e5089e40186baa8a57d119e6fb65d00abc32af38e667f022e872d49cc15c90b999b772b4fc7a6fd4c914a16db4708752b0f1544b835c0e719097dfa8701e9232f21f2812687786976ebfcc327f5931765274ba9829b4406f61ff889326ffa9492edeeee3c669f2bf20894ea", "70f1b95bead3f523db649721a6976ad876c6da52fb2d204f82fcae23ebef730e"),
        ("27e689c66b6b262e4886b8438f39ba76fef8c90c5101fbe6cf9a48d5b0c0a13da900a6adcb3d64069481be21c9c727b8db8c188f341a924c7f88dfa161bfdb0ecc682919d2e64692f8194157f1d4af90988285cf7a9af7c93d5552266afe70e7aae6da47627c2e59af2ea37abc84670ad3c4d36bc08aad1fff8eb8406e2f8a7fc4", "678af4084402fd069e348ce0fc041ec5fc7149f43c9da33e47af21fc0cfec190"),
        ("cce4dd9f0b4110d9f2fa0025c8efe57f37724f4d37ea2b14004077139b4180df3932249962c6857200059aeb8ea17cf3787e0ed29d1c0b63ffd7298374d9bd74fc11add7b9ca6503952269fd669f6376ee71879737fd5f72f8d51c4ac91b6d0c48d41a1e5ec9e6a0392854a8615eef109fc1bfa9e2563701288f29b3d73f6ac2b69edd2c19f264bee462a5baf20fd27ecf14c011ed201f836320adb98bab1686a28d9801210c7736f3eec580dcfc43fe5d049b4d78a7a3ebb92865c8517ed02111f6a652da352487", "231bd4a700027cfbeb8b6ed8324148cb7a4f97ace2592cf074f1fdf99e33f8b3"),
    ]

    @Test("the same as Python's hashlib.blake2s for messages of 0 to 200 bytes, split anywhere")
    func reference() {
        for (index, (message, expected)) in Self.vectors.enumerated() {
            let bytes = stride(from: 0, to: message.count, by: 2).map { offset in
                UInt8(message.dropFirst(offset).prefix(2), radix: 16)!
            }
            #expect(hex(bytes, split: index % max(1, bytes.count + 1)) == expected, "\(bytes.count) bytes")
        }
    }
}
