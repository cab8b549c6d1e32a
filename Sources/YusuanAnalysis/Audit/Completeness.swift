import Foundation
import YusuanCore

/// The tables a disclosure must publish: the national template's (a warning when missing), those
/// its own 目录 lists (an error when absent), and an empty table's 空表说明.
enum Completeness {
    struct Required { var stage: Stage; var title: String; var alternatives: [[String]]; var untitledKind: TableKind?; var onlyWith: Measure? }

    static let required: [Required] = {
        guard let url = Bundle.module.url(forResource: "required-tables", withExtension: "tsv", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let p = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard !line.hasPrefix("#"), p.count >= 3, let stage = Stage(rawValue: p[0]) else { return nil }
            return Required(stage: stage, title: p[1], alternatives: p[2].split(separator: "|").map { $0.split(separator: "+").map { $0.hasPrefix("!") ? "!" + key(String($0.dropFirst())) : key(String($0)) } },
                            untitledKind: p.count > 3 ? TableKind(rawValue: p[3]) : nil, onlyWith: p.count > 4 ? Measure(rawValue: p[4]) : nil)
        }
    }()

    static func key(_ s: String) -> String {
        String(s.filter { !" \t\u{3000}“”\"‘’()（）《》".contains($0) })
    }
    static func matches(_ title: String, _ r: Required) -> Bool {
        let k = key(title)
        // "!word": the title must not hold it (支出预算表 but not 一般公共预算…支出预算表).
        return r.alternatives.contains { $0.allSatisfy { $0.hasPrefix("!") ? !k.contains($0.dropFirst()) : k.contains($0) } }
    }

    /// A 目录 line's table title ("13\t表十三\t2024年…项目支出明细表" → "2024年…项目支出明细表"), without
    /// its trailing bracket ("（部门预算支出经济分类科目）"); nil for a line naming no table (a part
    /// heading, a section of the 情况说明).
    static func entry(_ text: String) -> String? {
        var cells = text.split(separator: "\t").map { Normal.withoutEnumerator($0.trimmingCharacters(in: .whitespaces)) }
        // The numbering cells: "13", "表十三".
        while let c = cells.first, c.allSatisfy({ $0.isNumber || "表一二三四五六七八九十.、".contains($0) }) { cells.removeFirst() }
        var t = cells.joined()
        if let open = t.lastIndex(where: { $0 == "（" || $0 == "(" }), t.hasSuffix("）") || t.hasSuffix(")") { t = String(t[..<open]) }
        t = key(t)
        guard t.count >= 4, t.hasSuffix(AuditWords.tableEnd.word), !AuditWords.headingPart.words.contains(where: { t.contains($0) }) else { return nil }
        return t
    }

    /// A title without its year ("2024年", "2024年度"): a 目录 may name the year where the page does not.
    static func withoutYear(_ k: String) -> String {
        k.replacingOccurrences(of: #"20[0-9]{2}年度?"#, with: "", options: .regularExpression)
    }

    static func run(_ ctx: AuditContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // A booklet of special funds is not a department's disclosure.
        if ctx.input.tables.contains(where: { $0.kind == .specialFund }) { return [] }
        let lines = ctx.input.lines
        // A 目录 entry can read as a table title: a title printed again later is the entry, not the table.
        let tables = ctx.input.tables.enumerated().filter { i, t in
            t.facts > 0 || !ctx.input.tables[(i + 1)...].contains { key(Normal.withoutEnumerator($0.title)) == key(Normal.withoutEnumerator(t.title)) }
        }.map(\.element)
        // The 目录: from its heading to the first table (its lines are not the tables).
        let dirStart = lines.first { l in let k = key(l.text); return AuditWords.directory.words.contains { k.hasSuffix($0) } || AuditWords.directoryLine.words.contains { k.contains($0) } }?.line
        let dirRange = dirStart.map { s in s..<max(s + 1, tables.map(\.line).filter { $0 > s }.min() ?? Int.max) }
        // A title is present when a short line outside the 目录 (or a table read) carries it.
        let body = lines.filter { l in !(dirRange?.contains(l.line) ?? false) && key(l.text).count <= 60 }.map(\.text) + tables.map(\.title)
        // Every table the 目录 lists must be printed, whether or not the template requires it.
        var listedLines = Set<Int>()
        if let dirRange {
            let bodyKeys = body.map { withoutYear(key($0)) }
            for l in lines where dirRange.contains(l.line) {
                // The 目录's own heading ("…公开表（目录）") names no table.
                guard !(AuditWords.directory.words + AuditWords.directoryLine.words).contains(where: { l.text.contains($0) }),
                      let entry = entry(l.text) else { continue }
                let k = withoutYear(key(entry))
                if bodyKeys.contains(where: { $0.contains(k) }) { continue }
                // A printed title the template's words match stands for the entry (a reworded title).
                if required.contains(where: { r in r.stage == ctx.input.identity.stage && matches(entry, r) && body.contains { matches($0, r) } }) { continue }
                listedLines.insert(l.line)
                out.append(ctx.finding(.listedTable, line: l.line, ["title": entry]))
            }
        }
        var missing: [String] = []
        for r in required where r.stage == ctx.input.identity.stage {
            // A table required only of a department with such funds (国有资本经营预算 in a 部门预算).
            if let m = r.onlyWith, !ctx.input.facts.contains(where: { $0.measure == m && $0.amount.fen != 0 }) { continue }
            guard !body.contains(where: { matches($0, r) }),
                  !tables.contains(where: { $0.title.isEmpty && $0.kind == r.untitledKind }) else { continue }
            // Listed in the 目录 but absent: an error on the 目录 line.
            if let dirRange, let listed = lines.first(where: { dirRange.contains($0.line) && matches($0.text, r) }) {
                if !listedLines.contains(listed.line) { out.append(ctx.finding(.listedTable, line: listed.line, ["title": r.title])) }
            } else {
                missing.append(r.title)
            }
        }
        // One warning naming every missing table (an excerpt would otherwise flood the list).
        if !missing.isEmpty {
            out.append(ctx.finding(.requiredTable, line: dirStart ?? 1, severity: .warning, [
                "title": missing.joined(separator: ctx.m.text("list.separator")), "stage": ctx.m.text("stage.\(ctx.input.identity.stage.rawValue)")]))
        }
        // An empty table needs its note (“本表无数据”, “空表”, “无…支出”) near its title.
        for t in tables where t.facts == 0 && !(dirRange?.contains(t.line) ?? false) {
            let next = tables.map(\.line).filter { $0 > t.line }.min() ?? Int.max
            let near = lines.filter { $0.line > t.line && $0.line < min(next, t.line + 40) }
            // "无" (none) is grammar; the words around it are data.
            let noted = near.contains { l in AuditWords.emptyNote.words.contains { l.text.contains($0) }
                || (l.text.contains("无") && (AuditWords.emptyBecause.words.contains { l.text.contains($0) } || AuditWords.noteStart.words.contains { l.text.hasPrefix($0) })) }
            if !noted { out.append(ctx.finding(.emptyTableNote, line: t.line, severity: .warning, ["title": t.title])) }
        }
        return out
    }
}
