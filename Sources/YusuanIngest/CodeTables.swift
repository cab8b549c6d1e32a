import Foundation
import YusuanCore

/// Reads tables whose rows are 科目: code, name, then amount columns mapped by header text.
/// Handles header rows spread over several lines, continuation pages, rows whose code went to
/// the next page, names wrapped onto a second line, and a prior-year column.
struct CodeTableReader {
    /// What one amount column holds.
    struct Column: Equatable {
        var index: Int
        var measure: Measure
        /// Set for a prior-year column such as `2023年预算数`.
        var year: Int?
    }

    /// One row after repair, before facts are emitted; its cells' values are in `pool`.
    struct Row {
        var line: Int
        var code: String?
        var item: String
        var values: ValuePool.Span
        var isTotal: Bool
        var hasAmounts: Bool { values.hasAmounts }
    }

    let kind: TitleKind
    let ctx: ReadingContext
    let split = SplitCodes()
    let pool = ValuePool()

    static func isCode(_ s: Substring) -> String? {
        // ASCII cells by the byte (the key of ASCII drops only spaces and tabs): asked of every
        // cell of every 科目 row, names included, which an ASCII letter or any CJK byte settles.
        var digits: [UInt8] = []
        for b in s.utf8 {
            if b >= 0x30 && b <= 0x39 { digits.append(b) } else if b == 0x20 || b == 0x09 { continue }
            else if b < 0x80 { return nil } else {
                // A code's key is ASCII digits only, and the key keeps every other scalar but the
                // spaces it drops (it maps none to a digit): a non-ASCII scalar that is no space
                // (most names, told by its first byte) makes no code.
                if !(b == 0xC2 || b == 0xE2 || b == 0xE3) { return nil }
                let k = Clean.key(String(s))
                return SubjectCode(k) != nil ? k : nil
            }
        }
        return [3, 5, 7].contains(digits.count) ? String(decoding: digits, as: UTF8.self) : nil
    }

    /// A label naming a table's total row (合计, 总计, …).
    static func isTotalLabel(_ s: String) -> Bool {
        HeaderWords.holds(.any, .totalRow, Clean.key(s))
    }

    /// Whether a line looks like a data row (rather than a header line).
    static func isDataRow(_ line: SourceLine, unit: MoneyUnit) -> Bool {
        let filled = line.filled
        guard let first = filled.first else { return false }
        if isCode(first.text) != nil && first.index <= 1 { return true }
        if filled.prefix(2).contains(where: { isTotalLabel(Clean.label($0.text)) }) {
            return filled.contains { if case .number = Numbers.cell($0.text, unit: unit) { true } else { false } }
        }
        return false
    }

