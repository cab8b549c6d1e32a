import Foundation
import YusuanCore

/// Reads the 情况说明: the totals it states, and each stated change against a prior year
/// ("比2024年减少23.56万元", "较2023年增加3,589,341.35元", "与上年持平", "与2024保持一致"),
/// which becomes a prior-year fact marked `derived`.
struct NarrativeReader {
    let ctx: ReadingContext

    /// Every item's words (data: `narrative-items.tsv`) as scalars, longest first (catalogue order
    /// among equals): the first that ends a window is the longest. Compared by scalar:
    /// `String.hasSuffix` on Chinese text compares by canonical equivalence, one of the reader's
    /// largest costs.
    static let wordsByLength: [(label: NarrativeItem, word: [Unicode.Scalar])] = NarrativeItem.catalogue
        .flatMap { l in l.words.filter { !$0.isEmpty }.map { (label: l.item, word: Array($0.unicodeScalars)) } }
        .enumerated().sorted { ($0.element.word.count, $1.offset) > ($1.element.word.count, $0.offset) }.map(\.element)
    /// Words dropped before an item's words (data: `narrative-words.tsv`).
    static let fillerScalars = NarrativeWords.fillers.filter { !$0.isEmpty }.map { Array($0.unicodeScalars) }

    /// The standard item a window of text ends with, after dropping filler words and years.
    static func label(endingWith window: String) -> NarrativeItem? {
        let s = Array(window.unicodeScalars)
        var end = s.count
        func endsWith(_ word: [Unicode.Scalar]) -> Bool { word.count <= end && s[(end - word.count)..<end].elementsEqual(word) }
        for _ in 0..<8 {
            while end > 0, s[end - 1] == " " || ("0"..."9").contains(s[end - 1]) { end -= 1 }
            // “政府采购金额（以合同签订为准）为”: a remark in brackets before the figure (not （类）/（项）).
            if end > 0, s[end - 1] == ")", let open = s[..<end].lastIndex(of: "("), end - open > 4 { end = open }
            // The longest word that ends the window wins: 政府性基金预算支出 before 预算支出.
            if let hit = wordsByLength.first(where: { endsWith($0.word) }) { return hit.label }
            guard let f = fillerScalars.first(where: endsWith) else { return nil }
            end -= f.count
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
            // Plain text (every scalar a character: `ByteSearch.isPlain`) by scalars, without
            // breaking it into characters.
            if ByteSearch.isPlain(text) {
                for u in text.unicodeScalars {
                    if let m = mapped(u.value) { chars.append(m ?? Character(u)); lineOf.append(line.number) }
                }
                previousOpen = !"。；;：:！!？?".contains(text.last!)
                continue
            }
            for c in text {
                // By scalar value: matching a CJK `Character` against literals takes the standard
                // library's normalising comparison, a dozen times for every character of the narrative.
                var scalars = c.unicodeScalars.makeIterator()
                let v = scalars.next()!.value
                let mapped: Character?
                switch scalars.next() == nil ? v : 0 {
                case 0xFF08: mapped = "("                // （
                case 0xFF09: mapped = ")"                // ）
                case 0xFF1A: mapped = ":"                // ：
                case 0xFF0C: mapped = ","                // ，
                case 0xFF1B: mapped = ";"                // ；
                case 0x201C, 0x201D, 0x22, 0x2018, 0x2019, 0x300C, 0x300D: mapped = nil  // “ ” " ‘ ’ 「 」
                case 0xFF10...0xFF19: mapped = Character(Unicode.Scalar(v - 0xFF10 + 0x30)!)  // ０…９
                default: mapped = c
                }
                if let m = mapped { chars.append(m); lineOf.append(line.number) }
            }
            let end = text.last!
            previousOpen = !"。；;：:！!？?".contains(end)
        }
        return (chars, lineOf)
    }

    /// What `stream` makes of a character of one scalar `v`: nil to drop it, `.some(nil)` to keep it.
    @inline(__always)
    static func mapped(_ v: UInt32) -> Character?? {
        switch v {
        case 0xFF08: return .some("(")                 // （
        case 0xFF09: return .some(")")                 // ）
        case 0xFF1A: return .some(":")                 // ：
        case 0xFF0C: return .some(",")                 // ，
        case 0xFF1B: return .some(";")                 // ；
        case 0x201C, 0x201D, 0x22, 0x2018, 0x2019, 0x300C, 0x300D: return nil  // “ ” " ‘ ’ 「 」
        case 0xFF10...0xFF19: return .some(Character(Unicode.Scalar(v - 0xFF10 + 0x30)!))  // ０…９
        default: return .some(nil)
        }
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
        let digits = t.prefix { $0.isASCIIDigit }
        if !digits.isEmpty, digits.count <= 2, let next = t.dropFirst(digits.count).first {
            return next == "、" || (next == "." && t.dropFirst(digits.count + 1).first.map { !$0.isNumber } == true)
        }
        return t.hasPrefix("第") && t.dropFirst().first.map { numerals.contains($0) } == true
    }

