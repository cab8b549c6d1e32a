import Foundation
import YusuanCore

/// One source line, split into its tab-separated cells. Made when a line is read (from
/// `DocumentLines` or a block's `LineRows`), not kept for every line of the document: with its
/// cells it takes six times a table row's bytes (issue #16).
struct SourceLine {
    let number: Int
    let text: Substring
    let cells: [Substring]
    /// Which of the first 64 cells hold more than spaces (bit i: cell i), found once: the readers
    /// ask for a line's filled cells several times each.
    private let filledMask: UInt64

    init(number: Int, text: Substring) {
        self.number = number
        self.text = text
        // By the byte: a tab always ends a character, and lines are made again whenever a reader
        // asks for one (they are not held: issue #16), so this runs for every line several times:
        // tabs found with `memchr`, the cells' array sized once, blank cells told by their bytes.
        let split = text.utf8.withContiguousStorageIfAvailable { u -> ([Substring], UInt64) in
            var tabs = 0, at = ByteSearch.next(9, in: u, from: 0)
            while at < u.count {
                tabs += 1
                at = ByteSearch.next(9, in: u, from: at + 1)
            }
            var cells: [Substring] = []
            cells.reserveCapacity(tabs + 1)
            var mask: UInt64 = 0, start = 0
            let v = text.utf8, first = v.startIndex
            for k in 0...tabs {
                let end = k < tabs ? ByteSearch.next(9, in: u, from: start) : u.count
                cells.append(Substring(v[v.index(first, offsetBy: start)..<v.index(first, offsetBy: end)]))
                if k < 64, !Clean.isBlank(u, start, end) { mask |= 1 << UInt64(k) }
                start = end + 1
            }
            return (cells, mask)
        }
        if let (cells, mask) = split {
            self.cells = cells
            self.filledMask = mask
            return
        }
        var cells: [Substring] = []
        let u = text.utf8
        var start = u.startIndex, i = u.startIndex
        while i != u.endIndex {
            if u[i] == UInt8(ascii: "\t") { cells.append(text[start..<i]); start = u.index(after: i) }
            u.formIndex(after: &i)
        }
        cells.append(text[start..<u.endIndex])
        var mask: UInt64 = 0
        for (k, c) in cells.prefix(64).enumerated() where !Self.isBlank(c) { mask |= 1 << UInt64(k) }
        self.cells = cells
        self.filledMask = mask
    }
    // Blank by the byte (`Clean.isBlank`, as the cells are told): iterating `Character`s breaks
    // graphemes, on every line of every reading.
    var isBlank: Bool { Self.isBlank(text) }
    static func isBlank(_ text: Substring) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { Clean.isBlank($0, 0, $0.count) }
            ?? text.unicodeScalars.allSatisfy { Clean.isSpaceScalar($0.value) }
    }
    /// Non-empty cells with their column index.
    var filled: [(index: Int, text: Substring)] {
        var out: [(index: Int, text: Substring)] = []
        out.reserveCapacity(filledCount)
        for (i, c) in cells.enumerated() where i < 64 ? filledMask & (1 << UInt64(i)) != 0 : !Self.isBlank(c) { out.append((i, c)) }
        return out
    }
    /// How many cells hold more than spaces (`filled.count`, without the array).
    var filledCount: Int {
        cells.count <= 64 ? filledMask.nonzeroBitCount : filledMask.nonzeroBitCount + cells.dropFirst(64).filter { !Self.isBlank($0) }.count
    }
}

/// What kind of table a title announces (before rows refine economic tables by code family). The
/// titles that announce each kind, and its name in warnings, are data: `table-titles.tsv`.
enum TitleKind: String, CaseIterable, Sendable, CaseKeyed {
    case summary, income, expenditure
    case generalBudget = "general_budget", fundBudget = "fund_budget", stateCapital = "state_capital"
    case basic, projectEconomic = "project_economic", sangong, procurement, projectDetail = "project_detail"
    case projectPerformance = "project_performance", overallPerformance = "overall_performance"
    case specialFundCatalogue = "special_fund_catalogue", directory
    /// A table no reader knows (机关运行经费、国有资产占用 tables of some 决算): its figures become warnings,
    /// and its rows never join the table before it.
    case unread
    /// A table whose title and header were lost; its kind is inferred from its rows.
    case untitledFunctional = "untitled_functional"

