import Foundation
import YusuanCore

/// Terminal display width: East Asian wide and full-width characters take two columns.
func displayWidth(_ s: String) -> Int {
    var w = 0
    for scalar in s.unicodeScalars {
        let v = scalar.value
        if v == 0 || (v < 32) || (0x300...0x36F).contains(v) || v == 0x200B { continue }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v)
            || (0x3041...0x33FF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            || v == 0x201C || v == 0x201D
        w += wide ? 2 : 1
    }
    return w
}

/// A plain-text table that aligns Chinese text by display width and fits the terminal by
/// shortening the widest left-aligned column (with an ellipsis) when it must.
struct TextTable {
    enum Alignment { case left, right }
    let headers: [String]
    let alignments: [Alignment]
    private(set) var rows: [[String]] = []

    init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? Array(repeating: .left, count: headers.count)
    }

    mutating func addRow(_ row: [String]) {
        var r = row.map(SafeText.clean)   // nothing from a document drives the terminal
        while r.count < headers.count { r.append("") }
        rows.append(Array(r.prefix(headers.count)))
    }

    /// The terminal's width from $COLUMNS or the tty, nil when not a terminal.
    static var terminalWidth: Int? {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n > 20 { return n }
        var ws = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 20 { return Int(ws.ws_col) }
        return nil
    }

    func render(maxWidth: Int? = TextTable.terminalWidth) -> String {
        let all = [headers] + rows
        var widths = headers.indices.map { i in all.map { displayWidth($0[i]) }.max() ?? 0 }
        let gap = 2
        if let maxWidth {
            var total = widths.reduce(0, +) + gap * (widths.count - 1)
            // Shrink the widest left-aligned column first; numbers are never cut.
            while total > maxWidth {
                guard let i = widths.indices.filter({ alignments[$0] == .left && widths[$0] > 6 })
                    .max(by: { widths[$0] < widths[$1] }) else { break }
                widths[i] -= 1
                total -= 1
            }
        }
        var out = ""
        for (n, row) in all.enumerated() {
            var line = ""
            for i in row.indices {
                let cell = Self.fit(row[i], width: widths[i])
                let pad = String(repeating: " ", count: max(0, widths[i] - displayWidth(cell)))
                let isLast = i == row.count - 1
                switch alignments[i] {
                case .left: line += cell + (isLast ? "" : pad)
                case .right: line += pad + cell
                }
                if !isLast { line += String(repeating: " ", count: gap) }
            }
            out += line + "\n"
            if n == 0 {
                out += widths.map { String(repeating: "─", count: $0) }
                    .joined(separator: String(repeating: " ", count: gap)) + "\n"
            }
        }
        return out
    }

    /// Cuts `s` to `width` display columns, ending with … when shortened.
    static func fit(_ s: String, width: Int) -> String {
        if displayWidth(s) <= width { return s }
        var out = ""
        for ch in s {
            if displayWidth(out + String(ch)) > width - 1 { break }
            out.append(ch)
        }
        return out + "…"
    }
}
