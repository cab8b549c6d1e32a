import Foundation
import GRDB
import YusuanCore

extension FactStore {
    /// Removes documents by name with their facts and reading warnings, in one transaction.
    /// Returns how many stored documents were removed.
    @discardableResult
    public func remove(documents names: [String]) throws -> Int {
        guard !names.isEmpty else { return 0 }
        return try db.write { db in
            var removed = 0
            for name in names {
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM document WHERE name = ?", arguments: [name])
                for id in ids {
                    try db.execute(sql: "DELETE FROM fact WHERE document_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM diagnostic WHERE document_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id])
                    removed += 1
                }
            }
            return removed
        }
    }
}
