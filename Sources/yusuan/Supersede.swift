import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanIngest
import YusuanStore

/// Which of two documents of the same entity, year and stage counts: an explicit rule only — the
/// user's `--supersedes OLD`, or a document whose title says 更正 — never the order of file names.
/// Documents left side by side are reported so the user can choose (`--supersedes`, or `yusuan rm`).
enum Supersede {
    static func check(_ old: [String], ingested: Set<String>, store: FactStore) throws {
        let names = Set(try store.documents().map(\.name))
        for o in old where !names.contains(o) || ingested.contains(o) {
            throw UserError(L(ingested.contains(o) ? "supersede.self" : "supersede.nomatch",
                              ["value": o, "path": store.path, "candidates": EntityRegistry.closest(o, in: names).joined(separator: "、")]), code: 2)
        }
    }

    /// Whether a disclosure says it is a correction: 更正 in its title (the first lines of text).
    static func isCorrection(_ file: URL) -> Bool {
        guard let data = try? Data(contentsOf: file), let text = TextFile.decode(data.prefix(64 << 10)) else { return false }
        return text.split(whereSeparator: \.isNewline).prefix(15).contains { $0.contains("更正") }
    }

    /// Removes each `old` document, and the documents a just-ingested correction replaces (each
    /// reported); then reports the identities ingested documents still share with another one.
    static func apply(_ old: [String], ingested: Set<String>, corrections: Set<String> = [], store: FactStore) throws {
        try check(old, ingested: ingested, store: store)
        let stored = try store.documents()
        func identity(_ d: StoredDocument) -> String {
            "\(d.identity.region)\u{1}\(d.identity.entity)\u{1}\(d.identity.year)\u{1}\(d.identity.stage.rawValue)"
        }
        for o in old {
            try store.remove(documents: [o])
            printError(L("supersede.done", ["old": o]))
        }
        // A correction replaces the other documents of its entity, year and stage that are not
        // corrections themselves (when it is the only correction among them).
        var removed = Set(old)
        for (_, g) in Dictionary(grouping: stored.filter { !removed.contains($0.name) }, by: identity).sorted(by: { $0.key < $1.key })
        where g.count > 1 {
            let fixes = g.filter { corrections.contains($0.name) && ingested.contains($0.name) }
            guard fixes.count == 1 else { continue }
            for d in g where d.name != fixes[0].name {
                try store.remove(documents: [d.name])
                removed.insert(d.name)
                printError(L("supersede.correction", ["old": d.name, "new": fixes[0].name]))
            }
        }
        let left = stored.filter { !removed.contains($0.name) }
        for (_, g) in Dictionary(grouping: left, by: identity).sorted(by: { $0.key < $1.key })
        where g.count > 1 && g.contains(where: { ingested.contains($0.name) }) {
            let id = g[0].identity
            printError(L("warning.prefix") + L("supersede.pair", [
                "documents": g.map(\.name).sorted().joined(separator: "、"), "entity": id.entity, "year": String(id.year),
                "stage": id.stage == .final ? "决算" : "预算"]))
        }
    }
}
