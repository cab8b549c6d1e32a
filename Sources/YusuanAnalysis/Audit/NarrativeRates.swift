import Foundation
import YusuanCore

extension NarrativeAudit {
    // MARK: 绩效: project counts and amounts

    /// "涉及项目 9 个，涉及当年财政拨款 5,390,000 元（其中…安排项目 9 个，金额 539,000 元）": a part that
    /// counts all the projects must carry their whole amount, and parts that add up to the count
    /// must add up to the amount.
    func performance() -> [Diagnostic] {
        var out: [Diagnostic] = []
        var done = Set<Int>()
        for (i, t) in text.tokens.enumerated() where !done.contains(text.sentenceStart(t.start)) {
            guard case .count = t.value else { continue }
            let s = text.sentenceStart(t.start), e = min(text.sentenceEnd(t.start), t.start + 2000)
            done.insert(s)
            guard text.text(max(s, t.start - 2000), e).contains(AuditWords.performance.word) else { continue }
            // Pairs (项目 N 个, the next amount) in this sentence.
            var pairs: [(count: Int, amount: Money, unit: MoneyUnit, decimals: Int, token: NarrativeText.Token)] = []
            var j = i
            while j < text.tokens.count, text.tokens[j].start < e {
                if case .count(let n) = text.tokens[j].value, text.text(max(s, text.tokens[j].start - 6), text.tokens[j].start).contains(AuditWords.project.word),
                   j + 1 < text.tokens.count, case .money(let m, let u, let d) = text.tokens[j + 1].value, text.tokens[j + 1].start < e,
                   text.tokens[j + 1].start - text.tokens[j].end <= 16 {
                    pairs.append((n, m, u, d, text.tokens[j + 1])); j += 2; continue
                }
                j += 1
            }
            guard let whole = pairs.first, whole.count > 0 else { continue }
            for p in pairs.dropFirst() where p.count == whole.count && p.amount != whole.amount {
                out.append(ctx.finding(.performanceProjects, line: p.token.line, key: "mismatch", [
                    "what": ctx.m.text("what.performance-projects", ["label": ctx.m.text("performance.projects", ["n": String(p.count)]),
                                                                     "other": ctx.m.text("performance.whole", ["n": String(whole.count)]), "place2": ctx.place(whole.token.line)]),
                    "place": ctx.place(p.token.line), "actual": ctx.money(p.amount, p.unit, places: p.decimals),
                    "expected": ctx.money(whole.amount, whole.unit, places: whole.decimals),
                    "diff": Money(fen: Int64((p.amount - whole.amount).fen.magnitude)).formatted(in: p.unit)]))
            }
            // The same amount with another count: the count is misstated ("项目4个…598.42万元" then "项目5个…598.42万元").
            for p in pairs.dropFirst() where p.amount == whole.amount && p.count != whole.count {
                out.append(ctx.finding(.performanceProjects, line: p.token.line, key: "performance-projects.count", [
                    "place": ctx.place(p.token.line), "actual": String(p.count), "expected": String(whole.count),
                    "amount": ctx.money(p.amount, p.unit, places: p.decimals), "place2": ctx.place(whole.token.line)]))
            }
            // Two consecutive parts (重点 + 一般) that share the count out.
            let rest = Array(pairs.dropFirst().filter { $0.count < whole.count })
            for k in rest.indices.dropLast() where rest[k].count + rest[k + 1].count == whole.count {
                let sum = rest[k].amount + rest[k + 1].amount
                if sum != whole.amount {
                    out.append(ctx.finding(.performanceProjects, line: rest[k + 1].token.line, key: "mismatch", [
                        "what": ctx.m.text("what.performance-projects", ["label": ctx.m.text("performance.parts", ["n": String(whole.count)]),
                                                                         "other": ctx.m.text("performance.whole", ["n": String(whole.count)]), "place2": ctx.place(whole.token.line)]),
                        "place": ctx.place(rest[k + 1].token.line), "actual": ctx.money(sum, whole.unit), "expected": ctx.money(whole.amount, whole.unit),
                        "diff": Money(fen: Int64((sum - whole.amount).fen.magnitude)).formatted(in: whole.unit)]))
                }
            }
        }
        return out
    }

    // MARK: shares

    /// Totals a share may be of: the document's printed totals.
    var totals: [Fact] {
        ctx.facts.filter { f in
            (f.code == nil && (f.item.contains("合计") || f.item.contains("总计")) && [.total, .generalBudget].contains(f.measure))
        }
    }

