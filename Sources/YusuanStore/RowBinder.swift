import Foundation
import GRDB
import GRDBSQLite
import YusuanCore

/// Binds one row's values straight into a cached statement with SQLite's calls and runs it: the
/// insert loops of an ingest bind a million rows and more, and GRDB's argument arrays box every
/// value into an existential and a `DatabaseValue` first (a fifth of the writing thread's time).
/// Values are stored as GRDB stores them: integers (`Bool` as 0 or 1), text, blobs, NULL for `nil`.
struct RowBinder {
    private let statement: OpaquePointer
    private let db: Database
    /// For an error's message only (GRDB makes `sql` anew at each call: 80,000 instructions).
    private let source: Statement
    private var index: Int32 = 1

    init(_ statement: Statement, _ db: Database) {
        self.statement = statement.sqliteStatement
        self.db = db
        self.source = statement
    }

    /// SQLite copies the bytes (the string may be let go before the row is run).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// SQLite reads the bytes where they are when the row is run (`execute`), copying them once,
    /// into the row: for bytes that outlive it.
    private static let borrowed = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    mutating func bind(_ v: Int64) { sqlite3_bind_int64(statement, next(), v) }
    mutating func bind(_ v: Int) { bind(Int64(v)) }
    mutating func bind(_ v: Bool) { bind(Int64(v ? 1 : 0)) }
    mutating func bind(_ v: Int?) { if let v { bind(v) } else { sqlite3_bind_null(statement, next()) } }
    mutating func bind(_ v: String) {
        var v = v
        v.withUTF8 { bind($0) }
    }
    /// Text as UTF-8 bytes (valid UTF-8), copied by SQLite.
    mutating func bind(_ v: UnsafeBufferPointer<UInt8>) {
        let i = next()
        guard let p = v.baseAddress, v.count > 0 else { sqlite3_bind_text(statement, i, "", 0, Self.transient); return }
        _ = p.withMemoryRebound(to: CChar.self, capacity: v.count) { sqlite3_bind_text(statement, i, $0, Int32(v.count), Self.transient) }
    }
    /// Bytes that stay where they are until `execute` has run (a 64 KB chunk of text lines was
    /// copied once more at each bind).
    mutating func bind(borrowingBlob v: UnsafeRawBufferPointer) {
        // A NULL pointer would bind NULL, not an empty blob.
        guard let p = v.baseAddress, v.count > 0 else { sqlite3_bind_zeroblob(statement, next(), 0); return }
        sqlite3_bind_blob(statement, next(), p, Int32(v.count), Self.borrowed)
    }
    mutating func bind(_ v: String?) { if let v { bind(v) } else { sqlite3_bind_null(statement, next()) } }

    private mutating func next() -> Int32 { defer { index += 1 }; return index }

    /// Runs the row bound and makes the statement ready for the next one.
    mutating func execute() throws {
        index = 1
        let code = sqlite3_step(statement)
        // Bindings outlive a reset: cleared, so that no borrowed bytes (a pack's, a chunk's)
        // stay bound to the cached statement once they are gone.
        defer { sqlite3_clear_bindings(statement) }
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: source.sql)
        }
        sqlite3_reset(statement)
    }
}
