import Foundation
import YusuanCore

/// Reads the 情况说明: the totals it states, and each stated change against a prior year
/// ("比2024年减少23.56万元", "较2023年增加3,589,341.35元", "与上年持平", "与2024保持一致"),
/// which becomes a prior-year fact marked `derived`.
struct NarrativeReader {
    let ctx: ReadingContext

    /// Standard labels and the words that name them, longest first.
    static let labels: [(label: String, words: [String])] = [
        ("公务用车购置及运行维护费", ["公务用车购置及运行维护费", "公务用车购置及运行费"]),
        ("三公经费", ["三公经费预算", "三公经费预算数", "三公经费财政拨款支出", "三公经费支出", "三公经费"]),
        ("因公出国（境）费", ["因公出国(境)费用", "因公出国(境)费", "因公出国境费用", "因公出国费用"]),
        ("公务接待费", ["公务接待费用", "公务接待费"]),
        ("公务用车运行维护费", ["公务用车运行维护费", "公务用车运行费"]),
        ("公务用车购置费", ["公务用车购置费"]),
        // A 决算's 收入支出总计 includes its carry-overs: neither the income nor the expenditure total.
        ("收支总计", ["收入支出总计", "收支总计"]),
        ("财政拨款收支总计", ["财政拨款收入支出总计", "财政拨款收支总计"]),
        ("收入预算", ["预算总收入", "总收入", "收入预算", "预算收入", "收入总计", "收入总额"]),
        ("支出预算", ["预算总支出", "总支出", "支出预算", "预算支出", "支出总计", "支出总额"]),
        ("一般公共预算财政拨款收入", ["一般公共预算财政拨款收入", "一般公共预算拨款收入", "一般公共预算拨款", "一般公共预算收入", "一般公共预算财政拨款资金"]),
        ("一般公共预算财政拨款支出", ["一般公共预算财政拨款支出", "一般公共预算拨款支出", "一般公共预算支出"]),
        ("政府性基金预算收入", ["政府性基金预算财政拨款收入", "政府性基金预算拨款收入", "政府性基金预算拨款", "政府性基金预算收入"]),
        ("政府性基金预算支出", ["政府性基金预算财政拨款支出", "政府性基金预算支出"]),
        ("国有资本经营预算收入", ["国有资本经营预算拨款收入", "国有资本经营预算拨款", "国有资本经营预算收入"]),
        ("国有资本经营预算支出", ["国有资本经营预算支出"]),
        ("一般公共预算财政拨款基本支出", ["一般公共预算财政拨款基本支出"]),
        ("基本支出", ["基本支出"]),
        ("项目支出", ["项目支出"]),
        ("人员经费", ["人员经费"]),
        ("公用经费", ["日常公用经费", "公用经费"]),
        ("机关运行经费", ["机关运行经费支出", "机关运行经费", "运行经费"]),
        ("政府采购预算", ["政府采购预算总额", "政府采购预算总计", "政府采购预算", "政府采购金额", "政府采购支出总额"]),
        ("政府采购货物预算", ["政府采购货物预算", "货物预算", "货物类", "货物采购金额", "政府采购货物支出"]),
        ("政府采购工程预算", ["政府采购工程预算", "工程预算", "工程类", "工程采购金额", "政府采购工程支出"]),
        ("政府采购服务预算", ["政府采购服务预算", "服务预算", "服务类", "服务采购金额", "政府采购服务支出"]),
        ("事业收入", ["事业收入"]),
        ("事业单位经营收入", ["事业单位经营收入", "经营收入"]),
        ("财政专户管理资金", ["财政专户管理资金", "财政专户管理资金收入"]),
        ("用事业基金弥补收支差额", ["用事业基金弥补收支差额"]),
        ("其他收入", ["其他收入"]),
        ("上年结转", ["上年结转", "上年结转结余"]),
        ("财政拨款收入", ["财政拨款收入"]),
    ]
    static let sangongMeasures: [String: Measure] = [
        "三公经费": .total, "因公出国（境）费": .outbound, "公务接待费": .reception,
        "公务用车运行维护费": .vehicleOperation, "公务用车购置费": .vehiclePurchase,
        "公务用车购置及运行维护费": .vehicleTotal,
    ]
    static let fillers = ["为", "是", "达到", "达", "共计", "合计", "安排", "年初预算数", "预算数", "财政拨款预算",
                          "预算金额", "金额", "年初预算", "预算", "决算数", "决算", "年"]

