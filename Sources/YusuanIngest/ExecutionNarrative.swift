import Foundation
import YusuanCore

/// The budget-execution sentences of a 决算's 情况说明: “一般公共预算财政拨款支出年初预算为2993.92万元，
/// 支出决算为2940.05万元，完成年初预算的98.20%”, and per 项 after “1、…（类）…（款）…（项）。” A 年初预算
/// figure is a `budget` fact, a 决算 figure a `final` fact, whatever the document's stage.
struct ExecutionNarrative {
    let ctx: ReadingContext

    struct Figure {
        var stage: Stage
        var label: String
        var code: String?
        var token: NarrativeReader.Token
    }

    /// The execution figures of the stream, before any is emitted (their tokens are claimed so
    /// that the general narrative reader does not read a 年初预算 as the document's own stage).
    static func scan(_ chars: [Character], _ toks: [NarrativeReader.Token], ctx: ReadingContext) -> [Figure] {
        var out: [Figure] = []
        var previousEnd = 0
        // The subject of the sentence's last figure, for “…年初预算为X万元，支出决算为Y万元”.
        var sentenceSubject: (label: String, code: String?)?
        // Where the last （项） heading used ended: the next figures without a subject need a newer one.
        var usedHeadingAt = -1
        func text(_ a: Int, _ b: Int) -> String { a < b ? String(chars[a..<b]).replacingOccurrences(of: " ", with: "") : "" }
        for tok in toks {
            let between = text(previousEnd, tok.start)
            if between.contains("。") { sentenceSubject = nil }
            let clauseStart = (previousEnd..<tok.start).last(where: { ",;。:、".contains(chars[$0]) }).map { $0 + 1 } ?? previousEnd
            let clause = text(clauseStart, tok.start)
            previousEnd = tok.end
            let stage: Stage
            let word: String
            if let w = NarrativeWords.budget.first(where: { clause.hasSuffix($0) }) { stage = .budget; word = w }
            else if let w = NarrativeWords.final.first(where: { clause.hasSuffix($0) }) { stage = .final; word = w }
            else { sentenceSubject = nil; continue }
            let subjectText = String(clause.dropLast(word.count))
            var subject: (label: String, code: String?)?
            // “三公经费财政拨款支出决算为”, “公务接待费支出决算为”: with and without the 支出.
            var candidates = word.hasPrefix("支出") ? [subjectText + "支出", subjectText] : [subjectText]
            if subjectText.hasSuffix("支出") { candidates.append(String(subjectText.dropLast(2))) }
            if !subjectText.isEmpty, subjectText != "支出",
               let l = candidates.lazy.compactMap({ NarrativeReader.label(endingWith: $0) }).first { subject = (l.rawValue, nil) }
            // A subject no label names (“某系统项目预算为…”) is no line of execution.
            if subject == nil, !subjectText.isEmpty, subjectText != "支出" { sentenceSubject = nil; continue }
            if subject == nil { subject = sentenceSubject }
            // “1、…（类）…（款）…（项）。主要用于…。年初预算为…”: the item's heading, close before.
            if subject == nil, let h = heading(before: tok.start, after: max(usedHeadingAt, tok.start - 240), chars) {
                subject = resolve(h.names, ctx: ctx)
                usedHeadingAt = h.end
            }
            guard let subject else { continue }
            sentenceSubject = subject
            out.append(Figure(stage: stage, label: subject.label, code: subject.code, token: tok))
        }
        return out
    }

