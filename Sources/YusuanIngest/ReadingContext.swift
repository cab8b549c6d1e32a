import Foundation
import YusuanCore

/// What every reader needs: the document's identity, its default unit, and where facts and
/// warnings go. Readers never drop a line silently: what they cannot read becomes a warning.
final class ReadingContext {
    let document: String
    let identity: DocumentIdentity
    let defaultUnit: MoneyUnit
    private(set) var facts = FactList()
    private(set) var warnings: [Diagnostic] = []

    /// The facts, handed over: the context keeps none, so a long table's facts exist once.
    func takeFacts() -> FactList {
        defer { facts = FactList() }
        return facts
    }
    /// Codes by name seen anywhere in the document's 科目 tables, to repair rows that lost theirs.
    var codesByName: [String: Set<String>] = [:]
    /// For a PDF: the page of each reconstructed line (set before any fact is read: facts take
    /// their pages from it).
    var pages: PageMap? {
        didSet { if facts.isEmpty { facts = FactList(pages: pages) } }
    }
    /// The tables were read from space-aligned text (their headers may run to more lines).
    var realigned = false

    init(document: String, identity: DocumentIdentity, defaultUnit: MoneyUnit) {
        self.document = document
        self.identity = identity
        self.defaultUnit = defaultUnit
    }

    /// Takes back the facts read from `lines` since fact `from` (rows whose figures were not
    /// placed with confidence): coverage then counts their amounts as unread, and says so.
    /// Returns the lines that had facts taken back, in order.
    func retract(lines: Set<Int>, from: Int) -> [Int] {
        guard !lines.isEmpty, from < facts.count else { return [] }
        let taken = Set((from..<facts.count).lazy.map { self.facts.position($0).line }.filter { lines.contains($0) })
        guard !taken.isEmpty else { return [] }
        facts.remove(from: from) { taken.contains($0.line) }
        return taken.sorted()
    }

    @discardableResult
    func emit(line: Int, column: Int, table: TableKind, code: String?, item: String, measure: Measure,
              amount: Money, unit: MoneyUnit, year: Int? = nil, stage: Stage? = nil, derived: Bool = false,
              entity: String? = nil, entityCode: String?? = nil) -> Fact {
        let f = Fact(document: document, line: line, column: column, region: identity.region,
                     entity: entity ?? identity.entity,
                     entityCode: entityCode ?? identity.entityCode,
                     year: year ?? identity.year, stage: stage ?? identity.stage, table: table, code: code,
                     item: item, measure: measure, amount: amount, sourceUnit: unit, derived: derived,
                     page: pages?.page(ofLine: line), regionCode: identity.regionCode, province: identity.province)
        facts.append(f)
        return f
    }

    /// A warning from the catalogue: `key`'s English text is stored as the message, and the key with
    /// `args` so that displays show it in their language.
    func warn(_ line: Int, _ rule: IngestRule, key: String, _ args: [String: String] = [:], severity: Severity = .warning) {
        warn(line, rule.rawValue, key: key, args, severity: severity)
    }

    func warn(_ line: Int, _ rule: String, key: String, _ args: [String: String] = [:], severity: Severity = .warning) {
        var all = args
        all[Diagnostic.keyArgument] = key
        warnings.append(Diagnostic(document: document, line: line, severity: severity, rule: rule,
                                   message: Messages.text(key, in: .en, args), page: pages?.page(ofLine: line), args: all))
    }

    func warn(_ line: Int, _ rule: IngestRule, _ message: String, severity: Severity = .warning) {
        warnings.append(Diagnostic(document: document, line: line, severity: severity, rule: rule.rawValue, message: message,
                                   page: pages?.page(ofLine: line)))
    }

    /// For rules that still arrive as strings: `Completeness.swift` (reworked on another branch) and
    /// `IdentityReader`'s warnings (their tuple type is part of the tests). New code uses the typed `warn`.
    func warn(_ line: Int, _ rule: String, _ message: String, severity: Severity = .warning) {
        warnings.append(Diagnostic(document: document, line: line, severity: severity, rule: rule, message: message,
                                   page: pages?.page(ofLine: line)))
    }

    /// Warns about a cell that should have held a number.
    func warnCell(_ line: Int, column: Int, _ value: CellValue, context: String) {
        switch value {
        case .text(let t):
            warn(line, .unreadableNumber, key: "warn.not-a-number", ["column": String(column + 1), "context": context, "text": String(t.prefix(40))])
        case .badNumber(let t, let e):
            let why: String
            switch e {
            case .tooLarge: why = "warn.bad-number-large"
            case .tooPrecise: why = "warn.bad-number-precise"
            default: why = "warn.not-a-number"
            }
            warn(line, .unreadableNumber, key: why, ["column": String(column + 1), "context": context, "text": String(t.prefix(40))])
        default: break
        }
    }
}

/// Years written in a header cell, e.g. `2023年预算数` → [2023].
func yearsMentioned(_ s: String) -> [Int] {
    var out: [Int] = []
    let chars = Array(s.unicodeScalars)
    var i = 0
    while i + 3 < chars.count {
        if chars[i] == "2", chars[i + 1] == "0",
           let d3 = Int(String(chars[i + 2])), let d4 = Int(String(chars[i + 3])),
           chars[i + 2].properties.numericType != nil, chars[i + 3].properties.numericType != nil,
           (i == 0 || !(chars[i - 1].properties.numericType != nil && chars[i - 1].isASCII)),
           (i + 4 >= chars.count || !(chars[i + 4].properties.numericType != nil && chars[i + 4].isASCII)) {
            out.append(2000 + d3 * 10 + d4)
            i += 4
            continue
        }
        i += 1
    }
    return out
}