    /// The standard label a window of text ends with, after dropping filler words and years.
    static func label(endingWith window: String) -> String? {
        var w = Substring(window)
        for _ in 0..<8 {
            while let last = w.last, last == " " || last.isNumber && last.isASCII { w = w.dropLast() }
            // “政府采购金额（以合同签订为准）为”: a remark in brackets before the figure (not （类）/（项）).
            if w.hasSuffix(")"), let open = w.lastIndex(of: "("), w.distance(from: open, to: w.endIndex) > 4 { w = w[..<open] }
            // The longest word that ends the window wins: 政府性基金预算支出 before 预算支出.
            var best: (label: String, length: Int)?
            for (label, words) in labels {
                for word in words where word.count > (best?.length ?? 0) && w.hasSuffix(word) { best = (label, word.count) }
            }
            if let best { return best.label }
            guard let f = fillers.first(where: { w.hasSuffix($0) }) else { return nil }
            w = w.dropLast(f.count)
        }
        return nil
    }

    struct Token {
        var start: Int, end: Int, line: Int
        var amount: Money
        var unit: MoneyUnit
    }

    struct Stated {
        var label: String
        var code: String? = nil
        var amount: Money
        var unit: MoneyUnit
        var line: Int
        var column: Int
    }

    /// Joins narrative lines into one character stream (with each character's line), mending
    /// sentences broken across lines and normalising brackets, colons and quotes.
    static func stream(_ lines: [SourceLine]) -> (chars: [Character], lineOf: [Int]) {
        var chars: [Character] = []
        var lineOf: [Int] = []
        var previousOpen = false
        for line in lines {
            let text = Clean.label(line.text)
            if text.isEmpty { continue }
            // A line that stops mid-sentence continues on the next, unless that one opens a new item.
            if !chars.isEmpty && !(previousOpen && !startsNewItem(text)) { chars.append("。"); lineOf.append(line.number) }
            for c in text {
                let mapped: Character?
                switch c {
                case "（": mapped = "("
                case "）": mapped = ")"
                case "：": mapped = ":"
                case "，": mapped = ","
                case "；": mapped = ";"
                case "“", "”", "\"", "‘", "’", "「", "」": mapped = nil
                case "０"..."９": mapped = Character(Unicode.Scalar(c.unicodeScalars.first!.value - 0xFF10 + 0x30)!)
                default: mapped = c
                }
                if let m = mapped { chars.append(m); lineOf.append(line.number) }
            }
            let end = text.last!
            previousOpen = !"。；;：:！!？?".contains(end)
        }
        return (chars, lineOf)
    }

    /// "一、", "（二）", "(3)", "4.", "- 5.", "第六": the start of a new heading or list item.
    static func startsNewItem(_ text: String) -> Bool {
        var t = Substring(text)
        if t.hasPrefix("-") || t.hasPrefix("•") { return true }
        let numerals = "一二三四五六七八九十"
        if let f = t.first, f == "(" || f == "（" {
            t = t.dropFirst()
            let body = t.prefix { $0.isNumber || numerals.contains($0) }
            return !body.isEmpty && t.dropFirst(body.count).first.map { $0 == ")" || $0 == "）" } == true
        }
        let head = t.prefix { numerals.contains($0) }
        if !head.isEmpty, let next = t.dropFirst(head.count).first { return next == "、" || next == "是" }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 2, let next = t.dropFirst(digits.count).first {
            return next == "、" || (next == "." && t.dropFirst(digits.count + 1).first.map { !$0.isNumber } == true)
        }
        return t.hasPrefix("第") && t.dropFirst().first.map { numerals.contains($0) } == true
    }

