import Foundation
import YusuanCore

/// The narrative's figures, shares, rates and comparison words against the tables and against
/// themselves.
struct NarrativeAudit {
    let ctx: AuditContext
    let text: NarrativeText

    init(ctx: AuditContext) {
        self.ctx = ctx
        text = NarrativeText(lines: ctx.input.lines)
    }

    func run() -> [Diagnostic] {
        subjects() + summaryLabels() + tableFigures() + statedParts() + itemSums() + causes() + performance() + shares() + rates() + budgetAgainstFinal()
    }

    static let upWords = AuditWords.up.words
    static let downWords = AuditWords.down.words
    static let comparisonWords = AuditWords.comparison.words
    static let comparisonSentenceWords = AuditWords.comparisonSentence.words
    static func direction(_ window: String) -> (word: String, up: Bool)? {
        let w = window.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "了", with: "")
        for v in upWords where w.hasSuffix(v) { return (v, true) }
        for v in downWords where w.hasSuffix(v) { return (v, false) }
        return nil
    }

    /// The text of the clause right before token `i` (back to a comma, semicolon or colon, or the
    /// previous figure).
    func clause(before i: Int) -> String {
        let t = text.tokens[i]
        // Bounded: a clause is short, whatever the text.
        let from = max(i > 0 ? text.tokens[i - 1].end : 0, text.sentenceStart(t.start), t.start - 120)
        let s = text.text(from, t.start)
        let cut = s.lastIndex { ",;:、".contains($0) }.map { s.index(after: $0) } ?? s.startIndex
        return String(s[cut...]).replacingOccurrences(of: " ", with: "")
    }
    func isChange(_ i: Int) -> Bool {
        let c = clause(before: i)
        // "与2023年度相比，收入支出总计减少56.95万元": the comparison may open the sentence.
        let sentence = text.text(max(text.sentenceStart(text.tokens[i].start), text.tokens[i].start - 200), text.tokens[i].start)
        return Self.direction(c) != nil && (Self.comparisonWords.contains { c.contains($0) } || Self.comparisonSentenceWords.contains { sentence.contains($0) })
    }

    // MARK: 科目 by name and level

    /// "一般公共服务支出(类)财政事务(款)行政运行(项)…支出决算为1511.89万元" and "一般公共服务支出8,041,872.51元":
    /// the figure against the functional tables' line of that 科目.
    func subjects() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let functional = ctx.facts.filter { $0.table.isFunctional && $0.measure == .total && $0.code != nil && $0.year == ctx.year }
        let prior = ctx.input.facts.filter { $0.table.isFunctional && $0.measure == .total && $0.code != nil && $0.year == ctx.year - 1 && !$0.derived }
        let classNames = Set(functional.filter { $0.code!.count == 3 }.map { Normal.key($0.item) })
        for (i, t) in text.tokens.enumerated() {
            guard case .money(let amount, let unit, let decimals) = t.value else { continue }
            // The latest (类)…(项) chain of this sentence or of the two before (an item's heading,
            // then "主要用于…", then its figures).
            var from = text.sentenceStart(t.start)
            for _ in 0..<2 where from > 0 { from = text.sentenceStart(from - 1) }
            from = max(from, t.start - 400)
            var chain: [String]?
            let window = text.text(from, t.start).replacingOccurrences(of: " ", with: "")
            if let c = Self.chain(in: window), let at = window.range(of: "(类)", options: .backwards) {
                // Not across a new heading or list item after the chain.
                let after = window[at.upperBound...]
                let crossesItem = after.split(separator: "。").dropFirst().contains { NarrativeText.startsItem(String($0.prefix(8))) }
                if !crossesItem { chain = c }
            }
            let cl = clause(before: i)
            if isChange(i) { continue }
            var names: [String]?
            if let c = chain, Self.namesStage(cl, stage: ctx.input.identity.stage) { names = c }
            if names == nil, let last = classNames.first(where: { cl.hasSuffix($0) || cl.hasSuffix($0 + "(类)") }) { names = [last] }
            if let n = Self.chain(in: cl), cl.hasSuffix(")") { names = n }
            guard let names, let code = Self.code(of: names, in: functional) else { continue }
            if cl.contains(AuditWords.priorYear.word) || cl.contains("\(ctx.year - 1)年") { continue }
            let rows = functional.filter { $0.code == code }
            guard let first = rows.first(where: { $0.table == .generalBudgetByFunction }) ?? rows.first else { continue }
            if rows.contains(where: { AuditContext.agrees(amount, decimals: decimals, unit: unit, with: $0.amount) }) {
                // 增加/减少 after the figure against the table's prior-year line of the same 科目.
                if let p = prior.first(where: { $0.code == code && $0.table == first.table }), i + 1 < text.tokens.count, isChange(i + 1),
                   let dir = Self.direction(clause(before: i + 1)), (first.amount - p.amount).fen != 0, dir.up != ((first.amount - p.amount).fen > 0) {
                    let n = text.tokens[i + 1]
                    out.append(ctx.finding(.comparisonWord, line: n.line, ["word": dir.word, "detail": ctx.m.text("comparison-word.table", [
                        "year": String(p.year), "prior": ctx.money(p.amount, unit), "place2": ctx.place(p), "current": ctx.money(first.amount, unit),
                        "actual": ctx.m.text((first.amount - p.amount).fen > 0 ? "word.up" : "word.down")])]))
                }
                continue
            }
            out.append(ctx.finding(.narrativeFigure, line: t.line, key: "mismatch", [
                "what": ctx.m.text("what.narrative-figure", ["label": names.joined(), "table2": ctx.m.table(first.table), "place2": ctx.place(first)]),
                "place": ctx.place(t.line), "actual": ctx.money(amount, unit, places: decimals), "expected": ctx.money(first.amount, unit),
                "diff": (amount - first.amount).fen.magnitude == 0 ? "0" : Money(fen: Int64((amount - first.amount).fen.magnitude)).formatted(in: unit)]))
        }
        return out
    }

    /// A clause that names the figure of the chain in the document's stage: "支出决算为", "2024年预算数为", "为".
    static func namesStage(_ clause: String, stage: Stage) -> Bool {
        var c = clause
        for w in ["年度", "年"] { if let r = c.range(of: w, options: .backwards) { c = String(c[r.upperBound...]) } }
        let words = stage == .final ? AuditWords.stageFinal.words : AuditWords.stageBudget.words
        return words.contains { c.hasSuffix($0) } || (c.isEmpty && clause.hasSuffix(")"))
    }

    /// The names of the last "X(类)Y(款)Z(项)" chain in `s` (class first).
    static func chain(in s: String) -> [String]? {
        guard let lei = s.range(of: "(类)", options: .backwards) else { return nil }
        let head = s[..<lei.lowerBound]
        let start = head.lastIndex { ",;:、。)".contains($0) || ($0.isASCII && $0.isNumber) }.map { head.index(after: $0) } ?? head.startIndex
        var names = [String(head[start...])]
        var rest = s[lei.upperBound...]
        for level in ["(款)", "(项)"] {
            guard let r = rest.range(of: level), !rest[..<r.lowerBound].contains(where: { ",;:。".contains($0) }) else { break }
            names.append(String(rest[..<r.lowerBound])); rest = rest[r.upperBound...]
        }
        names = names.map { $0.trimmingCharacters(in: .whitespaces) }
        return names.allSatisfy { !$0.isEmpty && $0.count <= 30 } ? names : nil
    }

    static func code(of names: [String], in facts: [Fact]) -> String? {
        var candidates = Set(facts.filter { $0.code!.count == 3 && Normal.key($0.item) == Normal.key(names[0]) }.map { $0.code! })
        for (level, name) in names.enumerated().dropFirst() {
            let len = level == 1 ? 5 : 7
            candidates = Set(facts.filter { f in f.code!.count == len && candidates.contains(String(f.code!.prefix(len - 2)))
                && Normal.key(f.item) == Normal.key(name) }.map { $0.code! })
        }
        return candidates.count == 1 ? candidates.first : nil
    }
}