    /// Reads a chain of blocks of one table (its first page and continuation pages).
    func read(_ blocks: [Block], unit: MoneyUnit) {
        // In chunks: never copied to grow, and let go as their facts are emitted.
        var rows = ChunkedList<Row>()
        var columns: [Column] = []
        var codeColumn = 0
        var nameColumn = 1
        var lastDataLine = -10
        var warnedHeaderless = false
        var usesSplitCodes = false
        var quietColumns = Set<Int>()
        // The first column the header names after the name: amounts start there even when its
        // header is no measure (a 决算's 年初结转和结余, 本年收入).
        var firstAmount: Int?
        var headerNames: [Int: String] = [:]
        for block in blocks {
            var header: [SourceLine] = []
            var sawData = false
            // A header naming 类 | 款 | 项 columns: collapse the three code columns into one. (The
            // header may run to more lines in space-aligned text, its headings broken over lines.)
            for l in block.lines.prefix(ctx.realigned ? 10 : 6) {
                let k = l.cells.prefix(3).map { Clean.key(String($0)) }
                if k == ["类", "款", "项"] { usesSplitCodes = true; split.width = 3 }
                else if k.prefix(2) == ["类", "款"] { usesSplitCodes = true; split.width = 2 }
            }
            for var line in block.lines {
                if usesSplitCodes, line.cells.count > split.width {
                    let w = split.width
                    let cells = split.join(line.cells)
                        ?? [Substring(line.cells.prefix(w).map(String.init).filter { !Self.levelHeadings.contains(Clean.key($0)) }.joined()), ""]
                            + line.cells.dropFirst(w)
                    line = SourceLine(number: line.number, text: Substring(cells.joined(separator: "\t")))
                }
                let isData = Self.isDataRow(line, unit: unit)
                    || (sawData && Self.hasLabelAndNumbers(line, unit: unit))
                if !isData {
                    if !sawData { header.append(line) }
                    else { handleNonDataLine(line, rows: &rows, nameColumn: nameColumn, lastDataLine: lastDataLine) }
                    continue
                }
                if !sawData {
                    sawData = true
                    let fromHeader = self.columns(fromHeader: header)
                    // Each page's own header wins unless extraction damaged it worse than the first.
                    if !fromHeader.isEmpty && fromHeader.count >= columns.count {
                        columns = fromHeader
                        (codeColumn, nameColumn) = codeAndNameColumns(header)
                        quietColumns = ignoredColumns(fromHeader: header)
                        firstAmount = firstNamedColumn(header, after: nameColumn)
                        headerNames = Dictionary(uniqueKeysWithValues: (0..<(header.map(\.cells.count).max() ?? 0)).map { i in
                            (i, header.map { i < $0.cells.count ? Clean.label($0.cells[i]) : "" }.joined()) })
                    }
                    if columns.isEmpty {
                        let amountCells = max(0, line.cells.count - 2)
                        columns = Self.defaultColumns(for: kind, amountCells: amountCells).enumerated()
                            .map { Column(index: $0.offset + 2, measure: $0.element, year: nil) }
                        if !warnedHeaderless {
                            warnedHeaderless = true
                            ctx.warn(line.number, .missingHeader,
                                     "table without a readable title or header from here: read as \(kind.name) with columns in the standard order (\(columns.map(\.measure.rawValue).joined(separator: ", "))); check its figures")
                        }
                    }
                    for h in header where !looksLikeHeader(h) {
                        ctx.warn(h.number, .strayLine, "line between the title and the first row of \(kind.name) is neither header nor data; ignored")
                    }
                }
                if let row = parseRow(line, columns: columns, codeColumn: codeColumn, nameColumn: nameColumn, unit: unit, quiet: quietColumns,
                                      firstAmount: firstAmount, headerNames: headerNames) {
                    merge(row, into: &rows, lastDataLine: lastDataLine)
                }
                lastDataLine = line.number
            }
        }
        repairMissingCodes(&rows)
        let family = family(of: rows, blocks: blocks)
        emit(&rows, columns: columns, unit: unit, family: family)
    }

    func parseRow(_ line: SourceLine, columns: [Column], codeColumn: Int, nameColumn: Int, unit: MoneyUnit,
                  quiet: Set<Int> = [], firstAmount: Int? = nil, headerNames: [Int: String] = [:]) -> Row? {
        let cells = line.cells
        var code: String? = nil
        var item = ""
        let amountStart = min(columns.map(\.index).min() ?? 2, firstAmount ?? Int.max)
        // The code is in the code column, or in the first filled cell when the row is shifted —
        // never in an amount column (a whole-number 合计 such as `640` is not a code).
        for (i, c) in line.filled.prefix(2) where i < amountStart {
            if let k = Self.isCode(c) { code = k; break }
        }
        // Label: the name cell, or any non-numeric text before the amount columns.
        var labelParts: [String] = []
        for i in 0..<min(amountStart, cells.count) {
            let c = cells[i]
            if Self.isCode(c) != nil { continue }
            let l = Clean.label(c)
            // The 类 | 款 | 项 headings of split code columns, printed on the 合计 row of a PDF (a
            // heading is one character: longer labels are not hashed to be looked up).
            if !l.isEmpty, l.utf8.count > 4 || !Self.levelHeadings.contains(l) { labelParts.append(l) }
        }
        item = labelParts.joined()
        // 栏次/行次 rows number the columns; they hold no amounts.
        if code == nil, HeaderWords.holds(.any, .columnNumbers, Clean.key(item)) { return nil }
        let isTotal = code == nil && Self.isTotalLabel(item)
        if isTotal { item = "合计" }
        var values: [(Int, CellValue)] = []
        for col in columns where col.index < cells.count {
            values.append((col.index, Numbers.cell(cells[col.index], unit: unit)))
        }
        // Cells beyond the known columns that hold numbers were not read: say so.
        for i in amountStart..<max(amountStart, cells.count) where !columns.contains(where: { $0.index == i }) && !quiet.contains(i) {
            if case .number = Numbers.cell(cells[i], unit: unit) {
                let name = headerNames[i].map { String($0.prefix(20)) } ?? ""
                ctx.warn(line.number, .unmappedColumn, key: name.isEmpty ? "warn.unmapped-column" : "warn.unmapped-column-named",
                         ["column": String(i + 1), "header": name])
            }
        }
        return Row(line: line.number, code: code, item: item, values: pool.add(values), isTotal: isTotal)
    }

