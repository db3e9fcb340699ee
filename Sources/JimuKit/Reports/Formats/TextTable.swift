/// A plain text table for terminals: columns padded by display width (full-width characters count 2),
/// separated by two spaces; left-aligned cells of the last column carry no trailing spaces.
public enum TextTable {
    /// The table's lines.
    /// - Parameters:
    ///   - rightAligned: which columns are right-aligned (numbers).
    ///   - indent: put before every line.
    public static func lines(
        header: [String], rows: [[String]], rightAligned: (Int) -> Bool = { _ in false }, indent: String = ""
    ) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { JapaneseText.displayWidth($0[column]) }.max() ?? 0 }
        return all.map { row in
            indent + row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - JapaneseText.displayWidth(cell))
                if rightAligned(index) { return padding + cell }
                return index == row.count - 1 ? cell : cell + padding
            }.joined(separator: "  ")
        }
    }
}
