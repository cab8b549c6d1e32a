import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanStore

/// Which of two documents of the same entity, year and stage counts: an explicit rule only — the
/// user's `--supersedes OLD` — never the order of file names. Documents left side by side are
/// reported so the user can choose (`--supersedes`, or `yusuan rm`).
enum Supersede {
    /// Removes each `old` document (reported), after checking that each exists; then reports the
    /// identities that `ingested` documents share with another stored document.
    static func check(_ old: [String], ingested: Set<String>, store: FactStore) throws {
        let names = Set(try store.documents().map(\.name))
        for o in old where !names.contains(o) || ingested.contains(o) {
            throw UserError(L(ingested.contains(o) ? "supersede.self" : "supersede.nomatch",
                              ["value": o, "path": store.path, "candidates": EntityRegistry.closest(o, in: names).joined(separator: "、")]), code: 2)
        }
    }

    static func apply(_ old: [String], ingested: Set<String>, store: FactStore) throws {
        try check(old, ingested: ingested, store: store)
        let docs = try store.documents()
        for o in old {
            try store.remove(documents: [o])
            printError(L("supersede.done", ["old": o]))
        }
        let left = docs.filter { !old.contains($0.name) }
        let groups = Dictionary(grouping: left) { d in
            "\(d.identity.region)\u{1}\(d.identity.entity)\u{1}\(d.identity.year)\u{1}\(d.identity.stage.rawValue)"
        }
        for (_, g) in groups.sorted(by: { $0.key < $1.key }) where g.count > 1 && g.contains(where: { ingested.contains($0.name) }) {
            let id = g[0].identity
            printError(L("warning.prefix") + L("supersede.pair", [
                "documents": g.map(\.name).sorted().joined(separator: "、"), "entity": id.entity, "year": String(id.year),
                "stage": id.stage == .final ? "决算" : "预算"]))
        }
    }
}
