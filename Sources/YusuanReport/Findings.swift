import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanStore

/// `yusuan check`'s findings over a store: each document audited against itself, plus, on request,
/// the reading warnings stored with it. Shared by `yusuan check` and the brief.
public enum StoreFindings {
    public static func run(store: FactStore, documents: [String] = [], includeWarnings: Bool = false, messages: AuditMessages = .zh) throws -> [Diagnostic] {
        var out: [Diagnostic] = []
        for doc in try store.documents() where documents.isEmpty || documents.contains(doc.name) {
            out += DocumentAudit.run(AuditInput(document: doc.name, identity: doc.identity, facts: try store.facts(FactQuery(documents: [doc.name])),
                                                lines: try store.textLines(document: doc.name), tables: doc.tables), messages: messages)
            if includeWarnings { out += try store.diagnostics(document: doc.name).filter { $0.severity != .info } }
        }
        return out
    }

    /// The audit's findings (what `check` prints) and the reading warnings (what `--warnings`
    /// adds) apart, document by document: the brief counts them apart.
    public static func split(store: FactStore, documents: [String] = [], includeWarnings: Bool = true,
                             messages: AuditMessages = .zh) throws -> (audit: [Diagnostic], reading: [Diagnostic]) {
        var audit: [Diagnostic] = [], reading: [Diagnostic] = []
        for doc in try store.documents() where documents.isEmpty || documents.contains(doc.name) {
            audit += DocumentAudit.run(AuditInput(document: doc.name, identity: doc.identity, facts: try store.facts(FactQuery(documents: [doc.name])),
                                                  lines: try store.textLines(document: doc.name), tables: doc.tables), messages: messages)
            if includeWarnings { reading += try store.diagnostics(document: doc.name).filter { $0.severity != .info } }
        }
        return (audit, reading)
    }
}

/// Reading a `check` finding back for the brief: how large its difference is, and whether it
/// already names its place (so the brief does not say the line twice).
enum FindingText {
    /// The printed difference of a disagreement (`（相差 5,344.50）` in the mismatch template of the
    /// current language) as money in the document's unit; nil for findings without one.
    static func difference(_ d: Diagnostic, unit: MoneyUnit) -> Money? {
        let template = messages.text("mismatch")
        guard let r = template.range(of: "{diff}") else { return nil }
        // The text after the figure in the template (`）`) ends it; the text before it introduces it.
        let head = template[..<r.lowerBound]
        let before = String(head.lastIndex(of: "}").map { head[head.index(after: $0)...] } ?? head)
        let after = String(template[r.upperBound...].prefix { $0 != "{" })
        guard !before.isEmpty, let start = d.message.range(of: before, options: .backwards) else { return nil }
        var figure = d.message[start.upperBound...]
        if !after.isEmpty, let end = figure.range(of: after) { figure = figure[..<end.lowerBound] }
        // The figure names its unit when the message does (`5,344.50 万元`); else the document's.
        var plain = figure.filter { $0 != "," && $0 != " " }
        var figureUnit = unit
        if let named = MoneyUnit.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count }).first(where: { plain.hasSuffix($0.rawValue) }) {
            figureUnit = named
            plain = String(plain.dropLast(named.rawValue.count))
        }
        guard case .success(let m) = Money.parse(plain: Substring(plain), unit: figureUnit) else { return nil }
        return Money(fen: m.fen < 0 ? -m.fen : m.fen)
    }

    /// Whether the message itself names the finding's line (`第50行印 …`).
    static func namesPlace(_ d: Diagnostic) -> Bool {
        d.message.contains(messages.place(page: d.page, line: d.line)) || d.message.contains(messages.place(page: nil, line: d.line))
    }

    static var messages: AuditMessages { AuditMessages.forLanguage(Messages.language.rawValue) }
}
