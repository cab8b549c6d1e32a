import Foundation
import YusuanCore

/// Narrative figures named by a table's figure (“三公”经费年初预算 against the 三公 table's 预算数),
/// stated totals against the parts stated with them (政府采购 = 货物 + 工程 + 服务), and a change
/// against the changes given as its cause. Labels are data (`narrative-labels.tsv`).
extension NarrativeAudit {
    /// `figure<TAB>words<TAB>table<TAB>measure<TAB>fact stage[<TAB>document stage[<TAB>severity]]`: every word in the
    /// figure's clause, or the clause is the last word and the others are earlier in its sentence.
    struct FigureLabel {
        var words: [String]; var table: TableKind; var measure: Measure; var stage: Stage; var documentStage: Stage?
        /// `warning` where the two figures agree only for most departments (机关运行经费 is the 公用经费 of
        /// 行政单位 and 参公 units only); an error otherwise.
        var severity: Severity = .error
    }
    /// `parts<TAB>total's words<TAB>part words|…`: a total followed in its sentence by its parts.
    struct PartsLabel { var words: [String]; var parts: [String] }

    /// `narrative-labels.tsv`, read once for all its row kinds (NarrativeLabels reads its plain rows).
    static let labelRows: [[String]] = {
        guard let url = Bundle.module.url(forResource: "narrative-labels", withExtension: "tsv", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t").map(String.init) }
    }()
    static let figureLabels: [FigureLabel] = labelRows.compactMap { p in
        guard p.count >= 5, p[0] == "figure", let t = TableKind(rawValue: p[2]), let m = Measure(rawValue: p[3]), let s = Stage(rawValue: p[4]) else { return nil }
        return FigureLabel(words: p[1].split(separator: "+").map(String.init), table: t, measure: m, stage: s, documentStage: p.count > 5 ? Stage(rawValue: p[5]) : nil,
                           severity: p.count > 6 ? Severity(rawValue: p[6]) ?? .error : .error)
    }
    static let partsLabels: [PartsLabel] = labelRows.compactMap { p in
        guard p.count == 3, p[0] == "parts" else { return nil }
        return PartsLabel(words: p[1].split(separator: "+").map(String.init), parts: p[2].split(separator: "|").map(String.init))
    }

    func labelledClause(_ i: Int) -> String {
        var c = clause(before: i)
        for filler in AuditWords.labelFiller.words where c.hasSuffix(filler) && c.count > filler.count { c = String(c.dropLast(filler.count)) }
        return c
    }

    func tableFigures() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (i, t) in text.tokens.enumerated() {
            guard case .money(let amount, let unit, let decimals) = t.value, !isChange(i) else { continue }
            let c = labelledClause(i)
            if c.contains(AuditWords.priorYear.word) || c.contains("\(ctx.year - 1)年") { continue }
            let sentence = text.text(max(text.sentenceStart(t.start), t.start - 400), t.start)
            guard let label = Self.figureLabels.first(where: { l in
                (l.documentStage ?? ctx.input.identity.stage) == ctx.input.identity.stage
                    && (l.words.allSatisfy { c.contains($0) } || (c == l.words.last! && l.words.allSatisfy { sentence.contains($0) }))
            }) else { continue }
            let rows = ctx.input.facts.filter { $0.table == label.table && $0.measure == label.measure && $0.stage == label.stage
                && $0.year == ctx.year && $0.code == nil && !$0.derived }
            guard let first = rows.first(where: { $0.item.contains(AuditWords.grandTotal.word) || $0.item.contains("合计") }) ?? rows.first,
                  !AuditContext.agrees(amount, decimals: decimals, unit: unit, with: first.amount) else { continue }
            out.append(ctx.finding(.narrativeFigure, line: t.line, severity: label.severity, key: "mismatch", [
                "what": ctx.m.text("what.narrative-figure", ["label": c, "table2": ctx.m.table(first.table), "place2": ctx.place(first)]),
                "place": ctx.place(t.line), "actual": ctx.money(amount, unit, places: decimals), "expected": ctx.money(first.amount, unit),
                "diff": Money(fen: Int64((amount - first.amount).fen.magnitude)).formatted(in: unit)]))
        }
        return out
    }

