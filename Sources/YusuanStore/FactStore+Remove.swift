import Foundation
import GRDB
import YusuanCore

extension FactStore {
    /// Removes documents by name with every row of theirs (facts, origins, reading warnings, text
    /// lines), in one transaction.
    /// Returns how many stored documents were removed.
    @discardableResult
    public func remove(documents names: [String]) throws -> Int {
        guard !names.isEmpty else { return 0 }
        return try db.write { db in
            var ids: [Int64] = []
            for name in names {
                // A name given twice is one document.
                ids += try Int64.fetchAll(db, sql: "SELECT id FROM document WHERE name = ?", arguments: [name]).filter { !ids.contains($0) }
            }
            try Self.deleteDocuments(ids, db)
            return ids.count
        }
    }
}
