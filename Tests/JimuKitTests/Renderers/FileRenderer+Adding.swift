@testable import JimuKit

extension FileRenderer {
    /// Checks and adds a record at once: a file on its own, as the tests use it.
    mutating func add(_ record: Record, rendered: Rendering) throws(RenderError) -> [UInt8] {
        try add(record, check(record, rendered: rendered))
    }
}

extension Rendering {
    /// The bytes of a rendering of bytes (empty for a form's texts).
    var bytes: [UInt8] {
        if case .bytes(let bytes) = self { bytes } else { [] }
    }
}
