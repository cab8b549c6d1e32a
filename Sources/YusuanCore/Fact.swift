import Foundation

/// One number read out of a disclosure, with where it came from. The public shape is fixed
/// by the facts contract (shared/spec/facts.md); `column` only orders facts within a line.
public struct Fact: Hashable, Sendable, Codable {
    public var document: String
    /// 1-based PDF page the number is printed on; nil for text input.
    public var page: Int?
    public var line: Int
    public var column: Int
    public var region: String
    /// GB/T 2260 code of the region; nil for a zone without one.
    public var regionCode: String?
    /// The provincial-level division of the region.
    public var province: String
    public var entity: String
    public var entityCode: String?
    public var year: Int
    public var stage: Stage
    public var table: TableKind
    public var code: String?
    public var item: String
    public var measure: Measure
    public var amount: Money
    public var sourceUnit: MoneyUnit
    public var derived: Bool

    public init(document: String, line: Int, column: Int, region: String, entity: String,
                entityCode: String?, year: Int, stage: Stage, table: TableKind, code: String?,
                item: String, measure: Measure, amount: Money, sourceUnit: MoneyUnit, derived: Bool,
                page: Int? = nil, regionCode: String? = nil, province: String = "") {
        self.document = document; self.line = line; self.column = column; self.region = region
        self.page = page; self.regionCode = regionCode; self.province = province
        self.entity = entity; self.entityCode = entityCode; self.year = year; self.stage = stage
        self.table = table; self.code = code; self.item = item; self.measure = measure
        self.amount = amount; self.sourceUnit = sourceUnit; self.derived = derived
    }
}

/// A warning or error about one line of one file.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public var document: String
    /// 1-based PDF page; nil for text input.
    public var page: Int?
    public var line: Int
    public var severity: Severity
    public var rule: String
    /// The message in English (what a store keeps; displays render `args` in the user's language).
    public var message: String
    /// The message's catalogue key (under `keyArgument`) and its placeholders' values, so that the
    /// warning shows in the language of the command that prints it; nil for messages without one.
    public var args: [String: String]?
    public static let keyArgument = "_key"
    public init(document: String, line: Int, severity: Severity, rule: String, message: String, page: Int? = nil,
                args: [String: String]? = nil) {
        self.document = document; self.page = page; self.line = line; self.severity = severity
        self.rule = rule; self.message = message; self.args = args
    }
    /// The message in the current language.
    public var text: String { Messages.reading(rule: rule, message: message, args: args) }
    public var description: String {
        let at = page.map { "p\($0):" } ?? ""
        return "\(document):\(at)\(line): \(severity.rawValue): \(message) [\(rule)]"
    }
}

/// Who and what a document is about, read from its content.
public struct DocumentIdentity: Hashable, Sendable, Codable {
    public var region: String
    public var regionCode: String?
    public var province: String
    public var entity: String
    public var entityCode: String?
    public var year: Int
    public var stage: Stage
    public init(region: String, entity: String, entityCode: String?, year: Int, stage: Stage,
                regionCode: String? = nil, province: String = "") {
        self.region = region; self.entity = entity; self.entityCode = entityCode
        self.year = year; self.stage = stage; self.regionCode = regionCode; self.province = province
    }
}

/// A table found in a document: its kind, where it starts, its unit and how many facts it gave.
public struct TableSummary: Hashable, Sendable, Codable {
    public var kind: TableKind
    public var title: String
    public var line: Int
    public var unit: MoneyUnit
    public var facts: Int
    /// For a table printed empty: the explanation printed with it (“本部门无政府性基金预算财政拨款收入支出，
    /// 故本表为空表”); nil otherwise.
    public var note: String?
    public init(kind: TableKind, title: String, line: Int, unit: MoneyUnit, facts: Int, note: String? = nil) {
        self.kind = kind; self.title = title; self.line = line; self.unit = unit; self.facts = facts; self.note = note
    }
}