    /// `c == Character(v)` for a `v` that no other character equals canonically (none decomposes to
    /// it: `FastPathTests` checks every `v` used here), by its scalars: `==` on a CJK
    /// `Character` takes the standard library's normalising comparison, for most characters of
    /// the narrative.
    @inline(__always)
    static func isOnly(_ c: Character, _ v: Unicode.Scalar) -> Bool {
        var scalars = c.unicodeScalars.makeIterator()
        return scalars.next() == v && scalars.next() == nil
    }
    /// The scalars `isOnly` is used with.
    static let comparedAlone: [Unicode.Scalar] = [".", ",", " ", "/", "万", "元", "。", "较", "比"]

    /// 较 or 比: a comparison.
    static let comparisons: [Unicode.Scalar] = ["较", "比"]

    /// The last character of `s` that is one of `scalars` alone (`isOnly`; `;` also as U+037E,
    /// which `==` takes for it): by the byte when `s` is plain (`ByteSearch.isPlain`: every scalar
    /// a character, U+037E none of them), else character by character. Walking a clause
    /// backwards by characters was a tenth of reading the narrative.
    static func lastIndex(of scalars: [Unicode.Scalar], in s: String) -> String.Index? {
        var text = s
        let found = text.withUTF8 { u -> Int?? in
            guard ByteSearch.isPlain(u) else { return .none }
            var last: Int?
            for v in scalars {
                let needle = Array(String(v).utf8), n = needle.count
                guard n <= u.count else { continue }
                // Backwards, no further than a later match of an earlier scalar.
                var i = u.count - n
                while i >= 0, last.map({ i > $0 }) ?? true {
                    if u[i] == needle[0], needle.withUnsafeBufferPointer({ memcmp(u.baseAddress! + i, $0.baseAddress!, n) == 0 }) {
                        last = i
                        break
                    }
                    i -= 1
                }
            }
            return .some(last)
        }
        switch found {
        case .some(let offset): return offset.map { s.utf8.index(s.utf8.startIndex, offsetBy: $0) }
        case .none: return s.lastIndex { c in scalars.contains { $0 == ";" ? c == ";" : isOnly(c, $0) } }
        }
    }

