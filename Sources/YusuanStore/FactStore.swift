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

/// A stored document's name, identity and source path (`FactStore.documentNames`).
public struct StoredName: Hashable, Sendable {
    public var name: String
    public var identity: DocumentIdentity
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
        // In WAL mode NORMAL still commits atomically (a killed ingest leaves whole documents); it
        // syncs at checkpoints instead of at each document's commit (only a power cut can take the
        // last documents back). FULL made every document an fsync.
        // A checkpoint every 10,000 pages (40 MB of WAL) rather than SQLite's 1,000: each copies
        // into the file the pages that documents' commits rewrote since the last (the B-trees'
        // right edges, the origins' index leaves, the header) and syncs twice. Committing was most
        // of storing a document's facts; inserting them 0.72–0.98 → 1.04–1.31 M facts/s
        // (`yusuan-bench`), the ingest's peak memory +3 MB.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000") }
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
                    do {
                        // Asked on the writing connection: a reader would keep the schema it saw before migrating.
                        let (lineRows, factRows) = try pool.writeWithoutTransaction { db in
                            (try db.tableExists("text_line"), try db.tableExists("fact"))
                        }
                        try Self.migrator.migrate(pool)
                        // Migrations v7, v9 and v10 freed the pages of every text line row (a third
                        // of a store), of the facts' shared text and of a row per fact: given back
                        // once, while the store is still locked for migrating.
                        if lineRows || factRows { try pool.writeWithoutTransaction { try $0.execute(sql: "VACUUM") } }
                        // SQLite checks a child row's parent at each insert (a cursor opened on
                        // `document` and a seek: ~1,500 instructions a row, a sixth of a store v9
                        // fact's), though the writer only adds rows of the document it has just
                        // inserted (packs, origins, warnings, text lines). Off for the
                        // writing connection, after migrating (a pragma that works outside a
                        // transaction only, and recompiles every statement when it changes); the
                        // cascade is `deleteDocuments`' work.
                        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA foreign_keys = OFF") }
                    } catch { try? pool.close(); throw error }
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
        // stat(2): `attributesOfItem` would also look up the owner's name in /etc/passwd.
        var st = stat()
        guard stat(path, &st) == 0, st.st_size > 0 else { return }
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

    /// Stores a parsed document in one transaction, replacing the same content ingested before
    /// (or an older version: the same file name with the same region, entity, year and stage).
    @discardableResult
    public func ingest(_ doc: ParsedDocument, replacingByName: Bool = true) throws -> IngestOutcome {
        do { return try writing(doc, replacingByName: replacingByName) } catch { throw Self.plain(error, path: path) }
    }

