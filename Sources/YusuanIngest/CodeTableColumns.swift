import Foundation
import YusuanCore

/// A 科目 table's columns: which measure each amount column holds (from its header's words, or the
/// standard order when the header is lost), where the code and name stand, and codes split over
/// 类 | 款 | 项 columns.
extension CodeTableReader {
    /// Maps a header cell's text to a measure for this kind of table; nil = not an amount column.
    /// The words are data (`header-words.tsv`); the rules here: a column of another year gives that
    /// year's figures, and only totals have a prior-year form in these tables.
    func measure(forHeader h: String) -> (Measure, Int?)? {
        let t = Clean.key(h)
        if t.isEmpty || HeaderWords.holds(.codeTable, .notAmount, t) { return nil }
        var year: Int? = nil
        let years = yearsMentioned(t)
        if !years.isEmpty, !years.contains(ctx.identity.year), let prior = years.filter({ $0 < ctx.identity.year }).max() {
            year = prior
        } else if HeaderWords.holds(.codeTable, .priorYear, t) {
            year = ctx.identity.year - 1
        }
        guard let m = HeaderWords.measure(Self.headerTable(kind), t) else { return nil }
        if year != nil && m != .total { return nil }
        return (m, year)
    }

    /// Which rows of `header-words.tsv` name this kind's columns.
    static func headerTable(_ kind: TitleKind) -> HeaderWords.Table {
        switch kind {
        case .income: .income
        case .basic: .basic
        case .projectEconomic: .projectEconomic
        default: .functional
        }
    }

    /// Columns whose header says they are not amounts to read (增减额, 增幅%, 比上年): their numbers
    /// are expected and not worth a warning.
    func ignoredColumns(fromHeader header: [SourceLine]) -> Set<Int> {
        let width = header.map(\.cells.count).max() ?? 0
        var out = Set<Int>()
        for i in 0..<width {
            let t = Clean.key(header.map { i < $0.cells.count ? Clean.label($0.cells[i]) : "" }.joined())
            if HeaderWords.holds(.codeTable, .quiet, t) { out.insert(i) }
        }
        return out
    }

    /// Columns from the header lines: each column's text is what all header lines print in it.
    func columns(fromHeader header: [SourceLine]) -> [Column] {
        let width = header.map(\.cells.count).max() ?? 0
        var out: [Column] = []
        for i in 0..<width {
            let text = header.map { i < $0.cells.count ? Clean.label($0.cells[i]) : "" }.joined()
            if let (m, y) = measure(forHeader: text) { out.append(Column(index: i, measure: m, year: y)) }
        }
        // A measure may only appear once per year; a repeated one is a merged-cell artefact.
        var seen = Set<String>()
        return out.filter { seen.insert("\($0.measure.rawValue)-\($0.year ?? 0)").inserted }
    }

    /// Standard column order of a table printed without its header.
    static func defaultColumns(for kind: TitleKind, amountCells: Int) -> [Measure] {
        switch kind {
        case .income:
            let all: [Measure] = [.total, .generalBudget, .fundBudget, .stateCapital, .specialAccount,
                                  .business, .superiorGrant, .subordinate, .operating, .other]
            return Array(all.prefix(amountCells))
        case .basic: return Array([Measure.total, .personnel, .operating].prefix(amountCells))
        case .projectEconomic: return [.total]
        default: return Array([Measure.total, .basic, .project].prefix(amountCells))
        }
    }

    func looksLikeHeader(_ line: SourceLine) -> Bool {
        let t = Clean.labelKey(line.text)
        return HeaderWords.holds(.codeTable, .header, t) || line.filled.allSatisfy { Numbers.cell($0.text, unit: .yuan) == .blank }
    }

    /// The first column after the name column whose header prints any text.
    func firstNamedColumn(_ header: [SourceLine], after nameColumn: Int) -> Int? {
        let width = header.map(\.cells.count).max() ?? 0
        return (nameColumn + 1..<max(nameColumn + 1, width)).first { i in
            header.contains { i < $0.cells.count && !Clean.labelKey($0.cells[i]).isEmpty }
        }
    }

    func codeAndNameColumns(_ header: [SourceLine]) -> (Int, Int) {
        var code = 0, name = 1
        for line in header {
            for (i, c) in line.cells.enumerated() {
                let k = Clean.key(String(c))
                if HeaderWords.holds(.codeTable, .codeColumn, k) { code = i }
                if HeaderWords.holds(.codeTable, .nameColumn, k) { name = i }
            }
        }
        if name <= code { name = code + 1 }
        return (code, name)
    }

    /// Codes printed in three columns (类 | 款 | 项: `201 | 03 | 01`) become one (`2010301`); a 款
    /// or 项 printed without its 类 takes the 类 of the rows above.
    final class SplitCodes {
        /// 3 for 类 | 款 | 项, 2 for 类 | 款 (economic codes).
        var width = 3
        var lei: String?
        var kuan: String?
        func join(_ cells: [Substring]) -> [Substring]? {
            guard cells.count >= width + 1 else { return nil }
            var c = cells.prefix(width).map { Clean.key(String($0)) }
            if width == 2 { c.append("") }
            func digits(_ s: String, _ n: Int) -> Bool { s.count == n && s.allSatisfy { $0.isASCIIDigit } }
            guard (digits(c[0], 3) || c[0].isEmpty), (digits(c[1], 2) || c[1].isEmpty), (digits(c[2], 2) || c[2].isEmpty),
                  !(c[0].isEmpty && c[1].isEmpty && c[2].isEmpty) else { return nil }
            if digits(c[0], 3) { lei = c[0]; kuan = nil }
            guard let lei else { return nil }
            var code = lei
            if digits(c[1], 2) { kuan = c[1] }
            if digits(c[1], 2) || digits(c[2], 2), let k = kuan { code += k }
            if digits(c[2], 2) { code += c[2] }
            return [Substring(code), ""] + cells.dropFirst(width).map { $0 }
        }
    }

    static let levelHeadings: Set<String> = ["类", "款", "项"]
}
