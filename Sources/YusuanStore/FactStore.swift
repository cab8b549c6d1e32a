import Foundation
import GRDB
import YusuanCore

/// A document as the store holds it.
public struct StoredDocument: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var contentHash: String
    public var identity: DocumentIdentity
    public var unit: MoneyUnit
    public var tables: [TableSummary]
    public var factCount: Int
    public var warningCount: Int
    public var byteCount: Int
    public var pageCount: Int?
    public var coverage: Coverage
    /// The path the file was ingested from, when known.
    public var sourcePath: String?
}

/// Which facts to read; empty lists match everything.
public struct FactQuery: Sendable {
    public var regions: [String]
    public var entities: [String]
    public var years: [Int]
    public var tables: [TableKind]
    public var documents: [String]
    /// Region codes; a fact matches when its region is in `regions` or its code in `regionCodes`.
    public var regionCodes: [String]
    /// `budget` and/or `final` facts (stage is per fact: a 决算's 预算数 column is `budget`).
    public var stages: [Stage]
    public init(regions: [String] = [], entities: [String] = [], years: [Int] = [], tables: [TableKind] = [],
                documents: [String] = [], regionCodes: [String] = [], stages: [Stage] = []) {
        self.regions = regions; self.entities = entities; self.years = years
        self.tables = tables; self.documents = documents; self.regionCodes = regionCodes; self.stages = stages
    }
}

/// What storing a document did.
public struct IngestOutcome: Sendable {
    public var documentID: Int64
    /// Documents with the same content (or the same name and identity) that it replaced.
    public var replaced: Int
    /// The name it is stored under: its file name, or `name (2)` when another document of that
    /// name (other content) is already in the store.
    public var storedName: String
}

/// Facts ⇄ SQLite through GRDB: a migrated schema, one transaction per document, WAL so that
/// readers see whole documents while an ingest runs.
// Safe to share: its stored properties are `let`s, and GRDB's database writer serialises every
// access to the SQLite connection itself.
public final class FactStore: @unchecked Sendable {
    public let path: String
    let db: any DatabaseWriter