    /// Joins a row to the previous one where a page break or a wrap split them.
    func merge(_ row: Row, into rows: inout ChunkedList<Row>, lastDataLine: Int) {
        // The code alone at the top of the next page: it belongs to the last row without one.
        if let code = row.code, row.item.isEmpty || row.item == code, !row.hasAmounts,
           let i = rows.lastIndex(where: { $0.code == nil && !$0.isTotal }) , i == rows.count - 1 {
            rows[i].code = code
            return
        }
        // A code row with no amounts followed directly by its name's second half and the amounts.
        if row.code == nil, !row.isTotal, row.hasAmounts, let last = rows.last, last.code != nil,
           !last.hasAmounts, row.line - last.line <= 2 {
            rows[rows.count - 1].item += row.item
            rows[rows.count - 1].values = row.values
            rows[rows.count - 1].line = row.line
            return
        }
        rows.append(row)
    }

    static func hasLabelAndNumbers(_ line: SourceLine, unit: MoneyUnit) -> Bool {
        let filled = line.filled
        guard let first = filled.first, first.index <= 1,
              case .text = Numbers.cell(first.text, unit: unit) else { return false }
        return filled.dropFirst().contains { $0.index >= 2 && { if case .number = Numbers.cell($0.text, unit: unit) { true } else { false } }($0) }
    }

    /// A text-only line among the rows: the second line of a wrapped name, else a warning.
    func handleNonDataLine(_ line: SourceLine, rows: inout ChunkedList<Row>, nameColumn: Int, lastDataLine: Int) {
        let filled = line.filled
        let numeric = filled.filter { if case .number = Numbers.cell($0.text, unit: .yuan) { true } else { false } }
        if numeric.isEmpty, filled.count == 1, let last = rows.last, !last.isTotal,
           line.number - lastDataLine <= 2, filled[0].index <= nameColumn + 1 {
            let text = Clean.label(filled[0].text)
            if !text.isEmpty, text.count <= 24, !looksLikeHeader(line) || text.count <= 6 {
                rows[rows.count - 1].item += text
                return
            }
        }
        if looksLikeHeader(line) { return }   // a repeated header on a continuation page
        if !numeric.isEmpty || filled.count > 1 {
            ctx.warn(line.number, .unreadRow, key: "warn.unread-row", ["text": String(Clean.label(line.text).prefix(50))])
        }
    }

    /// Rows whose code was lost: take it from another table of the document where the same name
    /// stands under the same parent.
    func repairMissingCodes(_ rows: inout ChunkedList<Row>) {
        for i in rows.indices where rows[i].code == nil && !rows[i].isTotal && rows[i].hasAmounts {
            let name = Clean.key(rows[i].item)
            let parent = rows[..<i].last(where: { $0.code != nil })?.code
            let candidates = (ctx.codesByName[name] ?? []).filter { c in
                guard let p = parent, let code = SubjectCode(c), let pc = SubjectCode(p) else { return false }
                return pc.isAncestor(of: code) || pc.parent.map { $0.isAncestor(of: code) } == true
            }
            if candidates.count == 1, let c = candidates.first {
                rows[i].code = c
                ctx.warn(rows[i].line, .codeRepaired, key: "warn.code-repaired", ["item": rows[i].item, "code": c], severity: .info)
            } else {
                ctx.warn(rows[i].line, .missingCode, key: "warn.missing-code", ["item": rows[i].item])
            }
        }
    }