    static func tokens(_ chars: [Character], _ lineOf: [Int]) -> [Token] {
        var out: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c.isASCII, c.isNumber, i == 0 || !(chars[i - 1].isASCII && (chars[i - 1].isNumber || chars[i - 1] == "." )) else { i += 1; continue }
            var j = i
            var numeral = ""
            while j < chars.count {
                let d = chars[j]
                if d.isASCII && (d.isNumber || d == "," || d == ".") { numeral.append(d); j += 1; continue }
                // "2, 465. 43": a space inside a number after a separator.
                if d == " ", let last = numeral.last, last == "," || last == ".", j + 1 < chars.count, chars[j + 1].isASCII, chars[j + 1].isNumber { j += 1; continue }
                break
            }
            var k = j
            while k < chars.count, chars[k] == " " { k += 1 }
            var unit: MoneyUnit?
            var end = k
            if k + 1 < chars.count, chars[k] == "万", chars[k + 1] == "元" { unit = .wanyuan; end = k + 2 }
            else if k < chars.count, chars[k] == "元", !(k + 1 < chars.count && chars[k + 1] == "/") { unit = .yuan; end = k + 1 }
            if let unit, case .number(let m) = Numbers.cell(Substring(numeral), unit: unit) {
                out.append(Token(start: i, end: end, line: lineOf[i], amount: m, unit: unit))
            }
            i = max(j, i + 1)
        }
        return out
    }

    /// Reads `lines` and returns the stated figures and derived prior-year figures it emitted.
    /// `claimed`: token starts another reader has read (a 决算's 年初预算 figures).
    func read(_ lines: [SourceLine], sangongPrinted: Set<String>, claimed: Set<Int> = []) -> Int {
        let (chars, lineOf) = Self.stream(lines)
        let toks = Self.tokens(chars, lineOf)
        let year = ctx.identity.year
        var stated: [Stated] = []
        var statedByLabel: [String: Stated] = [:]
        var derived: [(label: String, year: Int, amount: Money, unit: MoneyUnit, line: Int, column: Int)] = []
        var codeOf: [String: String] = [:]
        var lastStatedInSentence: Stated?
        var explaining = false
        var previousEnd = 0
        let delimiters: Set<Character> = [",", ";", "。", ":", "、", "!", "?"]

        func text(_ a: Int, _ b: Int) -> String { a < b ? String(chars[a..<b]) : "" }
        func reference(_ s: String) -> Int? {
            if s.contains("上年") || s.contains("去年") || s.contains("上一年") { return year - 1 }
            let ys = yearsMentioned(s).filter { $0 < year }
            return ys.last ?? nil
        }

        for (n, tok) in toks.enumerated() {
            if claimed.contains(tok.start) { previousEnd = tok.end; continue }
            // Sentence and clause boundaries between the previous token and this one: only the
            // text after the last boundary can start an explanation ("主要原因是…").
            var recent = text(previousEnd, tok.start)
            if let b = recent.lastIndex(of: "。") {
                lastStatedInSentence = nil; explaining = false
                recent = String(recent[recent.index(after: b)...])
            }
            if let b = recent.lastIndex(of: ";") { explaining = false; recent = String(recent[recent.index(after: b)...]) }
            if let r = recent.range(of: "其中", options: .backwards) { explaining = false; recent = String(recent[r.upperBound...]) }
            let windowStart = (previousEnd..<tok.start).last(where: { delimiters.contains(chars[$0]) }).map { $0 + 1 } ?? previousEnd
            let window = text(windowStart, tok.start).replacingOccurrences(of: " ", with: "")
            // A change: "较2023年增加 X", "比上年减少 X".
            let verbs = ["增加", "减少", "增长", "下降", "降低", "上升", "减", "增", "多", "少"]
            // The comparison may stand in the clause before: "与上年相比，减少12.5万元".
            let compact = recent.replacingOccurrences(of: " ", with: "")
            let cmpText = window.contains(where: { $0 == "较" || $0 == "比" }) ? window : compact
            let cmp = cmpText.lastIndex { $0 == "较" || $0 == "比" }
            if let cmp, !cmpText[cmp...].contains("主要"), let verb = verbs.first(where: { window.hasSuffix($0) || window.hasSuffix($0 + "了") }) {
                let afterCmp = String(cmpText[cmpText.index(after: cmp)...])
                let subjectText = String(cmpText[..<cmp])
                let refYear = reference(afterCmp) ?? (year - 1)
                let subjectLabel: String? = {
                    if let l = Self.label(endingWith: subjectText) { return l }
                    // “与2023年度相比，一般公共预算财政拨款支出减少63.14万元”: the subject before the verb.
                    let beforeVerb = window.hasSuffix(verb) ? window.dropLast(verb.count) : window.dropLast(verb.count + 1)
                    if !window.contains(where: { $0 == "较" || $0 == "比" }), let l = Self.label(endingWith: String(beforeVerb)) { return l }
                    if subjectText.hasSuffix("收入") { return "收入预算" }
                    if subjectText.hasSuffix("支出") { return "支出预算" }
                    return nil
                }()
                let target: Stated? = subjectLabel.flatMap { statedByLabel[$0] } ?? lastStatedInSentence
                if let target {
                    let up = verb.contains("增") || verb == "上升" || verb == "多"
                    let change = Money(fen: tok.amount.fen)
                    let prior = up ? target.amount - change : target.amount + change
                    derived.append((target.label, refYear, prior, tok.unit, tok.line, tok.start))
                } else {
                    ctx.warn(tok.line, "narrative-change", "a change against \(refYear) is stated but no figure it applies to was found; not read")
                }
                previousEnd = tok.end
                continue
            }
            if ["主要是", "主要原因", "主要用于", "主要包括"].contains(where: { recent.contains($0) }) { explaining = true }
            previousEnd = tok.end
            if explaining { continue }
            var label = Self.label(endingWith: window)
            var code: String? = nil
            // "…(款)行政运行(项)2024年预算数为2,090,081.41元": a 项 of the functional classification.
            if label == nil, let xiang = window.range(of: "(项)", options: .backwards) {
                let head = window[..<xiang.lowerBound]
                let name = head.range(of: "(款)", options: .backwards).map { String(head[$0.upperBound...]) } ?? String(head)
                if !name.isEmpty, name.count <= 30 {
                    label = name
                    let codes = (ctx.codesByName[Clean.key(name)] ?? []).filter { $0.count == 7 }
                    if codes.count == 1 { code = codes.first }
                }
            }
            if label == nil, lastStatedInSentence == nil {
                // "(一)收入预算: 2024 年年初预算数 3,805.35 万元": the heading names the figure.
                let sentenceStart = (0..<tok.start).last(where: { chars[$0] == "。" }).map { $0 + 1 } ?? 0
                let head = text(sentenceStart, tok.start)
                if let colon = head.lastIndex(of: ":") { label = Self.label(endingWith: String(head[..<colon]).replacingOccurrences(of: " ", with: "")) }
            }
            if label == nil, let last = lastStatedInSentence, window == "支出" || window == "收入" {
                // "部门预算收入1412.46万元，支出1412.46万元": the pair's second half.
                if window == "支出" && last.label == "收入预算" { label = "支出预算" }
                if window == "收入" && last.label == "支出预算" { label = "收入预算" }
            }
            guard let label else { continue }
            let s = Stated(label: label, code: code, amount: tok.amount, unit: tok.unit, line: tok.line, column: tok.start)
            lastStatedInSentence = s
            if let first = statedByLabel[label] {
                if first.amount != s.amount && label != "三公经费" {
                    ctx.warn(tok.line, "narrative-repeat", "the narrative states \(label) again as \(s.amount.formatted(in: s.unit)) (line \(first.line) said \(first.amount.formatted(in: first.unit))); the first is kept", severity: .info)
                }
                continue
            }
            statedByLabel[label] = s
            stated.append(s)
            if let code { codeOf[label] = code }
            // "与上年持平" / "与2024保持一致" after the figure: the prior year had the same amount.
            let nextStart = n + 1 < toks.count ? toks[n + 1].start : chars.count
            var clause = text(tok.end, nextStart)
            if let stop = clause.firstIndex(where: { $0 == ";" || $0 == "。" }) { clause = String(clause[..<stop]) }
            let c = clause.replacingOccurrences(of: " ", with: "")
            if c.contains("持平") || c.contains("保持一致") || c.contains("一致") || c.contains("不变") || c.contains("相同"),
               let w = c.range(of: "与") ?? c.range(of: "同") ?? c.range(of: "和") {
                let ref = reference(String(c[w.upperBound...])) ?? (year - 1)
                let lineOfPhrase = lineOf[min(chars.count - 1, tok.end + (clause.distance(from: clause.startIndex, to: clause.range(of: "与")?.lowerBound ?? clause.startIndex)))]
                derived.append((label, ref, s.amount, s.unit, lineOfPhrase, tok.end))
            }
        }

        var n = 0
        for s in stated {
            ctx.emit(line: s.line, column: s.column, table: .narrative, code: s.code, item: s.label, measure: .total,
                     amount: s.amount, unit: s.unit)
            n += 1
        }
        var seenDerived = Set<String>()
        for d in derived where seenDerived.insert("\(d.label)|\(d.year)").inserted {
            ctx.emit(line: d.line, column: d.column, table: .narrative, code: codeOf[d.label], item: d.label, measure: .total,
                     amount: d.amount, unit: d.unit, year: d.year, derived: true)
            n += 1
        }
        n += fillSangong(stated: stated, derived: derived.map { ($0.label, $0.year, $0.amount, $0.unit, $0.line, $0.column) },
                         printed: sangongPrinted)
        return n
    }

    /// 三公 figures the table does not print come from the narrative (the 合计 row).
    func fillSangong(stated: [Stated], derived: [(String, Int, Money, MoneyUnit, Int, Int)], printed: Set<String>) -> Int {
        let year = ctx.identity.year
        var byKey: [String: (Money, MoneyUnit, Int, Int, Bool)] = [:]
        for s in stated { if let m = Self.sangongMeasures[s.label] { byKey["\(year)|\(m.rawValue)"] = (s.amount, s.unit, s.line, s.column, false) } }
        for d in derived {
            if let m = Self.sangongMeasures[d.0], byKey["\(d.1)|\(m.rawValue)"] == nil { byKey["\(d.1)|\(m.rawValue)"] = (d.2, d.3, d.4, d.5, true) }
        }
        // The vehicles subtotal follows from its two parts.
        let years = Set(byKey.keys.compactMap { Int($0.split(separator: "|")[0]) })
        for y in years where byKey["\(y)|vehicle_total"] == nil && !printed.contains("\(y)|vehicle_total") {
            let p = byKey["\(y)|vehicle_purchase"] ?? (printed.contains("\(y)|vehicle_purchase") ? nil : nil)
            if let p, let o = byKey["\(y)|vehicle_operation"] {
                byKey["\(y)|vehicle_total"] = (p.0 + o.0, o.1, max(p.2, o.2), max(p.3, o.3), true)
            }
        }
        var n = 0
        for key in byKey.keys.sorted() where !printed.contains(key) {
            let parts = key.split(separator: "|")
            guard let y = Int(parts[0]), let m = Measure(rawValue: String(parts[1])), let v = byKey[key] else { continue }
            ctx.emit(line: v.2, column: v.3, table: .sangong, code: nil, item: "合计", measure: m, amount: v.0,
                     unit: v.1, year: y, derived: v.4)
            n += 1
        }
        return n
    }
}
