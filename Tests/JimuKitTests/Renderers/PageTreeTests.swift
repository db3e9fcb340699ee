@testable import JimuKit
import Testing

@Suite struct PageTreeTests {
    static let tail = Array("endobj\n1 0 obj\n<< /Type /Pages\n   /Kids [ 2 0 R 16 0 R 20 0 R 31 0 R ]\n   /Count 4\n>>\nendobj\n".utf8)

    @Test("the last pages move to the front of the page tree, every byte offset kept")
    func moves() {
        var bytes = Self.tail
        #expect(PageTree.moveLastPagesFirst(2, in: &bytes))
        #expect(String(decoding: bytes, as: UTF8.self).contains("/Kids [ 20 0 R 31 0 R 2 0 R 16 0 R ]"))
        #expect(bytes.count == Self.tail.count)
    }

    @Test("no page tree, or fewer pages than asked: nothing changes and it says so")
    func refuses() {
        var bytes = Self.tail
        #expect(!PageTree.moveLastPagesFirst(5, in: &bytes))
        var other = Array("1 0 obj << /Type /Catalog >> endobj".utf8)
        #expect(!PageTree.moveLastPagesFirst(1, in: &other))
        #expect(bytes == Self.tail)
    }
}