    /// "一般公共服务支出(类)2106.66万元,占71.73%": the part over the sentence's first figure, the
    /// previous sentence's first figure or a printed total, at the stated precision.
    func shares() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let printedTotals = totals.map { ($0.amount, ctx.place($0)) }
        var agreed: [(at: Int, base: (Money, String))] = []
        var failed: [(Int, NarrativeText.Token, Int64, Int, Money, MoneyUnit, [(Money, String)])] = []
        for (i, t) in text.tokens.enumerated() {
            guard case .percent(let stated, let d) = t.value, i > 0 else { continue }
            let lead = text.text(text.tokens[i - 1].end, t.start).replacingOccurrences(of: " ", with: "")
            guard lead.hasPrefix("," + AuditWords.share.word) || lead.hasPrefix(AuditWords.share.word), case .money(let part, let unit, _) = text.tokens[i - 1].value else { continue }
            let s = text.sentenceStart(t.start)
            var bases: [(Money, String)] = []
            for k in text.tokens(in: max(s, t.start - 600), text.tokens[i - 1].start).reversed().prefix(8) {
                if case .money(let m, _, _) = text.tokens[k].value, !isChange(k) { bases.append((m, ctx.place(text.tokens[k].line))) }
            }
            bases.reverse()
            // The first figure of each of the three sentences before (a heading sentence states the whole).
            var before = s
            for _ in 0..<3 where before > 0 {
                let prev = text.sentenceStart(before - 1)
                if let k = text.tokens(in: prev, before).first(where: { text.tokens[$0].money != nil }) {
                    bases.append((text.tokens[k].money!, ctx.place(text.tokens[k].line)))
                }
                before = prev
            }
            bases += printedTotals
            let agree = bases.contains { b in
                guard let c = AuditContext.percent(part, of: b.0, decimals: d) else { return false }
                return (c - stated).magnitude <= 1
            }
            if agree {
                agreed.append((t.start, bases.first { b in AuditContext.percent(part, of: b.0, decimals: d).map { ($0 - stated).magnitude <= 1 } ?? false }!))
                continue
            }
            failed.append((i, t, stated, d, part, unit, bases))
        }
        // The base a misstated share is of: the one its neighbouring shares agree with (a list of
        // shares is of one whole), else the first candidate the part can be a share of.
        for (i, t, stated, d, part, unit, bases) in failed {
            let near = agreed.filter { abs($0.at - t.start) <= 600 }.min { abs($0.at - t.start) < abs($1.at - t.start) }.map(\.base)
            guard let base = near ?? bases.first(where: { $0.0.fen.magnitude >= part.fen.magnitude }) ?? bases.first,
                  let computed = AuditContext.percent(part, of: base.0, decimals: d) else { continue }
            out.append(ctx.finding(.narrativeShare, line: t.line, [
                "label": clause(before: i - 1), "stated": AuditContext.percentText(stated, d), "amount": ctx.money(part, unit),
                "base": ctx.money(base.0, unit), "place2": base.1, "computed": AuditContext.percentText(computed, d)]))
        }
        return out
    }

    // MARK: rates and their words

    /// "较2023年减少507,729.15元,下降19.5%": the rate recomputed from the figure and the change, and
    /// the two words pointing the same way; "完成年初预算的98.20%" from 预算 and 决算 figures.
    func rates() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (i, t) in text.tokens.enumerated() {
            guard case .percent(let stated, let d) = t.value, i > 0 else { continue }
            let lead = text.text(text.tokens[i - 1].end, t.start).replacingOccurrences(of: " ", with: "")
            let s = text.sentenceStart(t.start)
            if let rateDir = Self.direction(lead.trimmingCharacters(in: CharacterSet(charactersIn: ",;"))), lead.count <= 6, isChange(i - 1),
               case .money(let change, let unit, _) = text.tokens[i - 1].value, let changeDir = Self.direction(clause(before: i - 1)) {
                if rateDir.up != changeDir.up {
                    out.append(ctx.finding(.comparisonWord, line: t.line, ["word": rateDir.word, "detail": ctx.m.text("comparison-word.direction", ["verb1": changeDir.word, "verb2": rateDir.word])]))
                    continue
                }
                // The figure changed: in this sentence, else the one before ("…总计2995.39万元。与2023年度相比，…").
                let from = s > 0 ? text.sentenceStart(s - 1) : 0
                guard let k = text.tokens(in: max(from, t.start - 600), text.tokens[i - 1].start).last(where: { text.tokens[$0].money != nil && !isChange($0) }),
                      let level = text.tokens[k].money else { continue }
                // The base is the table's prior-year figure of the line the level is, where printed;
                // else the prior year the narrative's own words derive.
                let table = priorInTables(of: level)
                if let (p, _) = table, (level - p.amount).fen != 0, ((level - p.amount).fen > 0) != changeDir.up {
                    out.append(ctx.finding(.comparisonWord, line: text.tokens[i - 1].line, ["word": changeDir.word, "detail": ctx.m.text("comparison-word.table", [
                        "year": String(p.year), "prior": ctx.money(p.amount, unit), "place2": ctx.place(p), "current": ctx.money(level, unit),
                        "actual": ctx.m.text((level - p.amount).fen > 0 ? "word.up" : "word.down")])]))
                    continue
                }
                let prior = table?.prior.amount ?? (changeDir.up ? level - change : level + change)
                guard let computed = AuditContext.percent(change, of: prior, decimals: d), (computed - stated).magnitude > 1 else { continue }
                // Both words flipped alike: the rate still fits the change from the other side.
                let other = changeDir.up ? level + change : level - change
                if table == nil, let c = AuditContext.percent(change, of: other, decimals: d), (c - stated).magnitude <= 1 {
                    out.append(ctx.finding(.comparisonWord, line: t.line, ["word": changeDir.word, "detail": ctx.m.text("comparison-word.rate", [
                        "stated": AuditContext.percentText(stated, d), "change": ctx.money(change, unit), "prior": ctx.money(other, unit),
                        "actual": ctx.m.text(changeDir.up ? "word.down" : "word.up")])]))
                    continue
                }
                out.append(ctx.finding(.narrativeRate, line: t.line, ["verb": rateDir.word, "stated": AuditContext.percentText(stated, d),
                                                                      "change": ctx.money(change, unit), "prior": ctx.money(prior, unit),
                                                                      "computed": AuditContext.percentText(computed, d)]))
            } else if text.text(max(s, t.start - 12), t.start).contains(AuditWords.completion.word) {
                let before = text.tokens(in: max(s, t.start - 600), t.start).filter { text.tokens[$0].money != nil }
                guard let b = before.last(where: { stage(of: $0) == .budget }),
                      let f = before.last(where: { stage(of: $0) == .final }),
                      case .money(let budget, let unit, _) = text.tokens[b].value, let final = text.tokens[f].money,
                      let computed = AuditContext.percent(final, of: budget, decimals: d), (computed - stated).magnitude > 1 else { continue }
                out.append(ctx.finding(.narrativeRate, line: t.line, key: "narrative-rate.done", [
                    "stated": AuditContext.percentText(stated, d), "final": ctx.money(final, unit), "budget": ctx.money(budget, unit),
                    "computed": AuditContext.percentText(computed, d)]))
            }
        }
        return out
    }

    /// The printed fact a narrative level is (same amount, the document's year) and that line's
    /// prior-year figure in the same table and column.
    func priorInTables(of level: Money) -> (prior: Fact, current: Fact)? {
        for f in ctx.input.facts where f.year == ctx.year && !f.derived && f.amount == level {
            if let p = ctx.input.facts.first(where: { $0.year == ctx.year - 1 && !$0.derived && $0.table == f.table && $0.code == f.code
                && $0.item == f.item && $0.measure == f.measure && $0.stage == f.stage }) { return (p, f) }
        }
        return nil
    }

    /// Whether the figure `i` is a 预算 or a 决算 by the words right before it ("年初预算为", "支出决算为").
    func stage(of i: Int) -> Stage? {
        let c = String(clause(before: i).suffix(6))
        if c.contains(AuditWords.figureFinal.word) { return .final }
        return c.contains(AuditWords.figureBudget.word) ? .budget : nil
    }

    /// "决算数小于预算数" (大于, 等于, 持平) against the 年初预算 and 支出决算 figures stated before it.
    func budgetAgainstFinal() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let words: [(String, Int)] = AuditWords.finalBelow.words.map { ($0, -1) } + AuditWords.finalAbove.words.map { ($0, 1) }
            + AuditWords.finalEqual.words.map { ($0, 0) }
        // Every occurrence, in order (on the character array: positions are the tokens').
        var found: [(at: Int, word: (String, Int))] = []
        let chars = text.chars
        for i in chars.indices {
            for w in words where chars[i] == w.0.first {
                let p = Array(w.0)
                if i + p.count <= chars.count, Array(chars[i..<(i + p.count)]) == p { found.append((i, w)) }
            }
        }
        var lastEnd = 0
        for r in found {
            let at = r.at
            defer { lastEnd = at }
            let idx = text.tokens(in: max(lastEnd, at - 600), at).filter { text.tokens[$0].money != nil }
            guard let b = idx.last(where: { stage(of: $0) == .budget }),
                  let f = idx.last(where: { stage(of: $0) == .final }),
                  case .money(let budget, let unit, _) = text.tokens[b].value, let final = text.tokens[f].money else { continue }
            let actual = final == budget ? 0 : (final < budget ? -1 : 1)
            let basically = r.word.0.contains(AuditWords.roughly.word) && (final - budget).fen.magnitude * 100 <= budget.fen.magnitude
            if actual != r.word.1 && !basically {
                out.append(ctx.finding(.comparisonWord, line: text.lineOf[at], ["word": r.word.0, "detail": ctx.m.text("comparison-word.relation", [
                    "a": ctx.money(final, unit), "b": ctx.money(budget, unit), "actual": ctx.m.text(actual < 0 ? "word.less" : actual > 0 ? "word.more" : "word.equal")])]))
            }
        }
        return out
    }
}