    func family(of rows: ChunkedList<Row>, blocks: [Block]) -> SubjectCode.Family {
        let sub = blocks.compactMap(\.subtitle).joined() + blocks.map(\.title).joined()
        if HeaderWords.holds(.codeTable, .governmentEconomic, sub) { return .governmentEconomic }
        if HeaderWords.holds(.codeTable, .departmentEconomic, sub) { return .departmentEconomic }
        var counts: [SubjectCode.Family: Int] = [:]
        for r in rows { if let c = r.code.flatMap(SubjectCode.init) { counts[c.family, default: 0] += 1 } }
        return counts.max { $0.value < $1.value }?.key ?? .functional
    }

    func tableKind(for code: String?, family: SubjectCode.Family) -> TableKind {
        let fam = code.flatMap(SubjectCode.init)?.family ?? family
        switch kind {
        case .income: return .incomeByFunction
        case .expenditure: return .expenditureByFunction
        case .generalBudget: return .generalBudgetByFunction
        case .fundBudget: return .fundBudgetByFunction
        case .stateCapital: return .stateCapitalByFunction
        case .basic: return fam == .governmentEconomic ? .basicByGovEconomic : .basicByEconomic
        case .projectEconomic: return fam == .governmentEconomic ? .projectByGovEconomic : .projectByEconomic
        default: return .expenditureByFunction
        }
    }

    /// Emits the rows' facts in order, letting the rows and their values go behind.
    func emit(_ rows: inout ChunkedList<Row>, columns: [Column], unit: MoneyUnit, family: SubjectCode.Family) {
        rows.drain { row in
            defer { pool.release(before: Int(row.values.start)) }
            let table = tableKind(for: row.code, family: family)
            for (col, value) in pool.values(row.values) {
                guard let column = columns.first(where: { $0.index == col }) else { continue }
                switch value {
                case .number(let m):
                    ctx.emit(line: row.line, column: col, table: table, code: row.code, item: row.item,
                             measure: column.measure, amount: m, unit: unit, year: column.year)
                case .blank: break
                default: ctx.warnCell(row.line, column: col, value, context: "“\(row.item)”")
                }
            }
        }
    }
}

/// The values of a table's rows, held until the table is read: 16 bytes a value in one array, not an
/// array of 32-byte values for every row (the rows of a long 科目 table took five times its text, issue #16).
final class ValuePool {
    struct Span {
        var start: Int32, count: Int32
        /// Some value is not blank.
        var hasAmounts: Bool
    }
    /// `kind`: 0 blank, 1 a number of `fen`, 2 another value (in `others`).
    private var packed = ChunkedList<(fen: Int64, column: Int32, kind: UInt8)>(chunk: 16384)
    private var others: [Int: CellValue] = [:]

    func add(_ values: [(Int, CellValue)]) -> Span {
        let start = packed.count
        var amounts = false
        for (column, value) in values {
            switch value {
            case .blank: packed.append((0, Int32(clamping: column), 0))
            case .number(let m): packed.append((m.fen, Int32(clamping: column), 1)); amounts = true
            default: others[packed.count] = value; packed.append((0, Int32(clamping: column), 2)); amounts = true
            }
        }
        return Span(start: Int32(clamping: start), count: Int32(clamping: values.count), hasAmounts: amounts)
    }

    /// Lets go the values before `i` (those of rows already emitted: a row's values never come
    /// before an earlier row's).
    func release(before i: Int) { packed.release(before: i) }

    func values(_ span: Span) -> [(Int, CellValue)] {
        (Int(span.start)..<Int(span.start) + Int(span.count)).map { i in
            let p = packed[i]
            switch p.kind {
            case 0: return (Int(p.column), .blank)
            case 1: return (Int(p.column), .number(Money(fen: p.fen)))
            default: return (Int(p.column), others[i]!)
            }
        }
    }
}