    /// `replacingByName: false` (two files of one batch share a name): only the same content is replaced.
    private func writing(_ doc: ParsedDocument, replacingByName: Bool) throws -> IngestOutcome {
        try db.write { db in
            // SQLite's default page cache (2 MB) added twice a 1 MB file to the peak of an ingest
            // (issue #16); pages past this bound spill to the WAL, uncommitted until the end.
            try db.execute(sql: "PRAGMA cache_size = -\(Self.writeCacheKiB)")
            // Two lookups, each by its index (an OR of the two made SQLite read every document).
            // Statements made once per connection: made for each document, they were a tenth of
            // the writing thread's instructions (GRDB's query interface asks its authorizer about
            // every column of `SELECT *`).
            let old = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT id FROM document WHERE content_hash = ?
                UNION
                SELECT id FROM document WHERE ? AND name = ? AND region = ? AND entity = ? AND year = ? AND stage = ?
                ORDER BY id
                """), arguments: [doc.contentHash, replacingByName, doc.name, doc.identity.region, doc.identity.entity,
                                  doc.identity.year, doc.identity.stage.rawValue])
            // Facts, origins, diagnostics and text lines go with their document.
            if !old.isEmpty { try Self.deleteDocuments(old, db) }
            // A name is one document: another content under the same name is kept as `name (2)`.
            var name = doc.name
            var k = 1
            let taken = try db.cachedStatement(sql: "SELECT 1 FROM document WHERE name = ? LIMIT 1")
            while try Int.fetchOne(taken, arguments: [name]) != nil {
                k += 1
                name = "\(doc.name) (\(k))"
            }
            let id = try Self.insertDocument(doc, storedName: name, db)
            let (origins, ofFact) = doc.factList.originNumbers()
            try Self.insertOrigins(origins, documentID: id, db)
            try Self.insertFacts(doc.factList, origins: ofFact, documentID: id, db)
            for w in doc.warnings {
                try DiagnosticRecord(documentID: id, line: w.line, page: w.page, severity: w.severity,
                                     rule: w.rule, message: w.message, args: DiagnosticRecord.encode(w.args)).insert(db)
            }
            try Self.insertTextLines(doc.textLines, documentID: id, db)
            return IngestOutcome(documentID: id, replaced: old.count, storedName: name)
        }
    }

    static let writeCacheKiB = 512

    /// Deletes documents with the rows of every table that refers to them, as `ON DELETE CASCADE`
    /// would if the writing connection checked foreign keys (it does not: `init(path:)`). The
    /// referring tables are read from the schema, so that one a later migration adds goes with its
    /// document too.
    static func deleteDocuments(_ ids: [Int64], _ db: Database) throws {
        let children = try Row.fetchAll(db, sql: """
            SELECT m.name AS child, f."from" AS col FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND f."table" = 'document' COLLATE NOCASE ORDER BY m.name
            """)
        for c in children {
            let child: String = c["child"], column: String = c["col"]
            let delete = try db.makeStatement(sql: "DELETE FROM \(child.quotedDatabaseIdentifier) WHERE \(column.quotedDatabaseIdentifier) = ?")
            for id in ids { try delete.execute(arguments: [id]) }
        }
        let delete = try db.makeStatement(sql: "DELETE FROM document WHERE id = ?")
        for id in ids { try delete.execute(arguments: [id]) }
    }

    /// The document's row (`DocumentRecord`'s columns), bound as the facts are: GRDB's `insert`
    /// encoded the record through `Codable` into a dictionary first. Its tables as the JSON GRDB
    /// writes for a nested value (`TablesJSON`), so that stores stay alike.
    static func insertDocument(_ doc: ParsedDocument, storedName: String, _ db: Database) throws -> Int64 {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO document (name, content_hash, region, region_code, province, entity, entity_code, year, stage, unit,
                tables_json, fact_count, warning_count, byte_count, page_count, amounts_printed, amounts_read,
                amounts_outside, source_path)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let tables = TablesJSON.encode(doc.tables)
        let i = doc.identity
        var row = RowBinder(insert, db)
        row.bind(storedName); row.bind(doc.contentHash); row.bind(i.region); row.bind(i.regionCode); row.bind(i.province)
        row.bind(i.entity); row.bind(i.entityCode); row.bind(i.year); row.bind(i.stage.rawValue); row.bind(doc.unit.rawValue)
        row.bind(tables); row.bind(doc.factList.count); row.bind(doc.warnings.count); row.bind(doc.byteCount); row.bind(doc.pageCount)
        row.bind(doc.coverage.printed); row.bind(doc.coverage.read); row.bind(doc.coverage.outside); row.bind(doc.sourcePath)
        try row.execute()
        return db.lastInsertedRowID
    }

    /// The rows of store v8's `fact_origin` from its facts: one per document, table, stage, region,
    /// entity and year (migration v8; v9 numbers them and gives each fact its number).
    static let originsOfV8Facts = """
        SELECT DISTINCT document_id, tbl, stage, region, region_code, entity, entity_code, year FROM fact
        """

    /// The facts of one document, a row (`fact_pack`) for each of its origins. The hot loop of an
    /// ingest (a million facts and more): each fact's fields encoded straight from the list
    /// (`FactPack.Writer`), the pack bound where it is.
    static func insertFacts(_ facts: FactList, origins ofFact: [UInt32], documentID id: Int64, _ db: Database) throws {
        var row = RowBinder(try db.cachedStatement(sql: FactPack.insert), db)
        func store(_ origin: UInt32, _ part: Int, _ pack: FactPack.Writer) throws {
            try pack.bytes.withUnsafeBytes { bytes in
                row.bind(id); row.bind(Int(origin)); row.bind(part); row.bind(pack.count); row.bind(borrowingBlob: bytes)
                try row.execute()
            }
        }
        var rows = FactPack.Rows<UInt32>()
        func add(_ seq: Int, _ f: FactList.Fields) throws {
            try rows.start(ofFact[seq], store: store)
            rows.pack.append(seq: seq, page: f.page, line: f.line, column: f.column, amountFen: f.amountFen, derived: f.derived,
                             code: f.code, item: f.item, measure: Self.measures[f.measure], unit: Self.units[f.sourceUnit])
        }
        if let order = packOrder(facts, ofFact) { try facts.forEachFact(in: order, add) } else { try facts.forEachFact(add) }
        try rows.finish(store)
    }

    /// The facts' indices by origin (a counting sort), each origin's in export order (line,
    /// column, seq), the order of its pack: the reader's order already, but for a table read out
    /// of the order of its lines. Nil when that is the facts' own order (a long table of one
    /// origin: no list of its indices).
    static func packOrder(_ facts: FactList, _ ofFact: [UInt32]) -> [Int32]? {
        func before(_ i: Int, _ j: Int) -> Bool {
            let a = facts.position(i), b = facts.position(j)
            return (ofFact[i], a.line, a.column, i) < (ofFact[j], b.line, b.column, j)
        }
        if !ofFact.indices.dropFirst().contains(where: { !before($0 - 1, $0) }) { return nil }
        var start = [Int](repeating: 0, count: Int(ofFact.max() ?? 0) + 2)
        for o in ofFact { start[Int(o) + 1] += 1 }
        for k in 1..<start.count { start[k] += start[k - 1] }
        let bounds = start
        var order = [Int32](repeating: 0, count: ofFact.count)
        for (i, o) in ofFact.enumerated() {
            order[start[Int(o)]] = Int32(i)
            start[Int(o)] += 1
        }
        func key(_ i: Int32) -> (Int, Int, Int32) { let p = facts.position(Int(i)); return (p.line, p.column, i) }
        for k in 0..<bounds.count - 1 where bounds[k + 1] - bounds[k] > 1 {
            let range = bounds[k]..<bounds[k + 1]
            if zip(range.dropLast(), range.dropFirst()).contains(where: { key(order[$0]) > key(order[$1]) }) {
                order[range].sort { key($0) < key($1) }
            }
        }
        return order
    }

    /// The facts' part of storing, for `yusuan-bench` (issue #15's "inserting facts/s"): each
    /// document in a transaction of its own, as `ingest` writes it, its row and origins first and
    /// untimed; summed, the nanoseconds from its first fact's `INSERT` to its commit.
    package func factInsertNanoseconds(_ docs: [ParsedDocument]) throws -> UInt64 {
        try db.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -\(Self.writeCacheKiB)")
            var total: UInt64 = 0
            for doc in docs {
                var start: UInt64 = 0
                try db.inTransaction {
                    let id = try Self.insertDocument(doc, storedName: doc.name, db)
                    let (origins, ofFact) = doc.factList.originNumbers()
                    try Self.insertOrigins(origins, documentID: id, db)
                    start = DispatchTime.now().uptimeNanoseconds
                    try Self.insertFacts(doc.factList, origins: ofFact, documentID: id, db)
                    return .commit
                }
                total += DispatchTime.now().uptimeNanoseconds - start
            }
            return total
        }
    }

    static let measures = CaseTexts<Measure>(), units = CaseTexts<MoneyUnit>()

    /// The distinct origins of one document's facts (`fact_origin`), numbered in order from 0.
    static func insertOrigins(_ origins: [FactList.Origin], documentID id: Int64, _ db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO fact_origin (document_id, origin, tbl, stage, region, region_code, province, entity, entity_code, year)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var row = RowBinder(insert, db)
        for (number, o) in origins.enumerated() {
            row.bind(id); row.bind(number); row.bind(o.table.rawValue); row.bind(o.stage.rawValue); row.bind(o.region)
            row.bind(o.regionCode); row.bind(o.province); row.bind(o.entity); row.bind(o.entityCode); row.bind(o.year)
            try row.execute()
        }
    }

    /// The text lines of one document, in chunks of whole lines (`TextLineBlob`).
    static func insertTextLines(_ lines: TextLineList, documentID id: Int64, _ db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO document_text (document_id, chunk, lines) VALUES (?, ?, ?)")
        var row = RowBinder(insert, db)
        var chunk = 0
        try TextLineBlob.encode(lines) { bytes in
            try bytes.withUnsafeBytes { row.bind(id); row.bind(chunk); row.bind(borrowingBlob: $0); try row.execute() }
            chunk += 1
        }
    }
}