    /// Opens the store for writing, creating and migrating it as needed. Refuses another program's
    /// database and a store from a newer version, before changing anything.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(30)
        // Two processes opening a new store at once would both find it unmigrated and both run the
        // migrations ("table … already exists", "duplicate column"): GRDB serialises migrations
        // within a process only, so yusuan processes take turns through a lock on the folder.
        // A read-only look may still find the file locked for a moment while another process
        // switches it to WAL ("database is locked", which no busy timeout waits out): that alone
        // is tried again.
        var attempt = 1
        while true {
            do {
                db = try Self.holdingFolderLock(path) {
                    try Self.probe(path)
                    let pool = try DatabasePool(path: path, configuration: config)
                    try Self.migrator.migrate(pool)
                    return pool
                }
                break
            } catch where attempt < 40 && Self.isBusy(error) {
                attempt += 1
                usleep(50_000)
            } catch {
                throw Self.plain(error, path: path)
            }
        }
    }

    /// Runs `body` holding an exclusive `flock` on the folder of `path` (a lock on the folder, not
    /// the store: SQLite's own POSIX locks on the file must not be touched). Without a readable
    /// folder it runs unlocked.
    static func holdingFolderLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(folder, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { _ = flock(fd, LOCK_EX) }
        defer { if fd >= 0 { _ = flock(fd, LOCK_UN); _ = Glibc.close(fd) } }
        return try body()
    }

    /// Refuses another program's database and a store from a newer version before changing anything.
    static func probe(_ path: String) throws {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 else { return }
        var ro = Configuration()
        ro.readonly = true
        ro.busyMode = .timeout(30)
        let probe = try DatabaseQueue(path: path, configuration: ro)
        defer { try? probe.close() }
        _ = try probe.read { try Self.inspect($0, path: path) }
    }

    /// The store is locked by another process for a moment.
    static func isBusy(_ error: Error) -> Bool {
        guard let e = error as? DatabaseError else { return false }
        return e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED
    }

    /// Opens an existing store read-only, for the commands that only read: nothing is migrated or
    /// written. Refuses a missing file, another program's database, a newer or a damaged store.
    public init(readingAt path: String) throws {
        self.path = path
        db = try Self.openForReading(path: path)
    }

    /// Closes the store; a writer leaves it in rollback-journal mode so that later read-only
    /// openings need no `-wal`/`-shm` files (and create none). Busy (another process still has it
    /// open): it stays in WAL mode, which is harmless.
    public func close() throws {
        try db.close()
        guard db is DatabasePool else { return }
        do {
            let q = try DatabaseQueue(path: path)
            try q.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try q.close()
        } catch {}
    }

    /// The schema as an ordered list of named migrations: an older store is upgraded, never rejected.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: documents, facts, diagnostics") { db in
            try db.create(table: "document") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("content_hash", .text).notNull().indexed()
                t.column("region", .text).notNull()
                t.column("entity", .text).notNull()
                t.column("entity_code", .text)
                t.column("year", .integer).notNull()
                t.column("stage", .text).notNull()
                t.column("unit", .text).notNull()
                t.column("tables_json", .text).notNull()
                t.column("fact_count", .integer).notNull()
                t.column("warning_count", .integer).notNull()
                t.column("byte_count", .integer).notNull()
            }
            try db.create(table: "fact") { t in
                t.column("document_id", .integer).notNull().references("document", onDelete: .cascade)
                t.column("seq", .integer).notNull()
                t.column("line", .integer).notNull()
                t.column("col", .integer).notNull()
                t.column("region", .text).notNull()
                t.column("entity", .text).notNull()
                t.column("entity_code", .text)
                t.column("year", .integer).notNull()
                t.column("stage", .text).notNull()
                t.column("tbl", .text).notNull()
                t.column("code", .text)
                t.column("item", .text).notNull()
                t.column("measure", .text).notNull()
                t.column("amount_fen", .integer).notNull()
                t.column("source_unit", .text).notNull()
                t.column("derived", .boolean).notNull()
                t.primaryKey(["document_id", "seq"])
            }
            try db.create(index: "fact_by_entity", on: "fact", columns: ["entity", "tbl", "year"])
            try db.create(index: "fact_by_region", on: "fact", columns: ["region", "year"])
            try db.create(table: "diagnostic") { t in
                t.column("document_id", .integer).notNull().references("document", onDelete: .cascade).indexed()
                t.column("line", .integer).notNull()
                t.column("severity", .text).notNull()
                t.column("rule", .text).notNull()
                t.column("message", .text).notNull()
            }
        }
        m.registerMigration("v2: pages, region codes, provinces, coverage") { db in
            try db.alter(table: "fact") { t in
                t.add(column: "page", .integer)
                t.add(column: "region_code", .text)
                t.add(column: "province", .text).notNull().defaults(to: "")
            }
            try db.alter(table: "document") { t in
                t.add(column: "region_code", .text)
                t.add(column: "province", .text).notNull().defaults(to: "")
                t.add(column: "page_count", .integer)
                t.add(column: "amounts_printed", .integer).notNull().defaults(to: 0)
                t.add(column: "amounts_read", .integer).notNull().defaults(to: 0)
                t.add(column: "amounts_outside", .integer).notNull().defaults(to: 0)
            }
            try db.alter(table: "diagnostic") { t in t.add(column: "page", .integer) }
        }
        // Stores written before regions were read across China: their regions are short names of
        // the catalogue; the unambiguous ones get their code and province (others stay empty).
        m.registerMigration("v3: codes and provinces of earlier regions") { db in
            let regions = try String.fetchAll(db, sql: "SELECT DISTINCT region FROM document WHERE province = ''")
            for region in regions {
                let rows = RegionCatalogue.shared.entries(named: region)
                guard rows.count == 1 else { continue }
                for table in ["document", "fact"] {
                    try db.execute(sql: "UPDATE \(table) SET region_code = ?, province = ? WHERE region = ? AND province = ''",
                                   arguments: [rows[0].code, rows[0].province, region])
                }
            }
        }
        // The audit reads headings, the 目录 and the narrative from the store; `check --annotate`
        // finds the source PDF by the path recorded at ingest.
        m.registerMigration("v4: document text lines and source path") { db in
            try db.create(table: "text_line") { t in
                t.column("document_id", .integer).notNull().references("document", onDelete: .cascade)
                t.column("line", .integer).notNull()
                t.column("page", .integer)
                t.column("text", .text).notNull()
                t.column("narrative", .boolean).notNull()
                t.primaryKey(["document_id", "line"])
            }
            try db.alter(table: "document") { t in t.add(column: "source_path", .text) }
        }
        return m
    }

    /// Stores a parsed document in one transaction, replacing the same content ingested before
    /// (or an older version: the same file name with the same region, entity, year and stage).
    @discardableResult
    public func ingest(_ doc: ParsedDocument, replacingByName: Bool = true) throws -> IngestOutcome {
        do { return try writing(doc, replacingByName: replacingByName) } catch { throw Self.plain(error, path: path) }
    }

    /// `replacingByName: false` (two files of one batch share a name): only the same content is replaced.
    private func writing(_ doc: ParsedDocument, replacingByName: Bool) throws -> IngestOutcome {
        try db.write { db in
            let old = try Int64.fetchAll(db, sql: """
                SELECT id FROM document WHERE content_hash = ?
                   OR (? AND name = ? AND region = ? AND entity = ? AND year = ? AND stage = ?)
                """, arguments: [doc.contentHash, replacingByName, doc.name, doc.identity.region, doc.identity.entity,
                                 doc.identity.year, doc.identity.stage.rawValue])
            for id in old {
                try db.execute(sql: "DELETE FROM fact WHERE document_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM diagnostic WHERE document_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM text_line WHERE document_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id])
            }
            // A name is one document: another content under the same name is kept as `name (2)`.
            var name = doc.name
            var k = 1
            while try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM document WHERE name = ?)", arguments: [name]) == true {
                k += 1
                name = "\(doc.name) (\(k))"
            }
            let tablesJSON = String(decoding: try JSONEncoder.sorted.encode(doc.tables), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO document (name, content_hash, region, entity, entity_code, year, stage, unit,
                                      tables_json, fact_count, warning_count, byte_count,
                                      region_code, province, page_count, amounts_printed, amounts_read, amounts_outside)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [name, doc.contentHash, doc.identity.region, doc.identity.entity,
                                 doc.identity.entityCode, doc.identity.year, doc.identity.stage.rawValue,
                                 doc.unit.rawValue, tablesJSON, doc.facts.count, doc.warnings.count, doc.byteCount,
                                 doc.identity.regionCode, doc.identity.province, doc.pageCount,
                                 doc.coverage.printed, doc.coverage.read, doc.coverage.outside])
            let id = db.lastInsertedRowID
            let insert = try db.cachedStatement(sql: """
                INSERT INTO fact (document_id, seq, line, col, region, entity, entity_code, year, stage, tbl,
                                  code, item, measure, amount_fen, source_unit, derived, page, region_code, province)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (seq, f) in doc.facts.enumerated() {
                try insert.execute(arguments: [id, seq, f.line, f.column, f.region, f.entity, f.entityCode, f.year,
                                               f.stage.rawValue, f.table.rawValue, f.code, f.item, f.measure.rawValue,
                                               f.amount.fen, f.sourceUnit.rawValue, f.derived, f.page, f.regionCode, f.province])
            }
            let diag = try db.cachedStatement(sql: "INSERT INTO diagnostic (document_id, line, severity, rule, message, page) VALUES (?, ?, ?, ?, ?, ?)")
            for w in doc.warnings {
                try diag.execute(arguments: [id, w.line, w.severity.rawValue, w.rule, w.message, w.page])
            }
            try db.execute(sql: "UPDATE document SET source_path = ? WHERE id = ?", arguments: [doc.sourcePath, id])
            let textLine = try db.cachedStatement(sql: "INSERT INTO text_line (document_id, line, page, text, narrative) VALUES (?, ?, ?, ?, ?)")
            for l in doc.lines { try textLine.execute(arguments: [id, l.line, l.page, l.text, l.narrative]) }
            return IngestOutcome(documentID: id, replaced: old.count, storedName: name)
        }
    }

    public func documents() throws -> [StoredDocument] {
        try reading { db in
            let d = RowDecoder(path: path, table: "document")
            return try Row.fetchAll(db, sql: "SELECT * FROM document ORDER BY name, id").map { try Self.document($0, d) }
        }
    }

    static func document(_ r: Row, _ d: RowDecoder) throws -> StoredDocument {
        let tablesJSON = try d.text(r, "tables_json")
        guard let tables = try? JSONDecoder().decode([TableSummary].self, from: Data(tablesJSON.utf8)) else {
            throw StoreError.damaged(path: d.path, detail: "document.tables_json of “\(try d.text(r, "name"))” is not the list of tables yusuan writes")
        }
        return StoredDocument(
            id: try d.int64(r, "id"), name: try d.text(r, "name"), contentHash: try d.text(r, "content_hash"),
            identity: DocumentIdentity(region: try d.text(r, "region"), entity: try d.text(r, "entity"),
                                       entityCode: try d.optText(r, "entity_code"), year: try d.int(r, "year"),
                                       stage: try d.vocabulary(r, "stage", Stage.self),
                                       regionCode: try d.optText(r, "region_code"), province: try d.text(r, "province")),
            unit: try d.vocabulary(r, "unit", MoneyUnit.self), tables: tables, factCount: try d.int(r, "fact_count"),
            warningCount: try d.int(r, "warning_count"), byteCount: try d.int(r, "byte_count"), pageCount: try d.optInt(r, "page_count"),
            coverage: Coverage(printed: try d.int(r, "amounts_printed"), read: try d.int(r, "amounts_read"), outside: try d.int(r, "amounts_outside")),
            sourcePath: try d.optText(r, "source_path"))
    }

    /// Facts in export order: by document name, then line, then column.
    public func facts(_ q: FactQuery = FactQuery()) throws -> [Fact] {
        var clauses: [String] = []
        var args: [any DatabaseValueConvertible] = []
        func inList(_ column: String, _ values: [any DatabaseValueConvertible]) {
            guard !values.isEmpty else { return }
            clauses.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))")
            args += values
        }
        if q.regionCodes.isEmpty { inList("f.region", q.regions) } else {
            let names = q.regions.map { _ in "?" }.joined(separator: ",")
            let codes = q.regionCodes.map { _ in "?" }.joined(separator: ",")
            clauses.append("(f.region IN (\(names.isEmpty ? "NULL" : names)) OR f.region_code IN (\(codes)))")
            args += q.regions.map { $0 as any DatabaseValueConvertible }
            args += q.regionCodes.map { $0 as any DatabaseValueConvertible }
        }
        inList("f.entity", q.entities)
        inList("f.year", q.years)
        inList("f.tbl", q.tables.map(\.rawValue))
        inList("d.name", q.documents)
        inList("f.stage", q.stages.map(\.rawValue))
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let sql = """
            SELECT d.name AS document, f.* FROM fact f JOIN document d ON d.id = f.document_id
            \(whereSQL) ORDER BY d.name, d.id, f.line, f.col, f.seq
            """
        let d = RowDecoder(path: path, table: "fact")
        return try reading { db in
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            var out: [Fact] = []
            while let r = try cursor.next() {
                out.append(Fact(document: try d.text(r, "document"), line: try d.int(r, "line"), column: try d.int(r, "col"),
                                region: try d.text(r, "region"), entity: try d.text(r, "entity"),
                                entityCode: try d.optText(r, "entity_code"), year: try d.int(r, "year"),
                                stage: try d.vocabulary(r, "stage", Stage.self),
                                table: try d.vocabulary(r, "tbl", TableKind.self), code: try d.optText(r, "code"),
                                item: try d.text(r, "item"), measure: try d.vocabulary(r, "measure", Measure.self),
                                amount: Money(fen: try d.int64(r, "amount_fen")),
                                sourceUnit: try d.vocabulary(r, "source_unit", MoneyUnit.self), derived: try d.bool(r, "derived"),
                                page: try d.optInt(r, "page"), regionCode: try d.optText(r, "region_code"),
                                province: try d.text(r, "province")))
            }
            return out
        }
    }

    /// Warnings stored with the documents, by document then line.
    public func diagnostics(document: String? = nil) throws -> [Diagnostic] {
        try reading { db in
            let sql = """
                SELECT d.name, g.line, g.severity, g.rule, g.message, g.page FROM diagnostic g
                JOIN document d ON d.id = g.document_id \(document == nil ? "" : "WHERE d.name = ?")
                ORDER BY d.name, g.line, g.rowid
                """
            let d = RowDecoder(path: path, table: "diagnostic")
            return try Row.fetchAll(db, sql: sql, arguments: document.map { [$0] } ?? []).map {
                Diagnostic(document: try d.text($0, "name"), line: try d.int($0, "line"),
                           severity: try d.vocabulary($0, "severity", Severity.self),
                           rule: try d.text($0, "rule"), message: try d.text($0, "message"), page: try d.optInt($0, "page"))
            }
        }
    }

    /// A read whose SQLite errors name the store.
    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.read(body) } catch { throw Self.plain(error, path: path) }
    }

    /// The stored text lines of one document, in order.
    public func textLines(document: String) throws -> [TextLine] {
        try reading { db in
            try Row.fetchAll(db, sql: """
                SELECT t.line, t.page, t.text, t.narrative FROM text_line t JOIN document d ON d.id = t.document_id
                WHERE d.name = ? ORDER BY d.id, t.line
                """, arguments: [document]).map { TextLine(line: $0[0], page: $0[1], text: $0[2], narrative: $0[3]) }
        }
    }

    public func factCount() throws -> Int {
        try reading { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM fact") ?? 0 }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
