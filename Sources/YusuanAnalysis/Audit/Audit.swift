import Foundation
import YusuanCore

/// What the audit reads of one stored document: its facts, its text lines and its tables.
public struct AuditInput: Sendable {
    public var document: String
    public var identity: DocumentIdentity
    public var facts: [Fact]
    public var lines: [TextLine]
    public var tables: [TableSummary]
    public init(document: String, identity: DocumentIdentity, facts: [Fact], lines: [TextLine], tables: [TableSummary]) {
        self.document = document; self.identity = identity; self.facts = facts; self.lines = lines; self.tables = tables
    }
}

/// Audits a disclosure the way a reviewing office does: arithmetic of the tables
/// (`ConsistencyChecks`), the tables it must publish, the summary identities, and the narrative's
/// words and figures against the tables.
public enum DocumentAudit {
    public static func run(_ input: AuditInput, messages: AuditMessages = .zh) -> [Diagnostic] {
        var out = ConsistencyChecks.run(input.facts, messages: messages)
        let ctx = AuditContext(input: input, m: messages)
        out += Completeness.run(ctx)
        out += SummaryIdentities.run(ctx)
        let narrative = NarrativeAudit(ctx: ctx).run()
        // The narrative audit reads every figure the older label check reads, and names its table
        // line: one finding per misstated figure, not two.
        let told = Set(narrative.filter { $0.rule == CheckRule.narrativeFigure.rawValue }.map(\.line))
        out.removeAll { $0.rule == CheckRule.narrative.rawValue && $0.severity == .error && told.contains($0.line) }
        out += narrative
        out += HeadingAudit.run(ctx)
        return out.sorted { ($0.line, $0.severity, $0.rule, $0.message) < ($1.line, $1.severity, $1.rule, $1.message) }
    }
}

struct AuditContext {
    let input: AuditInput
    let m: AuditMessages
    /// Facts of the document's own stage, as printed (not derived).
    let facts: [Fact]
    let pageOfLine: [Int: Int]
    var year: Int { input.identity.year }

    init(input: AuditInput, m: AuditMessages) {
        self.input = input; self.m = m
        let stages = Dictionary(grouping: input.facts, by: \.stage).mapValues(\.count)
        let stage = stages.max { ($0.value, $0.key == .final ? 1 : 0) < ($1.value, $1.key == .final ? 1 : 0) }?.key ?? input.identity.stage
        facts = input.facts.filter { $0.stage == stage && !$0.derived }
        var p: [Int: Int] = [:]
        for l in input.lines { if let page = l.page { p[l.line] = page } }
        for f in input.facts { if let page = f.page { p[f.line] = page } }
        pageOfLine = p
    }

    func place(_ line: Int) -> String { m.place(page: pageOfLine[line], line: line) }
    func place(_ f: Fact) -> String { m.place(page: f.page, line: f.line) }
    func money(_ x: Money, _ u: MoneyUnit, places: Int = 2) -> String { x.formatted(in: u, places: places) }

    func finding(_ rule: CheckRule, line: Int, severity: Severity = .error, key: String? = nil, _ args: [String: String]) -> Diagnostic {
        Diagnostic(document: input.document, line: line, severity: severity, rule: rule.rawValue,
                   message: m.text(key ?? rule.rawValue, args), page: pageOfLine[line])
    }

    /// A figure stated with `decimals` places in `unit` agrees with an exact amount when the amount
    /// rounds to it (or differs by at most one unit in that place, which truncation explains).
    static func agrees(_ stated: Money, decimals: Int, unit: MoneyUnit, with exact: Money) -> Bool {
        var ulp = unit.fenPerUnit
        for _ in 0..<min(decimals, unit.maxFractionDigits) { ulp /= 10 }
        return (stated - exact).fen.magnitude * 2 <= UInt64(max(1, ulp)) * 2
    }

    /// `part / whole` in percent with `decimals` places, rounded half up; nil for a zero whole.
    static func percent(_ part: Money, of whole: Money, decimals: Int) -> Int64? {
        guard whole.fen != 0 else { return nil }
        var scale: Int64 = 100
        for _ in 0..<decimals { scale *= 10 }
        let num = part.fen.magnitude.multipliedReportingOverflow(by: UInt64(scale) * 2)
        guard !num.overflow else { return nil }
        return Int64((num.partialValue / whole.fen.magnitude + 1) / 2)
    }

    static func percentText(_ v: Int64, _ decimals: Int) -> String {
        guard decimals > 0 else { return String(v) }
        var p: Int64 = 1
        for _ in 0..<decimals { p *= 10 }
        let frac = String(v % p)
        return "\(v / p).\(String(repeating: "0", count: decimals - frac.count))\(frac)"
    }
}