    /// "政府采购金额为251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额246.47万元".
    func statedParts() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (i, t) in text.tokens.enumerated() {
            guard case .money(let total, let unit, let decimals) = t.value, !isChange(i) else { continue }
            let c = labelledClause(i)
            guard let label = Self.partsLabels.first(where: { l in l.words.allSatisfy { c.contains($0) } }) else { continue }
            let e = min(text.sentenceEnd(t.start), t.end + 400)
            var found: [String: Money] = [:]
            var places = decimals
            for k in text.tokens(in: t.end, e) {
                guard case .money(let m, let u, let d) = text.tokens[k].value, u == unit else { continue }
                let pc = labelledClause(k)
                if let part = label.parts.first(where: { pc.contains($0) }), found[part] == nil { found[part] = m; places = max(places, d) }
            }
            guard found.count == label.parts.count else { continue }
            let sum = found.values.reduce(Money.zero, +)
            // Parts printed to the total's precision add up exactly; a total printed shorter is rounded.
            guard decimals >= places ? sum != total : !AuditContext.agrees(total, decimals: decimals, unit: unit, with: sum) else { continue }
            // Parts printed to the total's precision add up exactly: a difference within the parts'
            // rounding is a rounding difference, more is an error.
            var ulp = unit.fenPerUnit
            for _ in 0..<min(places, unit.maxFractionDigits) { ulp /= 10 }
            let severity: Severity = (sum - total).fen.magnitude * 2 <= UInt64(ulp) * UInt64(label.parts.count) ? .rounding : .error
            out.append(ctx.finding(.narrativeFigure, line: t.line, severity: severity, key: "mismatch", [
                "what": ctx.m.text("what.narrative-parts", ["label": c, "parts": label.parts.joined(separator: " + ")]),
                "place": ctx.place(t.line), "actual": ctx.money(total, unit, places: decimals), "expected": ctx.money(sum, unit, places: places),
                "diff": Money(fen: Int64((sum - total).fen.magnitude)).formatted(in: unit)]))
        }
        return out
    }

    /// "收入较2023年减少3,589,341.35元，主要是…收入增加3,589,341.35元": the changes given as the cause
    /// add up to the stated change with the opposite sign — the word is wrong.
    func causes() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (i, t) in text.tokens.enumerated() {
            guard case .money(let change, let unit, _) = t.value, isChange(i), let dir = Self.direction(clause(before: i)) else { continue }
            let e = min(text.sentenceEnd(t.start), t.end + 400)
            let rest = text.text(t.end, e)
            guard let cause = AuditWords.cause.words.compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { continue }
            let from = t.end + rest.distance(from: rest.startIndex, to: cause.upperBound)
            // The cause belongs to this change: no other change stated before it.
            if text.tokens(in: t.end, from).contains(where: { text.tokens[$0].money != nil }) { continue }
            var sum: Int64 = 0
            var parts = 0
            for k in text.tokens(in: from, e) {
                guard case .money(let m, let u, _) = text.tokens[k].value, u == unit, let d = Self.direction(clause(before: k)) else { continue }
                sum += d.up ? m.fen : -m.fen; parts += 1
            }
            guard parts > 0, sum.magnitude == change.fen.magnitude, sum != 0, (sum > 0) != dir.up else { continue }
            out.append(ctx.finding(.comparisonWord, line: t.line, ["word": dir.word, "detail": ctx.m.text("comparison-word.cause", [
                "amount": ctx.money(Money(fen: Int64(sum.magnitude)), unit), "actual": ctx.m.text(sum > 0 ? "word.up" : "word.down")])]))
        }
        return out
    }

    /// "一般公共预算财政拨款支出年初预算为2993.92万元…其中：1、…(项)。年初预算为1560.05万元…": a stated
    /// total and the items listed under it, up to the next section ("七、", "(四)").
    func itemSums() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let label = AuditWords.itemized.word
        for (i, t) in text.tokens.enumerated() {
            guard case .money(let total, let unit, let decimals) = t.value, !isChange(i) else { continue }
            let c = labelledClause(i)
            guard c.hasSuffix(label), c.count > label.count, !c.contains("(项)") else { continue }
            // The section ends at a heading numbered in Chinese; bounded, whatever the text.
            var end = min(text.chars.count, t.end + 6000)
            var p = text.sentenceEnd(t.end)
            while p < end {
                if Self.startsSection(text.text(p + 1, min(p + 8, text.chars.count))) { end = p; break }
                p = text.sentenceEnd(p + 1)
            }
            var sum = Money.zero, n = 0, places = decimals
            for k in text.tokens(in: t.end, end) {
                guard case .money(let m, let u, let d) = text.tokens[k].value, u == unit, labelledClause(k) == label else { continue }
                sum = sum + m; n += 1; places = max(places, d)
            }
            guard n >= 2, decimals >= places ? sum != total : !AuditContext.agrees(total, decimals: decimals, unit: unit, with: sum) else { continue }
            var ulp = unit.fenPerUnit
            for _ in 0..<min(places, unit.maxFractionDigits) { ulp /= 10 }
            let severity: Severity = (sum - total).fen.magnitude * 2 <= UInt64(ulp) * UInt64(n) ? .rounding : .error
            out.append(ctx.finding(.narrativeFigure, line: t.line, severity: severity, key: "mismatch", [
                "what": ctx.m.text("what.narrative-items", ["label": c, "n": String(n)]),
                "place": ctx.place(t.line), "actual": ctx.money(total, unit, places: decimals), "expected": ctx.money(sum, unit, places: places),
                "diff": Money(fen: Int64((sum - total).fen.magnitude)).formatted(in: unit)]))
        }
        return out
    }

    /// "七、", "(四)": a section heading numbered in Chinese (an item "1、" stays in its section).
    static func startsSection(_ s: String) -> Bool {
        let numerals = "一二三四五六七八九十"
        var t = Substring(s)
        let open = t.first == "("
        if open { t = t.dropFirst() }
        let head = t.prefix { numerals.contains($0) }
        guard !head.isEmpty, let next = t.dropFirst(head.count).first else { return false }
        return open ? next == ")" : next == "、"
    }
}
