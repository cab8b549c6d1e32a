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
/// wrapping the widest column of names onto more lines when it must.
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
        if let c = ProcessEnvironment.value("COLUMNS"), let n = Int(c), n > 20 { return n }
        var ws = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 20 { return Int(ws.ws_col) }
        return nil
    }

    func render(maxWidth: Int? = TextTable.terminalWidth) -> String {
        // Too wide: columns with one value on every row (the entity, the years) become caption
        // lines above the table instead.
        if let maxWidth, rows.count > 1, naturalWidth > maxWidth {
            let constant = headers.indices.filter { i in !rows[0][i].isEmpty && rows.allSatisfy { $0[i] == rows[0][i] } }
            if !constant.isEmpty, constant.count < headers.count {
                let keep = headers.indices.filter { !constant.contains($0) }
                var inner = TextTable(headers: keep.map { headers[$0] }, alignments: keep.map { alignments[$0] })
                for r in rows { inner.addRow(keep.map { r[$0] }) }
                var caption: [String] = [], line = ""
                for part in constant.map({ "\(headers[$0])：\(rows[0][$0])" }) {
                    if !line.isEmpty, displayWidth(line + "  " + part) > maxWidth { caption.append(line); line = "" }
                    line += (line.isEmpty ? "" : "  ") + part
                }
                caption.append(line)
                return caption.flatMap { Self.wrap($0, width: maxWidth) }.joined(separator: "\n") + "\n" + inner.render(maxWidth: maxWidth)
            }
        }
        let all = [headers] + rows
        var widths = headers.indices.map { i in all.map { displayWidth($0[i]) }.max() ?? 0 }
        var gap = 2
        if let maxWidth {
            // Columns of names and file names wrap; codes, years and amounts (digits, right-aligned
            // numbers) are never cut.
            let wrappable = headers.indices.map { i in
                alignments[i] == .left && rows.contains { r in
                    displayWidth(r[i]) > r[i].count || (r[i].count > 8 && r[i].contains { !$0.isNumber })
                }
            }
            // A header in Chinese wraps down to its column's data; names wrap down to 2 wide characters.
            let minimum = headers.indices.map { i -> Int in
                let data = rows.map { displayWidth($0[i]) }.max() ?? 0
                if wrappable[i] { return min(data, 4) }
                return displayWidth(headers[i]) > headers[i].count ? max(data, 4) : max(data, displayWidth(headers[i]))
            }
            // Many columns: one space between them rather than wider than the terminal.
            if minimum.reduce(0, +) + gap * (widths.count - 1) > maxWidth { gap = 1 }
            var total = widths.reduce(0, +) + gap * (widths.count - 1)
            while total > maxWidth {
                let candidates = widths.indices.filter { widths[$0] > minimum[$0] }
                // Long names first, then Chinese headers, then names down to their minimum.
                func widest(_ c: [Int]) -> Int? { c.max(by: { widths[$0] < widths[$1] }) }
                guard let i = widest(candidates.filter { wrappable[$0] && widths[$0] > 16 })
                    ?? widest(candidates.filter { !wrappable[$0] }) ?? widest(candidates) else { break }
                widths[i] -= 1
                total -= 1
            }
        }
        var out = ""
        for (n, row) in all.enumerated() {
            let cells = row.indices.map { Self.wrap(row[$0], width: widths[$0]) }
            let height = cells.map(\.count).max() ?? 1
            for k in 0..<height {
                var line = ""
                for i in row.indices {
                    let cell = k < cells[i].count ? cells[i][k] : ""
                    let pad = String(repeating: " ", count: max(0, widths[i] - displayWidth(cell)))
                    let isLast = i == row.count - 1
                    switch alignments[i] {
                    case .left: line += cell + (isLast ? "" : pad)
                    case .right: line += pad + cell
                    }
                    if !isLast { line += String(repeating: " ", count: gap) }
                }
                while line.hasSuffix(" ") { line.removeLast() }
                out += line + "\n"
            }
            if n == 0 {
                out += widths.map { String(repeating: "─", count: $0) }
                    .joined(separator: String(repeating: " ", count: gap)) + "\n"
            }
        }
        return out
    }

    var naturalWidth: Int {
        let all = [headers] + rows
        return headers.indices.map { i in all.map { displayWidth($0[i]) }.max() ?? 0 }.reduce(0, +) + 2 * (headers.count - 1)
    }

    /// Breaks `s` into lines of at most `width` display columns (a character never splits).
    static func wrap(_ s: String, width: Int) -> [String] {
        if displayWidth(s) <= width { return [s] }
        var lines: [String] = [], cur = ""
        for ch in s {
            if !cur.isEmpty, displayWidth(cur + String(ch)) > width { lines.append(cur); cur = "" }
            cur.append(ch)
        }
        if !cur.isEmpty { lines.append(cur) }
        return lines
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