    var name: String { TitleCatalogue.names[self] ?? rawValue }

    /// Recognises a table title by its words, whatever entity, year or numbering precedes it.
    static func classify(_ line: SourceLine) -> TitleKind? {
        titleText(line).flatMap(classify(text:))
    }

    /// `classify(line)`, and the key of the line's one filled cell when classifying made it (for
    /// `MetaLine.classify`, which starts from the same key).
    static func classifyKeeping(_ line: SourceLine) -> (kind: TitleKind?, soleKey: String?) {
        guard let raw = titleText(line) else { return (nil, nil) }
        var key: String?
        let kind = classify(text: raw, key: &key)
        return (kind, line.filledCount == 1 ? key : nil)
    }

    /// The title's text: one cell, or a table number ("表一", "表1-2", "附件3") and the title.
    static func titleText(_ line: SourceLine) -> String? {
        // At most a number, the title and two cells beside it: a table row is told before any
        // cell is cleaned (this runs on every line).
        guard line.filledCount <= 4 else { return nil }
        var filled = line.filled
        // Of three or four cells, the last is beside the title whether or not the first is a
        // number: told first, as most such lines are table rows (their first cell is no number).
        if filled.count >= 3, !TableLines.mayHold(.besideTitle, cell: filled[filled.count - 1].text)
            || !TableLines.holds(.besideTitle, Clean.key(String(filled[filled.count - 1].text))) { return nil }
        // A table number in its own cell before the title: "表1-1 ⇥ 部门收支总表".
        if filled.count >= 2, TableLines.mayHold(.tableNumber, cell: filled[0].text), !Clean.keyIsLonger(filled[0].text, than: 6) {
            let k = Clean.key(String(filled[0].text))
            if TableLines.holds(.tableNumber, k) && Clean.characterCount(k) <= 6 { filled.removeFirst() }
        }
        if filled.count == 1 { return String(filled[0].text) }
        // "部门收支总表 ⇥ 单位：万元": the title with its unit (or 编制单位) on the same line.
        if (2...3).contains(filled.count), filled.dropFirst().allSatisfy({ TableLines.holds(.besideTitle, Clean.key(String($0.text))) }) {
            return String(filled[0].text)
        }
        return nil
    }

    /// The unit printed beside a title, if any.
    static func unitBesideTitle(_ line: SourceLine) -> MoneyUnit? {
        line.filled.dropFirst().lazy.compactMap { c -> MoneyUnit? in
            let k = Clean.key(String(c.text))
            return TableLines.holds(.unit, k) ? MoneyUnit.detect(in: k) : nil
        }.first
    }

    /// A title is no sentence: text with these is none.
    private static let sentenceMarks = ["。", "，", ",", "；"]

    static func classify(text raw: String) -> TitleKind? {
        var key: String?
        return classify(text: raw, key: &key)
    }

    /// `key`: the text's `Clean.labelKey`, when it was made.
    static func classify(text raw: String, key: inout String?) -> TitleKind? {
        // Characters are counted only past 90 bytes (fewer bytes cannot be more characters).
        guard raw.utf8.count <= 90 || Clean.characterCount(raw) <= 90 else { return nil }
        let t = Clean.labelKey(Substring(raw))
        key = t
        if LiteralSearch.containsAny(t, sentenceMarks) { return nil }
        // The first row of the catalogue whose words the title holds decides.
        return TitleCatalogue.rules.first { $0.words.matches(t) }?.kind
    }
}

