import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanIngest
import YusuanStore

/// Which of two documents of the same entity, year and stage counts: an explicit rule only — the
/// user's `--supersedes OLD`, a document whose title says 更正, or the later date a re-issue states
/// (公开日期/发布日期, or the 落款 date at its end) — never the order of file names or of ingests.
/// Documents left side by side are reported so the user can choose (`--supersedes`, or `yusuan rm`).
enum Supersede {
    static func check(_ old: [String], ingested: Set<String>, store: FactStore) throws {
        let names = Set(try store.documentNames().map(\.name))
        for o in old where !names.contains(o) || ingested.contains(o) {
            throw UserError(L(ingested.contains(o) ? "supersede.self" : "supersede.nomatch",
                              ["value": o, "path": store.path, "candidates": EntityRegistry.closest(o, in: names).joined(separator: "、")]), code: 2)
        }
    }

    /// What a document says of itself: whether it is a correction (更正 in its title, the first
    /// lines) and the date it states.
    struct Statement {
        var correction = false
        var date: StatedDate?
    }

    /// A date as printed (`2024年2月5日`), comparable.
    struct StatedDate: Comparable {
        var year: Int, month: Int, day: Int
        var text: String { "\(year)年\(month)月\(day)日" }
        static func < (a: StatedDate, b: StatedDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
    }

    /// Reads a document's statement from its file (a text or a PDF); nothing when unreadable.
    static func statement(of file: URL) -> Statement {
        guard let data = try? Data(contentsOf: file), let text = try? SourceText.load(data: data, name: file.lastPathComponent) else {
            return Statement()
        }
        return statement(text: text.text)
    }

    /// The labels of a stated date, as bytes.
    static let dateLabels = ["公开日期", "发布日期", "公开时间", "发布时间", "落款日期", "印发日期"].map { Array($0.utf8) }

