/// Markdown table rows, shared by every Markdown writer.
enum MarkdownTable {
    /// `| a | b |`, with `|` inside a cell escaped.
    static func row(_ cells: [String]) -> String {
        "| " + cells.map { $0.utf8.contains(UInt8(ascii: "|")) ? $0.replacingOccurrences(of: "|", with: "\\|") : $0 }.joined(separator: " | ") + " |"
    }

    /// The line under the header: columns `numericFrom...numericUpTo` right-aligned (numbers), the
    /// others left-aligned.
    static func separator(_ count: Int, numericFrom: Int = 0, numericUpTo: Int = .max) -> String {
        "|" + (0..<count).map { $0 >= numericFrom && $0 <= numericUpTo ? "---:" : "---" }.joined(separator: "|") + "|"
    }
}
