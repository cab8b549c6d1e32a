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
}