    /// Looks at the few lines it needs, by the byte: its first 15 and last 30 lines that are not
    /// blank, and the line of the first date label. Splitting the whole text into lines, and a
    /// search for a label's first byte (a lead byte most Chinese characters share), made this a
    /// tenth of ingesting a corpus with duplicates.
    static func statement(text: String) -> Statement {
        var text = text
        return text.withUTF8 { u in
            var s = Statement()
            func string(_ a: Int, _ b: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: u[a..<b]), as: UTF8.self) }
            func blank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }
            func lineEnd(from a: Int) -> Int { ByteSearch.next(0x0A, in: u, from: a) }
            func lineStart(before b: Int) -> Int {
                var a = b
                while a > 0, u[a - 1] != 0x0A { a -= 1 }
                return a
            }
            // 更正 in the first lines (the title).
            var start = 0, seen = 0
            while start <= u.count, seen < 15 {
                let end = lineEnd(from: start)
                let line = string(start, end)
                if !blank(line) {
                    seen += 1
                    if ByteSearch.contains(line, "更正") { s.correction = true; break }
                }
                start = end + 1
            }
            // A labelled date first (on the first line with a label); else the 落款: a line of only
            // a date among the last lines.
            if let at = dateLabels.compactMap({ ByteSearch.offset(of: $0, in: u) }).min() {
                s.date = date(in: string(lineStart(before: at), lineEnd(from: at)).trimmingCharacters(in: .whitespaces))
            }
            if s.date == nil {
                // Only a line that is a date and nothing else: a date inside a sentence is no 落款.
                let only = try? NSRegularExpression(pattern: #"^\d{4}年\d{1,2}月\d{1,2}日$"#)
                var end = u.count
                seen = 0
                while seen < 30 {
                    let a = lineStart(before: end)
                    let line = string(a, end)
                    if !blank(line) {
                        seen += 1
                        let compact = line.filter { !$0.isWhitespace }
                        if only?.firstMatch(in: compact, range: NSRange(compact.startIndex..., in: compact)) != nil { s.date = date(in: compact); break }
                    }
                    if a == 0 { break }
                    end = a - 1
                }
            }
            return s
        }
    }

    /// The first date in `line`: `2024年2月5日`, `2024-02-05` or `2024.2.5`.
    static func date(in line: String) -> StatedDate? {
        let patterns = [#"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"#, #"(\d{4})[-./](\d{1,2})[-./](\d{1,2})"#]
        for p in patterns {
            guard let re = try? NSRegularExpression(pattern: p),
                  let m = re.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else { continue }
            let n = (1...3).compactMap { Range(m.range(at: $0), in: line).flatMap { Int(line[$0]) } }
            if n.count == 3, (1...12).contains(n[1]), (1...31).contains(n[2]) { return StatedDate(year: n[0], month: n[1], day: n[2]) }
        }
        return nil
    }

    /// Removes each `old` document; then, among the documents of one entity, year and stage of
    /// which one was just ingested, keeps the only correction, or else the one with the latest stated
    /// date (each removal reported); then reports the identities still shared.
    static func apply(_ old: [String], ingested files: [URL], store: FactStore) throws {
        let ingested = Set(files.map(\.lastPathComponent))
        try check(old, ingested: ingested, store: store)
        let stored = try store.documentNames()
        func identity(_ d: StoredName) -> String {
            "\(d.identity.region)\u{1}\(d.identity.entity)\u{1}\(d.identity.year)\u{1}\(d.identity.stage.rawValue)"
        }
        for o in old {
            try store.remove(documents: [o])
            printError(L("supersede.done", ["old": o]))
        }
        var removed = Set(old)
        let byName = Dictionary(files.map { ($0.lastPathComponent, $0) }, uniquingKeysWith: { a, _ in a })
        let groups = Dictionary(grouping: stored.filter { !removed.contains($0.name) }, by: identity).sorted(by: { $0.key < $1.key })
            .map(\.value).filter { g in g.count > 1 && g.contains(where: { ingested.contains($0.name) }) }
        // A stored document is read again from where it was ingested (when that file is still
        // there), all of them at once: this runs after the ingest, with every core free.
        let files = groups.flatMap { g in g.map { d in byName[d.name] ?? d.sourcePath.map { URL(fileURLWithPath: $0) } } }
        var statements = [Statement](repeating: Statement(), count: files.count)
        statements.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                if let f = files[i] { out[i] = statement(of: f) }
            }
        }
        var next = 0
        for g in groups {
            let said = g.map { d in next += 1; return (d, statements[next - 1]) }
            let fixes = said.filter(\.1.correction)
            if fixes.count == 1 {
                for (d, _) in said where d.name != fixes[0].0.name {
                    try store.remove(documents: [d.name])
                    removed.insert(d.name)
                    printError(L("supersede.correction", ["old": d.name, "new": fixes[0].0.name]))
                }
                continue
            }
            // A re-issue by its stated date: only when every document states one and the latest is alone.
            let dated = said.compactMap { p in p.1.date.map { (p.0, $0) } }
            guard fixes.isEmpty, dated.count == g.count, let latest = dated.map(\.1).max(),
                  dated.filter({ $0.1 == latest }).count == 1, let winner = dated.first(where: { $0.1 == latest }) else { continue }
            for (d, date) in dated where d.name != winner.0.name {
                try store.remove(documents: [d.name])
                removed.insert(d.name)
                printError(L("supersede.dated", ["old": d.name, "oldDate": date.text, "new": winner.0.name, "newDate": latest.text]))
            }
        }
        let left = stored.filter { !removed.contains($0.name) }
        for (_, g) in Dictionary(grouping: left, by: identity).sorted(by: { $0.key < $1.key })
        where g.count > 1 && g.contains(where: { ingested.contains($0.name) }) {
            let id = g[0].identity
            printError(L("warning.prefix") + L("supersede.pair", [
                "documents": g.map(\.name).sorted().joined(separator: "、"), "entity": id.entity, "year": String(id.year),
                "stage": L("stage." + id.stage.rawValue)]))
        }
    }
}