    static func tokens(_ chars: [Character], _ lineOf: [Int]) -> [Token] {
        var out: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c.isASCIIDigit, i == 0 || !(chars[i - 1].isASCIIDigit || Self.isOnly(chars[i - 1], ".")) else { i += 1; continue }
            var j = i
            var numeral = ""
            while j < chars.count {
                let d = chars[j]
                if d.isASCIIDigit || Self.isOnly(d, ",") || Self.isOnly(d, ".") { numeral.append(d); j += 1; continue }
                // "2, 465. 43": a space inside a number after a separator.
                if Self.isOnly(d, " "), let last = numeral.last, Self.isOnly(last, ",") || Self.isOnly(last, "."), j + 1 < chars.count, chars[j + 1].isASCIIDigit { j += 1; continue }
                break
            }
            var k = j
            while k < chars.count, Self.isOnly(chars[k], " ") { k += 1 }
            var unit: MoneyUnit?
            var end = k
            if k + 1 < chars.count, Self.isOnly(chars[k], "万"), Self.isOnly(chars[k + 1], "元") { unit = .wanyuan; end = k + 2 }
            else if k < chars.count, Self.isOnly(chars[k], "元"), !(k + 1 < chars.count && Self.isOnly(chars[k + 1], "/")) { unit = .yuan; end = k + 1 }
            if let unit, case .number(let m) = Numbers.cell(Substring(numeral), unit: unit) {
                out.append(Token(start: i, end: end, line: lineOf[i], amount: m, unit: unit))
            }
            i = max(j, i + 1)
        }
        return out
    }

    /// Reads `lines`, emitting the stated figures and the derived prior-year figures.
    /// `claimed`: token starts another reader has read (a 决算's 年初预算 figures).
    func read(_ lines: [SourceLine], sangongPrinted: Set<SangongPart>, claimed: Set<Int> = []) {
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
        // , ; 。 : 、 ! ? by scalar: hashing a `Character` into a set normalises it.
        func isDelimiter(_ c: Character) -> Bool {
            var scalars = c.unicodeScalars.makeIterator()
            let v = scalars.next()!.value
            return scalars.next() == nil && [0x2C, 0x3B, 0x3002, 0x3A, 0x3001, 0x21, 0x3F].contains(v)
        }

        // Texts of the stream are cut from its UTF-8 by each character's offset: building a String
        // from a slice of `Character`s appended them one by one, for every figure.
        var bytes: [UInt8] = [], offsets: [Int] = [0]
        offsets.reserveCapacity(chars.count + 1)
        for c in chars { bytes.append(contentsOf: c.utf8); offsets.append(bytes.count) }
        func text(_ a: Int, _ b: Int) -> String { a < b ? String(decoding: bytes[offsets[a]..<offsets[b]], as: UTF8.self) : "" }
        func reference(_ s: String) -> Int? {
            if NarrativeWords.priorYear.contains(where: { s.contains($0) }) { return year - 1 }
            let ys = yearsMentioned(s).filter { $0 < year }
            return ys.last ?? nil
        }

        for (n, tok) in toks.enumerated() {
            if claimed.contains(tok.start) { previousEnd = tok.end; continue }
            // Sentence and clause boundaries between the previous token and this one: only the
            // text after the last boundary can start an explanation ("主要原因是…").
            var recent = text(previousEnd, tok.start)
            if let b = Self.lastIndex(of: ["。"], in: recent) {
                lastStatedInSentence = nil; explaining = false
                recent = String(recent[recent.index(after: b)...])
            }
            if let b = Self.lastIndex(of: [";"], in: recent) { explaining = false; recent = String(recent[recent.index(after: b)...]) }
            if let r = LiteralSearch.lastRange(of: "其中", in: recent) { explaining = false; recent = String(recent[r.upperBound...]) }
            let windowStart = (previousEnd..<tok.start).last(where: { isDelimiter(chars[$0]) }).map { $0 + 1 } ?? previousEnd
            let window = LiteralSearch.withoutSpaces(text(windowStart, tok.start))
            // A change: "较2023年增加 X", "比上年减少 X".
            let verbs = NarrativeWords.change
            // The comparison may stand in the clause before: "与上年相比，减少12.5万元".
            let compact = LiteralSearch.withoutSpaces(recent)
            let cmpText = Self.lastIndex(of: Self.comparisons, in: window) != nil ? window : compact
            let cmp = Self.lastIndex(of: Self.comparisons, in: cmpText)
            if let cmp, !cmpText[cmp...].contains("主要"), let verb = verbs.first(where: { window.hasSuffix($0) || window.hasSuffix($0 + "了") }) {
                let afterCmp = String(cmpText[cmpText.index(after: cmp)...])
                let subjectText = String(cmpText[..<cmp])
                let refYear = reference(afterCmp) ?? (year - 1)
                let subjectLabel: String? = {
                    if let l = Self.label(endingWith: subjectText) { return l.rawValue }
                    // “与2023年度相比，一般公共预算财政拨款支出减少63.14万元”: the subject before the verb.
                    let beforeVerb = window.hasSuffix(verb) ? window.dropLast(verb.count) : window.dropLast(verb.count + 1)
                    if Self.lastIndex(of: Self.comparisons, in: window) == nil, let l = Self.label(endingWith: String(beforeVerb)) { return l.rawValue }
                    if subjectText.hasSuffix("收入") { return NarrativeItem.income.rawValue }
                    if subjectText.hasSuffix("支出") { return NarrativeItem.expenditure.rawValue }
                    return nil
                }()
                let target: Stated? = subjectLabel.flatMap { statedByLabel[$0] } ?? lastStatedInSentence
                if let target {
                    let up = NarrativeWords.increase.contains(verb)
                    let change = Money(fen: tok.amount.fen)
                    let prior = up ? target.amount - change : target.amount + change
                    derived.append((target.label, refYear, prior, tok.unit, tok.line, tok.start))
                } else {
                    ctx.warn(tok.line, .narrativeChange, key: "warn.narrative-change", ["year": String(refYear)])
                }
                previousEnd = tok.end
                continue
            }
            if NarrativeWords.explanation.contains(where: { recent.contains($0) }) { explaining = true }
            previousEnd = tok.end
            if explaining { continue }
            var label = Self.label(endingWith: window)?.rawValue
            var code: String? = nil
            // "…(款)行政运行(项)2024年预算数为2,090,081.41元": a 项 of the functional classification.
            if label == nil, let xiang = LiteralSearch.lastRange(of: "(项)", in: window) {
                let head = window[..<xiang.lowerBound]
                let name = LiteralSearch.lastRange(of: "(款)", in: head).map { String(head[$0.upperBound...]) } ?? String(head)
                if !name.isEmpty, name.count <= 30 {
                    label = name
                    let codes = (ctx.codesByName[Clean.key(name)] ?? []).filter { $0.count == 7 }
                    if codes.count == 1 { code = codes.first }
                }
            }
            if label == nil, lastStatedInSentence == nil {
                // "(一)收入预算: 2024 年年初预算数 3,805.35 万元": the heading names the figure.
                let sentenceStart = (0..<tok.start).last(where: { Self.isOnly(chars[$0], "。") }).map { $0 + 1 } ?? 0
                let head = text(sentenceStart, tok.start)
                if let colon = head.lastIndex(of: ":") { label = Self.label(endingWith: String(head[..<colon]).replacingOccurrences(of: " ", with: ""))?.rawValue }
            }
            if label == nil, let last = lastStatedInSentence, window == "支出" || window == "收入" {
                // "部门预算收入1412.46万元，支出1412.46万元": the pair's second half.
                if window == "支出" && last.label == NarrativeItem.income.rawValue { label = NarrativeItem.expenditure.rawValue }
                if window == "收入" && last.label == NarrativeItem.expenditure.rawValue { label = NarrativeItem.income.rawValue }
            }
            guard let label else { continue }
            let s = Stated(label: label, code: code, amount: tok.amount, unit: tok.unit, line: tok.line, column: tok.start)
            lastStatedInSentence = s
            if let first = statedByLabel[label] {
                if first.amount != s.amount && label != NarrativeItem.sangong.rawValue {
                    ctx.warn(tok.line, .narrativeRepeat, key: "warn.narrative-repeat", ["label": label, "amount": s.amount.formatted(in: s.unit),
                                                                                        "line": String(first.line), "first": first.amount.formatted(in: first.unit)], severity: .info)
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
            let c = LiteralSearch.withoutSpaces(clause)
            if NarrativeWords.unchanged.contains(where: { c.contains($0) }),
               let w = c.range(of: "与") ?? c.range(of: "同") ?? c.range(of: "和") {
                let ref = reference(String(c[w.upperBound...])) ?? (year - 1)
                let lineOfPhrase = lineOf[min(chars.count - 1, tok.end + (clause.distance(from: clause.startIndex, to: clause.range(of: "与")?.lowerBound ?? clause.startIndex)))]
                derived.append((label, ref, s.amount, s.unit, lineOfPhrase, tok.end))
            }
        }

        for s in stated {
            ctx.emit(line: s.line, column: s.column, table: .narrative, code: s.code, item: s.label, measure: .total,
                     amount: s.amount, unit: s.unit)
        }
        var seenDerived = Set<String>()
        for d in derived where seenDerived.insert("\(d.label)|\(d.year)").inserted {
            ctx.emit(line: d.line, column: d.column, table: .narrative, code: codeOf[d.label], item: d.label, measure: .total,
                     amount: d.amount, unit: d.unit, year: d.year, derived: true)
        }
        fillSangong(stated: stated, derived: derived.map { ($0.label, $0.year, $0.amount, $0.unit, $0.line, $0.column) },
                         printed: sangongPrinted)
    }

    /// 三公 figures the table does not print come from the narrative (the 合计 row).
    func fillSangong(stated: [Stated], derived: [(String, Int, Money, MoneyUnit, Int, Int)], printed: Set<SangongPart>) {
        let year = ctx.identity.year
        var byKey: [SangongPart: (Money, MoneyUnit, Int, Int, Bool)] = [:]
        for s in stated {
            if let m = NarrativeItem(rawValue: s.label)?.sangongPart { byKey[SangongPart(year: year, measure: m)] = (s.amount, s.unit, s.line, s.column, false) }
        }
        for d in derived {
            if let m = NarrativeItem(rawValue: d.0)?.sangongPart, byKey[SangongPart(year: d.1, measure: m)] == nil {
                byKey[SangongPart(year: d.1, measure: m)] = (d.2, d.3, d.4, d.5, true)
            }
        }
        // The vehicles subtotal follows from its two parts.
        for y in Set(byKey.keys.map(\.year)) {
            let total = SangongPart(year: y, measure: .vehicleTotal)
            guard byKey[total] == nil, !printed.contains(total),
                  let p = byKey[SangongPart(year: y, measure: .vehiclePurchase)],
                  let o = byKey[SangongPart(year: y, measure: .vehicleOperation)] else { continue }
            byKey[total] = (p.0 + o.0, o.1, max(p.2, o.2), max(p.3, o.3), true)
        }
        for (key, v) in byKey.sorted(by: { $0.key < $1.key }) where !printed.contains(key) {
            ctx.emit(line: v.2, column: v.3, table: .sangong, code: nil, item: "合计", measure: key.measure, amount: v.0,
                     unit: v.1, year: key.year, derived: v.4)
        }
    }
}

/// One year's part of the “三公” (a fact's year and measure on the 合计 row).
struct SangongPart: Hashable, Comparable {
    var year: Int
    var measure: Measure
    /// Year, then the measure's contract name: the order facts are emitted in.
    static func < (a: SangongPart, b: SangongPart) -> Bool { (a.year, a.measure.rawValue) < (b.year, b.measure.rawValue) }
}
