import Foundation

/// One number read out of a disclosure, with where it came from. The public shape is fixed
/// by the facts contract (shared/spec/facts.md); `column` only orders facts within a line.
public struct Fact: Hashable, Sendable, Codable {
    public var document: String
    public var line: Int
    public var column: Int
    public var region: String
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
                item: String, measure: Measure, amount: Money, sourceUnit: MoneyUnit, derived: Bool) {
        self.document = document; self.line = line; self.column = column; self.region = region
        self.entity = entity; self.entityCode = entityCode; self.year = year; self.stage = stage
        self.table = table; self.code = code; self.item = item; self.measure = measure
        self.amount = amount; self.sourceUnit = sourceUnit; self.derived = derived
    }
}

/// A warning or error about one line of one file.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public var document: String
    public var line: Int
    public var severity: Severity
    public var rule: String
    public var message: String
    public init(document: String, line: Int, severity: Severity, rule: String, message: String) {
        self.document = document; self.line = line; self.severity = severity
        self.rule = rule; self.message = message
    }
    public var description: String { "\(document):\(line): \(severity.rawValue): \(message) [\(rule)]" }
}

/// Who and what a document is about, read from its content.
public struct DocumentIdentity: Hashable, Sendable, Codable {
    public var region: String
    public var entity: String
    public var entityCode: String?
    public var year: Int
    public var stage: Stage
    public init(region: String, entity: String, entityCode: String?, year: Int, stage: Stage) {
        self.region = region; self.entity = entity; self.entityCode = entityCode
        self.year = year; self.stage = stage
    }
}

/// A table found in a document: its kind, where it starts, its unit and how many facts it gave.
public struct TableSummary: Hashable, Sendable, Codable {
    public var kind: TableKind
    public var title: String
    public var line: Int
    public var unit: MoneyUnit
    public var facts: Int
    public init(kind: TableKind, title: String, line: Int, unit: MoneyUnit, facts: Int) {
        self.kind = kind; self.title = title; self.line = line; self.unit = unit; self.facts = facts
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
    public var facts: [Fact]
    public var warnings: [Diagnostic]
    public init(name: String, contentHash: String, byteCount: Int, identity: DocumentIdentity,
                unit: MoneyUnit, tables: [TableSummary], facts: [Fact], warnings: [Diagnostic]) {
        self.name = name; self.contentHash = contentHash; self.byteCount = byteCount
        self.identity = identity; self.unit = unit; self.tables = tables; self.facts = facts
        self.warnings = warnings
    }
}
