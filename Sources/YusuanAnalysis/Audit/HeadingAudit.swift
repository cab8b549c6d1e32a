import Foundation
import YusuanCore

/// Headings that name another year than the document's, and template placeholders left in.
enum HeadingAudit {
    static let placeholders = AuditWords.placeholder.words
    static let headingWords = AuditWords.heading.words
    /// Words that make a year a reference, not the document's own (a prior year's column, a date).
    static let referenceWords = AuditWords.headingReference.words

    static func run(_ ctx: AuditContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let titleLines = Set(ctx.input.tables.map(\.line))
        for l in ctx.input.lines {
            let t = l.text.replacingOccurrences(of: "\t", with: " ").trimmingCharacters(in: .whitespaces)
            if l.narrative || titleLines.contains(l.line), let w = placeholder(in: t) {
                out.append(ctx.finding(.placeholder, line: l.line, ["word": w, "text": String(t.prefix(40))]))
            }
            guard (l.narrative || titleLines.contains(l.line)), t.count <= 60, headingWords.contains(where: { t.contains($0) }),
                  !referenceWords.contains(where: { t.contains($0) }), !t.contains("元") else { continue }
            let years = Self.years(in: t)
            if let y = years.first, !years.contains(ctx.year) {
                out.append(ctx.finding(.headingYear, line: l.line, ["stated": String(y), "year": String(ctx.year), "text": String(t.prefix(40))]))
            }
            if let named = entity(before: t), !sameEntity(named, ctx.input.identity), placeholder(in: named) == nil {
                out.append(ctx.finding(.headingEntity, line: l.line, ["stated": named, "entity": ctx.input.identity.entity, "text": String(t.prefix(40))]))
            }
        }
        return out
    }

    static let orgEnds = AuditWords.orgEnd.words

    /// The organisation a heading names before its year ("第三部分上海市普陀区财政局2024年度…" → 上海市普陀区财政局).
    static func entity(before t: String) -> String? {
        guard let y = t.range(of: #"20[0-9]{2} ?年"#, options: .regularExpression) else { return nil }
        var head = Normal.key(String(t[..<y.lowerBound]))
        if let r = head.range(of: AuditWords.headingPart.word) { head = String(head[r.upperBound...]) }
        head = Normal.withoutEnumerator(head)
        guard head.count >= 4, orgEnds.contains(where: { head.hasSuffix($0) }) else { return nil }
        return head
    }

    /// The same organisation, with or without its region's name in front.
    static func sameEntity(_ named: String, _ id: DocumentIdentity) -> Bool {
        let entity = Normal.key(id.entity)
        var prefixes = [id.province, id.region, String(id.region.dropLast())].filter { !$0.isEmpty }
        prefixes += prefixes.map { $0 + AuditWords.city.word }
        func bare(_ s: String) -> String {
            var s = s
            for _ in 0..<3 { for p in prefixes.sorted(by: { $0.count > $1.count }) where s.hasPrefix(p) { s = String(s.dropFirst(p.count)) } }
            return s
        }
        let a = bare(named), b = bare(entity)
        return named.contains(entity) || entity.contains(named) || a.contains(b) || b.contains(a)
    }

    /// A placeholder standing as a word of its own (not inside a Latin word or a code).
    static func placeholder(in t: String) -> String? {
        for p in placeholders {
            var search = t.startIndex
            while let r = t.range(of: p, options: [.caseInsensitive], range: search..<t.endIndex) {
                let before = r.lowerBound > t.startIndex ? t[t.index(before: r.lowerBound)] : " "
                let after = r.upperBound < t.endIndex ? t[r.upperBound] : " "
                if !(before.isASCII && before.isLetter) && !(after.isASCII && after.isLetter) { return String(t[r]) }
                search = r.upperBound
            }
        }
        return nil
    }

    /// Years written "2024年" or "2024 年" (20xx).
    static func years(in t: String) -> [Int] {
        let c = Array(t)
        var out: [Int] = []
        var i = 0
        while i + 4 <= c.count {
            if c[i] == "2", c[i + 1] == "0", c[i + 2].isASCII, c[i + 2].isNumber, c[i + 3].isASCII, c[i + 3].isNumber,
               i == 0 || !(c[i - 1].isASCII && c[i - 1].isNumber) {
                var k = i + 4
                while k < c.count, c[k] == " " { k += 1 }
                if k < c.count, c[k] == "年", let y = Int(String(c[i..<i + 4])) { out.append(y) }
                i += 4
            } else { i += 1 }
        }
        return out
    }
}