/// One non-blank line of a document's text as read (narrative, headings, 目录, table rows), kept
/// so that `yusuan check` can audit headings and the narrative from the store alone.
public struct TextLine: Hashable, Sendable, Codable {
    public var line: Int
    public var page: Int?
    public var text: String
    /// Part of the 情况说明 (outside every table).
    public var narrative: Bool
    public init(line: Int, page: Int?, text: String, narrative: Bool) {
        self.line = line; self.page = page; self.text = text; self.narrative = narrative
    }
}

/// Everything read from one file.
public struct ParsedDocument: Sendable {
    public var name: String
    public var contentHash: String
    public var byteCount: Int
    public var identity: DocumentIdentity
    /// The unit most of its tables print (the document's main unit).
    public var unit: MoneyUnit
    public var tables: [TableSummary]
    /// The facts, held compactly until stored (see `FactList`).
    public var factList: FactList
    /// The facts as `Fact` values (built on each call: use `factList` to walk a long document).
    public var facts: [Fact] {
        get { Array(factList) }
        set { factList = FactList(newValue) }
    }
    public var warnings: [Diagnostic]
    /// Pages of a PDF (nil for text input).
    public var pageCount: Int?
    /// How many amounts the table regions print, and how many of them became facts.
    public var coverage: Coverage
    /// The text's non-blank lines, for the audit, held compactly until stored (see `TextLineList`).
    public var textLines = TextLineList()
    /// The text's non-blank lines as `TextLine` values (built on each call).
    public var lines: [TextLine] {
        get { Array(textLines) }
        set { textLines = TextLineList(newValue) }
    }
    /// Where the file was read from (for `check --annotate`); nil when read from bytes.
    public var sourcePath: String?
    /// Whether its tables were read from space-aligned text (`pdftotext -layout`), whose columns
    /// are found by position and may be misread: the batch verifies its sums.
    public var realigned = false
    public init(name: String, contentHash: String, byteCount: Int, identity: DocumentIdentity,
                unit: MoneyUnit, tables: [TableSummary], facts: [Fact], warnings: [Diagnostic],
                pageCount: Int? = nil, coverage: Coverage = Coverage()) {
        self.init(name: name, contentHash: contentHash, byteCount: byteCount, identity: identity, unit: unit, tables: tables,
                  factList: FactList(facts), warnings: warnings, pageCount: pageCount, coverage: coverage)
    }
    public init(name: String, contentHash: String, byteCount: Int, identity: DocumentIdentity,
                unit: MoneyUnit, tables: [TableSummary], factList: FactList, warnings: [Diagnostic],
                pageCount: Int? = nil, coverage: Coverage = Coverage()) {
        self.name = name; self.contentHash = contentHash; self.byteCount = byteCount
        self.identity = identity; self.unit = unit; self.tables = tables; self.factList = factList
        self.warnings = warnings; self.pageCount = pageCount; self.coverage = coverage
    }
}

/// Amounts printed in a document's table regions against those read into facts.
public struct Coverage: Hashable, Sendable, Codable {
    public var printed: Int
    public var read: Int
    /// Amounts in columns the contract has no measure for (a 小计 beside its total, the breakdown
    /// of a project by fund type), on rows whose other amounts were read.
    public var outside: Int
    public init(printed: Int = 0, read: Int = 0, outside: Int = 0) {
        self.printed = printed; self.read = read; self.outside = outside
    }
    /// Amounts neither read nor outside the contract: lost unless a warning names them.
    public var missed: Int { printed - read - outside }
    /// Percent accounted for (read or outside the contract), 100 when nothing was printed; in
    /// tenths, rounded down.
    public var permille: Int { printed == 0 ? 1000 : min(1000, (read + outside) * 1000 / printed) }
    /// Below 95 % a reader must be told loudly.
    public var isLow: Bool { permille < 950 }
    public var percentText: String { "\(permille / 10).\(permille % 10)%" }
}

/// Which page each line of a PDF's reconstructed text came from: `starts[i]` is the first line of
/// page i + 1. Text input has no map.
public struct PageMap: Hashable, Sendable, Codable {
    public var starts: [Int]
    public init(starts: [Int]) { self.starts = starts }
    /// The 1-based page of a 1-based line.
    public func page(ofLine line: Int) -> Int? {
        guard let first = starts.first, line >= first else { return starts.isEmpty ? nil : 1 }
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= line { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }
}