    /// The names of the last “A（类）B（款）C（项）” heading between `after` and `position`.
    static func heading(before position: Int, after: Int, _ chars: [Character]) -> (names: [String], end: Int)? {
        var i = position - 1
        while i > max(after, 2) {
            if chars[i] == ")", chars[i - 2] == "(", "类款项".contains(chars[i - 1]) { break }
            i -= 1
        }
        guard i > max(after, 2) else { return nil }
        let end = i + 1
        // Back to the start of the item: “1、”, a sentence end, or the previous heading's end.
        var start = i
        while start > 0, !"。;:、".contains(chars[start - 1]) { start -= 1 }
        let head = String(chars[start..<end]).replacingOccurrences(of: " ", with: "")
        var names: [String] = []
        var rest = Substring(head)
        // “(一)文化旅游体育与传媒支出(类)…”: the item's own number is not part of the name.
        if rest.hasPrefix("("), let close = rest.firstIndex(of: ")"), rest.distance(from: rest.startIndex, to: close) <= 3 {
            rest = rest[rest.index(after: close)...]
        }
        for marker in ["(类)", "(款)", "(项)"] {
            guard let r = rest.range(of: marker) else { continue }
            names.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        return names.isEmpty ? nil : (names, end)
    }

    /// The deepest name and, where the document's tables print them, its code under its parents.
    static func resolve(_ names: [String], ctx: ReadingContext) -> (label: String, code: String?) {
        var parents: Set<String> = [""]
        var code: String?
        // Names of the codes in the tables read so far (split 类|款|项 columns never reach codesByName).
        var byName = ctx.codesByName
        for f in ctx.facts where f.table.isFunctional { if let c = f.code { byName[Clean.key(f.item), default: []].insert(c) } }
        for (depth, name) in names.enumerated() {
            let length = [3, 5, 7][min(depth, 2)]
            let found = (byName[Clean.key(name)] ?? []).filter { c in
                c.count == length && c.first == "2" && parents.contains { c.hasPrefix($0) }
            }
            guard found.count == 1 else { code = nil; break }
            code = found.first
            parents = found
        }
        return (names.last ?? "", code)
    }

    /// Emits the figures not already read by the general narrative reader; 三公 figures also fill
    /// the 三公 table where it prints nothing for that stage and part.
    func emit(_ figures: [Figure], chars: [Character]) {
        for f in figures {
            let exists = ctx.facts.contains { e in
                e.table == .narrative && e.year == ctx.identity.year && e.stage == f.stage && e.item == f.label
                    && e.code == f.code && e.amount == f.token.amount
            }
            if !exists {
                ctx.emit(line: f.token.line, column: f.token.start, table: .narrative, code: f.code, item: f.label,
                         measure: .total, amount: f.token.amount, unit: f.token.unit, stage: f.stage)
            }
            if let m = NarrativeItem(rawValue: f.label)?.sangongPart,
               !ctx.facts.contains(where: { $0.table == .sangong && $0.item == "合计" && $0.measure == m
                   && $0.year == ctx.identity.year && $0.stage == f.stage }) {
                ctx.emit(line: f.token.line, column: f.token.start, table: .sangong, code: nil, item: "合计", measure: m,
                         amount: f.token.amount, unit: f.token.unit, stage: f.stage)
            }
        }
        checkRates(figures, chars: chars)
    }

    /// “完成年初预算的98.20%” and “决算数小于预算数” are checked against the two figures.
    func checkRates(_ figures: [Figure], chars: [Character]) {
        for (i, f) in figures.enumerated() where f.stage == .final {
            guard i > 0, figures[i - 1].stage == .budget, figures[i - 1].label == f.label, figures[i - 1].code == f.code else { continue }
            let budget = figures[i - 1].token.amount, final = f.token.amount
            // This sentence and the next (“…支出决算为Y万元。决算数小于预算数的主要原因…”).
            var end = f.token.end, stops = 0
            while end < chars.count, end - f.token.end < 160 {
                if chars[end] == "。" { stops += 1; if stops == 2 { break } }
                end += 1
            }
            let after = String(chars[f.token.end..<end]).replacingOccurrences(of: " ", with: "")
            // “完成年初预算的98.20%”, “完成全年预算数的102.8%”, “完成预算95%”.
            if let r = NarrativeWords.executionRate.lazy.compactMap({ after.range(of: $0) }).first, budget.fen > 0,
               let start = after[r.upperBound...].prefix(8).firstIndex(where: { $0.isASCIIDigit }) {
                let digits = after[start...].prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
                if after[start...].dropFirst(digits.count).first == "%", let printed = Decimal(string: String(digits)) {
                    let decimals = digits.split(separator: ".").dropFirst().first?.count ?? 0
                    var tolerance = Decimal(5)
                    for _ in 0...decimals { tolerance /= 10 }
                    let rate = Decimal(final.fen) * 100 / Decimal(budget.fen)
                    if abs(rate - printed) > tolerance {
                        ctx.warn(f.token.line, .executionRate, key: "warn.execution-rate", ["label": f.label, "stated": String(digits),
                                                                                             "final": final.formatted(in: f.token.unit), "budget": budget.formatted(in: figures[i - 1].token.unit),
                                                                                             "rate": String(format: "%.2f", NSDecimalNumber(decimal: rate).doubleValue)])
                    }
                }
            }
            func states(_ words: [String]) -> Bool { words.contains { after.contains($0) } }
            let says: Int? = states(NarrativeWords.finalAbove) ? 1 : states(NarrativeWords.finalBelow) ? -1
                : states(NarrativeWords.finalEqual) ? 0 : nil
            let actual = final.fen > budget.fen ? 1 : final.fen < budget.fen ? -1 : 0
            if let says, says != actual {
                ctx.warn(f.token.line, .executionDirection, key: says > 0 ? "warn.execution-above" : says < 0 ? "warn.execution-below" : "warn.execution-equal",
                         ["label": f.label, "final": final.formatted(in: f.token.unit), "budget": budget.formatted(in: figures[i - 1].token.unit)])
            }
        }
    }
}