/// A table as it appears on one or more pages: the title line, its meta lines and its rows.
struct Block {
    var kind: TitleKind
    var title: String
    var titleLine: Int
    /// `(部门预算支出经济分类科目)` and the like, printed under the title.
    var subtitle: String?
    var unit: MoneyUnit?
    var unitLine: Int?
    /// `部门全称：…` / `编制单位：…`.
    var entityHint: String?
    /// `单位编码：…` printed with the table.
    var codeHint: String?
    /// A 备注 such as “本部门无政府性基金收支，故此表无数据”.
    var hasNote = false
    /// The explanation of a table printed empty (“…，故本表无数据”), as printed after its 注/说明 label.
    var emptyNote: String?
    var lines: LineRows = []
}

/// A block's rows, each held as its place in the document's text (12 bytes) rather than as a
/// `SourceLine` (40): a long table's rows were the largest thing held while reading (issue #16).
/// Lines of other strings than the first one's (tests build each line from its own) are kept whole.
struct LineRows: RandomAccessCollection, ExpressibleByArrayLiteral {
    private struct Packed { var number: Int32, start: UInt32, end: UInt32 }
    private var base: String?
    private var baseID: UnsafeRawPointer?
    private var packed: [Packed] = []
    private var loose: [SourceLine]?
    /// The first rows as `Segmented` split them, kept while its document's budget of cells lasts:
    /// the readers, the pre-pass over 科目 names and the coverage count each ask for a row's cells
    /// again, and splitting them was a tenth of reading. At most `Segmented.cellsHeld` cells a
    /// document (under 1 MB a document; none for a text of more than 1 MB, issue #16).
    private var split: [SourceLine] = []

    init(arrayLiteral lines: SourceLine...) { for l in lines { append(l) } }

    var startIndex: Int { 0 }
    var endIndex: Int { loose?.count ?? packed.count }

    subscript(i: Int) -> SourceLine {
        if let loose { return loose[i] }
        if i < split.count { return split[i] }
        return SourceLine(number: Int(packed[i].number), text: text(at: i))
    }

    /// Row `i`'s text, not split into cells (for a look before reading it).
    func text(at i: Int) -> Substring {
        if let loose { return loose[i].text }
        let p = packed[i], u = base!.utf8
        return Substring(u[u.index(u.startIndex, offsetBy: Int(p.start))..<u.index(u.startIndex, offsetBy: Int(p.end))])
    }

