import Foundation
import GRDB
import GRDBSQLite

/// Binds one row's values straight into a cached statement with SQLite's calls and runs it: the
/// insert loops of an ingest bind a million rows and more, and GRDB's argument arrays box every
/// value into an existential and a `DatabaseValue` first (a fifth of the writing thread's time).
/// Values are stored as GRDB stores them: integers (`Bool` as 0 or 1), text, blobs, NULL for `nil`.
struct RowBinder {
    private let statement: OpaquePointer
    private let db: Database
    private let sql: String
    private var index: Int32 = 1

    init(_ statement: Statement, _ db: Database) {
        self.statement = statement.sqliteStatement
        self.db = db
        self.sql = statement.sql
    }

    /// SQLite copies the bytes (the string may be let go before the row is run).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ v: Int64) { sqlite3_bind_int64(statement, next(), v) }
    mutating func bind(_ v: Int) { bind(Int64(v)) }
    mutating func bind(_ v: Bool) { bind(Int64(v ? 1 : 0)) }
    mutating func bind(_ v: Int?) { if let v { bind(v) } else { sqlite3_bind_null(statement, next()) } }
    mutating func bind(_ v: String) {
        let i = next()
        v.withCString { sqlite3_bind_text(statement, i, $0, Int32(v.utf8.count), Self.transient) }
    }
    /// Text as UTF-8 bytes (valid UTF-8).
    mutating func bind(_ v: UnsafeBufferPointer<UInt8>) {
        let i = next()
        guard let p = v.baseAddress, v.count > 0 else { sqlite3_bind_text(statement, i, "", 0, Self.transient); return }
        p.withMemoryRebound(to: CChar.self, capacity: v.count) { sqlite3_bind_text(statement, i, $0, Int32(v.count), Self.transient) }
    }
    mutating func bind(blob v: [UInt8]) {
        let i = next()
        v.withUnsafeBytes { sqlite3_bind_blob(statement, i, $0.baseAddress, Int32(v.count), Self.transient) }
    }
    mutating func bind(_ v: String?) { if let v { bind(v) } else { sqlite3_bind_null(statement, next()) } }

    private mutating func next() -> Int32 { defer { index += 1 }; return index }

    /// Runs the row bound and makes the statement ready for the next one.
    mutating func execute() throws {
        index = 1
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
        sqlite3_reset(statement)
    }
}
