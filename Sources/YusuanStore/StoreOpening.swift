import Foundation
import GRDB
import YusuanCore

/// Why a store could not be opened or read; every message names the store's path and what to do.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case missing(path: String)
    case notAStore(path: String, reason: String)
    case newer(path: String, unknown: [String])
    case outdated(path: String)
    case unreadable(path: String, detail: String)
    case damaged(path: String, detail: String)

    public var description: String {
        switch self {
        case .missing(let p):
            return "\(p): no such store; check the path, or create one with `yusuan ingest --db \(p) FILES`"
        case .notAStore(let p, let r):
            return "\(p): not a yusuan store (\(r)); pass the file `yusuan ingest` wrote, it is left unchanged"
        case .newer(let p, let u):
            return "\(p): written by a newer version of yusuan (unknown schema step “\(u.joined(separator: "”, “"))”); use that version, or another store"
        case .outdated(let p):
            return "\(p): written by an older version of yusuan and not writable here; run `yusuan ingest --db \(p) …` once with write access to upgrade it"
        case .unreadable(let p, let d): return "\(p): cannot open the store: \(d)"
        case .damaged(let p, let d): return "\(p): the store is damaged: \(d); ingest the documents again into a new store"
        }
    }
}

extension FactStore {
    /// Columns the queries read, per table: a store missing one was not written by yusuan or was altered.
    static let requiredColumns: [String: Set<String>] = [
        "document": ["id", "name", "content_hash", "region", "entity", "entity_code", "year", "stage", "unit",
                     "tables_json", "fact_count", "warning_count", "byte_count", "region_code", "province",
                     "page_count", "amounts_printed", "amounts_read"],
        "fact_pack": ["document_id", "origin", "part", "fact_count", "facts"],
        "diagnostic": ["document_id", "line", "severity", "rule", "message", "page"],
        "document_text": ["document_id", "chunk", "lines"],
        "fact_origin": ["document_id", "origin", "tbl", "stage", "region", "region_code", "province", "entity", "entity_code", "year"],
    ]

    enum SchemaState { case empty, current, older }

    /// What the file at `path` holds, without changing it: empty, a current store, an older store.
    /// Throws for another program's database, a store from a newer version, or a damaged one.
    static func inspect(_ db: Database, path: String) throws -> SchemaState {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        if tables.isEmpty { return .empty }
        guard tables.contains("grdb_migrations") else {
            throw StoreError.notAStore(path: path, reason: "it holds tables of another program: \(tables.sorted().prefix(5).joined(separator: ", "))")
        }
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        let known = Set(migrator.migrations)
        let unknown = applied.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty { throw StoreError.newer(path: path, unknown: unknown) }
        if Set(applied) != known { return .older }
        for (table, columns) in requiredColumns.sorted(by: { $0.key < $1.key }) {
            let present = Set(try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").compactMap { $0["name"] as String? })
            if present.isEmpty { throw StoreError.damaged(path: path, detail: "its table “\(table)” is missing") }
            if let lost = columns.subtracting(present).sorted().first {
                throw StoreError.damaged(path: path, detail: "its table “\(table)” has no column “\(lost)”")
            }
        }
        return .current
    }

    /// SQLite and file errors as one plain sentence naming the store.
    static func plain(_ error: Error, path: String) -> Error {
        if error is StoreError { return error }
        if let e = error as? DatabaseError {
            return StoreError.unreadable(path: path, detail: e.message ?? "SQLite error \(e.resultCode.rawValue)")
        }
        return StoreError.unreadable(path: path, detail: FileErrorText.reason(error, path: path))
    }

    /// A read-only connection: no migration, no schema written, no `-wal`/`-shm` files created
    /// (writers leave the store in rollback-journal mode when they close).
    static func openForReading(path: String) throws -> DatabaseQueue {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw StoreError.missing(path: path) }
        if isDir.boolValue { throw StoreError.notAStore(path: path, reason: "it is a folder") }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            let state = try queue.read { try inspect($0, path: path) }
            switch state {
            case .current: return queue
            case .empty: throw StoreError.notAStore(path: path, reason: "it is empty")
            case .older:
                try queue.close()
                guard FileManager.default.isWritableFile(atPath: path) else { throw StoreError.outdated(path: path) }
                try FactStore(path: path).close()   // upgrade once, then read as usual
                return try openForReading(path: path)
            }
        } catch {
            throw plain(error, path: path)
        }
    }
}