    /// Where the rows are stored (changes when the storage moves to grow).
    var storage: UnsafeRawPointer? {
        loose.map { $0.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
            ?? packed.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    static func identity(_ s: String) -> UnsafeRawPointer? {
        var s = s
        // Small strings live inline (no shared storage): never taken as the same text.
        guard s.utf8.count > 15 else { return nil }
        return s.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    /// `keepingCells`: hold the line as split (rows after one not held are never held). Whether
    /// it was held so.
    @discardableResult
    mutating func append(_ line: SourceLine, keepingCells: Bool = false) -> Bool {
        if loose != nil { loose!.append(line); return false }
        if base == nil, let id = Self.identity(line.text.base) { base = line.text.base; baseID = id }
        guard let b = base, let id = baseID, Self.identity(line.text.base) == id,
              line.number <= Int32.max, b.utf8.count <= UInt32.max else {
            loose = indices.map { self[$0] } + [line]
            packed = []
            split = []
            return false
        }
        let kept = keepingCells && split.count == packed.count
        if kept { split.append(line) }
        let u = b.utf8
        let start = u.distance(from: u.startIndex, to: line.text.startIndex)
        packed.append(Packed(number: Int32(line.number), start: UInt32(start), end: UInt32(start + line.text.utf8.count)))
        return kept
    }
}

/// Lines that belong to no table row: units, page furniture, notes.
enum MetaLine {
    case unit(MoneyUnit)
    case entity(String)
    /// `单位编码：131005`, `部门代码：109`.
    case code(String)

    /// The code labels' UTF-8, made once: this runs on every line that could be a table's furniture.
    private static let codeLabels = TableLines.words(.code).map { Array($0.utf8) }

    static func code(_ k: String) -> String? {
        let u = k.utf8
        for prefix in codeLabels where u.starts(with: prefix) {
            let digits = u.dropFirst(prefix.count).prefix { (0x30...0x39).contains($0) }
            if (3...9).contains(digits.count) { return String(decoding: digits, as: UTF8.self) }
        }
        return nil
    }
    case subtitle(String)
    case note
    case furniture

    /// `firstKey`: `Clean.labelKey` of the first filled cell, if the caller has it.
    static func classify(_ line: SourceLine, firstKey: String? = nil) -> MetaLine? {
        // Every rule below wants at most four filled cells: a table row with more is no meta line,
        // told before any cell is cleaned (this runs on every row of every table).
        guard line.filledCount <= 4 else { return nil }
        let filled = line.filled
        guard let first = filled.first else { return .furniture }
        let k = firstKey ?? Clean.labelKey(first.text)
        if filled.count == 1 {
            if TableLines.holds(.unitLine, k) {
                return MoneyUnit.detect(in: k).map { .unit($0) } ?? .note
            }
            if let code = MetaLine.code(k) { return .code(code) }
            if TableLines.holds(.entity, k) {
                let v = k.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
                return v.isEmpty ? .note : .entity(Clean.label(Substring(v)))
            }
            if TableLines.holds(.note, k) { return .note }
            if TableLines.holds(.furniture, k) { return .furniture }
            if TableLines.holds(.subtitle, k) { return .subtitle(k) }
            // Each rule told by its bytes first (a line of a table's text passes here), then as characters.
            if k.utf8.starts(with: "表".utf8), k.hasPrefix("表") && Clean.characterCount(k) <= 4 { return .furniture }
            if k.utf8.starts(with: "附件".utf8), k.hasPrefix("附件") && Clean.characterCount(k) <= 8 { return .furniture }
            // Page numbers: "12", "- 12 -", "第 3 页" (an ASCII digit's character starts with its byte).
            if k.utf8.contains(where: { (0x30...0x39).contains($0) }) {
                let digitsOnly = k.filter { !"-—第页/共".contains($0) }
                if !digitsOnly.isEmpty, digitsOnly.count <= 4, digitsOnly.allSatisfy({ $0.isASCIIDigit }) { return .furniture }
            }
        }
        if filled.count == 2, TableLines.holds(.unitLabel, k) {
            if let u = MoneyUnit.detect(in: String(filled[1].text)) { return .unit(u) }
        }
        // "编制单位：…\t\t单位：万元" on one line: no amounts, only labelled cells. Both rules below
        // want every cell labelled (or of two characters at most): the first cell that is not
        // settles it before the others are cleaned (a table row's first cell is a name).
        func labelled(_ key: String) -> Bool { ByteSearch.has(UInt8(ascii: ":"), in: key) || Clean.characterCount(key) <= 2 }
        guard labelled(k) else { return nil }
        var keys = [k]
        for c in filled.dropFirst() {
            let key = Clean.labelKey(c.text)
            guard labelled(key) else { return nil }
            keys.append(key)
        }
        if let c = keys.lazy.compactMap(MetaLine.code).first, keys.allSatisfy({ $0.contains(":") }) { return .code(c) }
        if keys.contains(where: { TableLines.holds(.unit, $0) }),
           keys.allSatisfy({ $0.contains(":") || Clean.characterCount($0) <= 2 }) {
            if let u = keys.compactMap({ k -> MoneyUnit? in
                TableLines.holds(.unit, k) ? MoneyUnit.detect(in: k) : nil }).first {
                return .unit(u)
            }
        }
        return nil
    }
}

/// Splits a document into its narrative (before the first table) and its table blocks.
struct Segmented {
    var narrative: [SourceLine] = []
    var blocks: [Block] = []
    /// The lines of a 目录 (table of contents): what the document promises to print.
    var directoryLines: [SourceLine] = []
    /// Times a block's row array moved while a row was appended: about log₂ n for n rows when
    /// appending is amortised O(1), n when each append copies the rows so far (issue #16). For a test.
    private(set) var rowArrayMoves = 0
    /// Cells the blocks may still hold as split (`LineRows`): ~90 bytes each with their line.
    private var cellBudget: Int
    /// The cells a document's blocks hold as split: all of a disclosure's tables (a few thousand
    /// cells), under 1 MB. A text of more than `cellsHeldUpTo` bytes holds none: its rows are split
    /// again when read, so that its memory stays a few times the file (`PeakMemoryTests`).
    static let cellsHeld = 1 << 13
    static let cellsHeldUpTo = 1 << 20

    /// `textBytes`: the size of the text the lines come from (see `cellsHeldUpTo`).
    init<Lines: RandomAccessCollection>(lines: Lines, textBytes: Int = 0) where Lines.Element == SourceLine, Lines.Index == Int {
        cellBudget = textBytes <= Self.cellsHeldUpTo ? Self.cellsHeld : 0
        var current: Block?
        for at in lines.indices {
            // A blank line of the document is told by its text, before it is split into cells.
            let line: SourceLine
            if let document = lines as? DocumentLines {
                let text = document.text(at: at)
                if SourceLine.isBlank(text) { continue }
                line = SourceLine(number: at + 1, text: text)
            } else {
                line = lines[at]
                if line.isBlank { continue }
            }
            // A directory's entries look like titles: an entry is followed by another entry or a part heading.
            if current?.kind == .directory, TitleKind.classify(line) != nil,
               let next = lines[(at + 1)...].first(where: { !$0.isBlank }), FinalForms.isDirectoryEntry(next) { continue }
            let (title, soleKey) = TitleKind.classifyKeeping(line)
            if let kind = title {
                if let c = current { blocks.append(c) }
                current = Block(kind: kind, title: Clean.label(Substring(TitleKind.titleText(line) ?? "")), titleLine: line.number)
                if let u = TitleKind.unitBesideTitle(line) { current?.unit = u; current?.unitLine = line.number }
                continue
            }
            guard current != nil else {
                narrative.append(line)
                continue
            }
            // `current!` is changed in place: a copy of the block (its strings, its rows) for every
            // line was a twentieth of segmenting, and a copy while its rows grow made a long table
            // quadratic.
            if current!.kind == .directory {
                // A directory lists titles with tabs; anything else after it would be narrative.
                directoryLines.append(line)
                continue
            }
            if let meta = MetaLine.classify(line, firstKey: soleKey) {
                switch meta {
                case .unit(let u): if current!.unit == nil { current!.unit = u; current!.unitLine = line.number }
                case .entity(let e): if current!.entityHint == nil { current!.entityHint = e }
                case .code(let c): if current!.codeHint == nil { current!.codeHint = c }
                case .subtitle(let s):
                    if current!.lines.isEmpty { current!.subtitle = s } else { hold(line, in: &current!) }
                case .note:
                    current!.hasNote = true
                    if current!.emptyNote == nil { current!.emptyNote = FinalForms.emptyTableNote(line) }
                case .furniture: break
                }
                continue
            }
            // “第三部分 …决算情况说明” after the tables: the narrative resumes until the next title.
            if FinalForms.opensNarrative(line) {
                blocks.append(current!)
                current = nil
                narrative.append(line)
                continue
            }
            // A functional-code row inside a summary or 三公 table: a table whose title and
            // header were lost at a page break has begun.
            if current!.kind == .summary || current!.kind == .sangong, Self.startsWithFunctionalCode(line) {
                blocks.append(current!)
                current = Block(kind: .untitledFunctional, title: "", titleLine: line.number, lines: [line])
                continue
            }
            let before = current!.lines.storage
            hold(line, in: &current!)
            if current!.lines.storage != before { rowArrayMoves += 1 }
        }
        if let c = current { blocks.append(c) }
    }

    /// Appends a row to `block`, its cells kept while the document's budget lasts.
    private mutating func hold(_ line: SourceLine, in block: inout Block) {
        if block.lines.append(line, keepingCells: line.cells.count <= cellBudget) { cellBudget -= line.cells.count }
    }

    static func startsWithFunctionalCode(_ line: SourceLine) -> Bool {
        guard line.cells.count >= 3 else { return false }
        let c0 = Clean.key(String(line.cells[0]))
        guard let code = SubjectCode(c0), code.family == .functional, c0.first == "2" else { return false }
        return true
    }
}
