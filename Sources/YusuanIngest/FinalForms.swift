import Foundation
import YusuanCore

/// What the national 决算 forms add to the segmenting: a directory whose entries read like titles,
/// the 情况说明 printed after the tables, and tables printed empty with a note saying why.
enum FinalForms {
    /// A directory line: another title, a part heading (“第三部分 …”) or a numbered item (“十、预算绩效管理情况”).
    static func isDirectoryEntry(_ line: SourceLine) -> Bool {
        if TitleKind.classify(line) != nil { return true }
        guard line.filledCount == 1 else { return false }
        let k = Clean.labelKey(line.filled[0].text)
        return isPartHeading(k) || (k.count <= 30 && NarrativeReader.startsNewItem(k) && !k.contains("。"))
    }

    /// “第三部分 上海市普陀区财政局2024年度部门决算情况说明”.
    static func isPartHeading(_ k: String) -> Bool {
        k.hasPrefix("第") && k.dropFirst().prefix(3).contains("部") && k.contains("部分") && k.count <= 50
    }

    /// A heading after which prose follows, not table rows: a part heading or a 情况说明 heading.
    static func opensNarrative(_ line: SourceLine) -> Bool {
        guard line.filledCount == 1 else { return false }
        let k = Clean.labelKey(line.filled[0].text)
        if k.hasPrefix("注") || k.hasPrefix("说明") || k.hasPrefix("备注") || k.contains("。") { return false }
        return isPartHeading(k) || (k.count <= 50 && k.hasSuffix("情况说明"))
    }

    /// The explanation of an empty table, without its 注/说明 label; nil for other notes.
    static func emptyTableNote(_ line: SourceLine) -> String? {
        let text = Clean.label(line.text)
        guard NarrativeWords.emptyNote.contains(where: { text.contains($0) }) else { return nil }
        if let colon = text.firstIndex(where: { $0 == "：" || $0 == ":" }), text.distance(from: text.startIndex, to: colon) <= 4 {
            return Clean.label(text[text.index(after: colon)...])
        }
        return text
    }
}

/// 一般公共预算财政拨款基本支出决算表 printed in halves side by side (301… | 302… [| 310…]): each
/// half a code (or 类 | 款 cells), a name and its amount; 人员经费合计 / 公用经费合计 give the
/// `合计` line's `personnel` / `operating`.
struct SideBySideBasicReader {
    let ctx: ReadingContext

    /// An economic code cell: 3 or 5 digits starting with 3 or 5.
    static func economicCode(_ s: Substring) -> String? {
        // The key drops spaces and keeps digits: a cell whose first other scalar is no 3 or 5 is
        // none, told by its bytes (this runs on every cell of a basic table).
        let first = s.utf8.withContiguousStorageIfAvailable { u -> UInt8? in
            var j = 0
            while j < u.count, case let n = Clean.spaceLength(u, j), n > 0 { j += n }
            return j < u.count ? u[j] : nil
        }
        if let first, first != UInt8(ascii: "3") && first != UInt8(ascii: "5") { return nil }
        let k = Clean.key(String(s))
        guard k.count == 3 || k.count == 5, k.allSatisfy({ $0.isASCIIDigit }), k.first == "3" || k.first == "5" else { return nil }
        return k
    }

    /// Whether a basic table prints its halves side by side: a row with two economic codes.
    static func applies(_ blocks: [Block]) -> Bool {
        blocks.contains { b in
            b.lines.contains { l in l.cells.enumerated().filter { economicCode($0.element) != nil && $0.offset > 0 }.count >= 1
                && economicCode(l.filled.first?.text ?? "") != nil }
        }
    }

    static func totalMeasure(_ label: String) -> Measure? {
        let k = Clean.key(label)
        return HeaderWords.measure(.basicSideBySide, k) ?? (CodeTableReader.isTotalLabel(k) ? .total : nil)
    }

    struct Segment { var column: Int; var code: String?; var name = ""; var amount: (Int, CellValue)? }

    /// Splits a row into its halves: each begins at a code, or at a 合计 label.
    static func segments(_ line: SourceLine, unit: MoneyUnit) -> (segments: [Segment], stray: [Int]) {
        var out: [Segment] = []
        var stray: [Int] = []
        let cells = line.cells
        var i = 0
        while i < cells.count {
            let c = cells[i]
            if c.allSatisfy(Clean.isSpace) { i += 1; continue }
            if var code = economicCode(c), out.last.map({ $0.amount != nil || !$0.name.isEmpty }) ?? true {
                // 类 | 款 in two cells: `302 ⇥ 01`.
                if code.count == 3, i + 1 < cells.count {
                    let k = Clean.key(String(cells[i + 1]))
                    if k.count == 2, k.allSatisfy({ $0.isASCIIDigit }) { code += k; i += 1 }
                }
                out.append(Segment(column: i, code: code))
                i += 1
                continue
            }
            let v = Numbers.cell(c, unit: unit)
            switch v {
            case .number:
                if let last = out.indices.last, out[last].amount == nil, !out[last].name.isEmpty || out[last].code != nil {
                    out[out.count - 1].amount = (i, v)
                } else { stray.append(i) }
            case .text(let t):
                let label = Clean.label(Substring(t))
                if totalMeasure(label) != nil, out.last.map({ $0.code == nil ? !$0.name.isEmpty : true }) ?? true {
                    out.append(Segment(column: i, code: nil, name: label))
                } else if let last = out.indices.last, out[last].amount == nil {
                    out[last].name += label
                } else {
                    out.append(Segment(column: i, code: nil, name: label))
                }
            default:
                if let last = out.indices.last, out[last].amount == nil { out[out.count - 1].amount = (i, v) } else { stray.append(i) }
            }
            i += 1
        }
        return (out, stray)
    }

    func read(_ blocks: [Block], unit: MoneyUnit) {
        for block in blocks {
            for line in block.lines {
                let (segments, stray) = Self.segments(line, unit: unit)
                guard segments.contains(where: { $0.amount != nil }) || !stray.isEmpty else { continue }
                for s in segments {
                    guard let (col, value) = s.amount else { continue }
                    var item = s.name, measure = Measure.total, code = s.code
                    if code == nil {
                        guard let m = Self.totalMeasure(s.name) else {
                            ctx.warn(line.number, .unreadRow, key: "warn.unread-basic-amount", ["name": String(s.name.prefix(30)), "title": block.title])
                            continue
                        }
                        item = "合计"; measure = m; code = nil
                    }
                    guard case .number(let m) = value else {
                        ctx.warnCell(line.number, column: col, value, context: "“\(item)”")
                        continue
                    }
                    let table: TableKind = code?.first == "5" ? .basicByGovEconomic : .basicByEconomic
                    ctx.emit(line: line.number, column: col, table: table, code: code, item: item, measure: measure, amount: m, unit: unit)
                }
                for col in stray {
                    ctx.warn(line.number, .unreadRow, key: "warn.unread-basic-column", ["column": String(col + 1), "title": block.title])
                }
            }
        }
    }
}
