import Foundation
import YusuanCore

/// The tables a disclosure must publish: the national template's (a warning when missing), those
/// its own 目录 lists (an error when absent), and an empty table's 空表说明.
enum Completeness {
    struct Required { var stage: Stage; var title: String; var alternatives: [[String]]; var untitledKind: TableKind? }

    static let required: [Required] = {
        guard let url = Bundle.module.url(forResource: "required-tables", withExtension: "tsv", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let p = line.split(separator: "\t").map(String.init)
            guard !line.hasPrefix("#"), p.count >= 3, let stage = Stage(rawValue: p[0]) else { return nil }
            return Required(stage: stage, title: p[1], alternatives: p[2].split(separator: "|").map { $0.split(separator: "+").map { $0.hasPrefix("!") ? "!" + key(String($0.dropFirst())) : key(String($0)) } },
                            untitledKind: p.count > 3 ? TableKind(rawValue: p[3]) : nil)
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
        var missing: [String] = []
        for r in required where r.stage == ctx.input.identity.stage {
            guard !body.contains(where: { matches($0, r) }),
                  !tables.contains(where: { $0.title.isEmpty && $0.kind == r.untitledKind }) else { continue }
            // Listed in the 目录 but absent: an error on the 目录 line.
            if let dirRange, let listed = lines.first(where: { dirRange.contains($0.line) && matches($0.text, r) }) {
                out.append(ctx.finding(.listedTable, line: listed.line, ["title": r.title]))
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
