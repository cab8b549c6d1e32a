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
    public init(regions: [String] = [], entities: [String] = [], years: [Int] = [], tables: [TableKind] = [],
                documents: [String] = [], regionCodes: [String] = []) {
        self.regions = regions; self.entities = entities; self.years = years
        self.tables = tables; self.documents = documents; self.regionCodes = regionCodes
    }
}

/// What storing a document did.
public struct IngestOutcome: Sendable {
    public var documentID: Int64
    /// Documents with the same content (or the same name and identity) that it replaced.
    public var replaced: Int
}

/// Facts ⇄ SQLite through GRDB: a migrated schema, one transaction per document, WAL so that
/// readers see whole documents while an ingest runs.
public final class FactStore: @unchecked Sendable {
    public let path: String
    let db: DatabasePool

    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(30)
        // Two processes opening a new store at once both see it unmigrated; the second one's
        // CREATE TABLE then fails ("table … already exists") and is rolled back. Opening and
        // migrating again finds what the other process committed and applies only what is left.
        var attempt = 1
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: config)
                try Self.migrator.migrate(pool)
                db = pool
                break
            } catch where attempt < 3 {
                attempt += 1
                usleep(50_000)
            }
        }
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
    public func ingest(_ doc: ParsedDocument) throws -> IngestOutcome {
        try db.write { db in
            let old = try Int64.fetchAll(db, sql: """
                SELECT id FROM document WHERE content_hash = ?
                   OR (name = ? AND region = ? AND entity = ? AND year = ? AND stage = ?)
                """, arguments: [doc.contentHash, doc.name, doc.identity.region, doc.identity.entity,
                                 doc.identity.year, doc.identity.stage.rawValue])
            for id in old {
                try db.execute(sql: "DELETE FROM fact WHERE document_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM diagnostic WHERE document_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM text_line WHERE document_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id])
            }
            let tablesJSON = String(decoding: try JSONEncoder.sorted.encode(doc.tables), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO document (name, content_hash, region, entity, entity_code, year, stage, unit,
                                      tables_json, fact_count, warning_count, byte_count,
                                      region_code, province, page_count, amounts_printed, amounts_read, amounts_outside)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [doc.name, doc.contentHash, doc.identity.region, doc.identity.entity,
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
            return IngestOutcome(documentID: id, replaced: old.count)
        }
    }

    public func documents() throws -> [StoredDocument] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM document ORDER BY name, id").map(Self.document)
        }
    }

    static func document(_ r: Row) -> StoredDocument {
        let tables = (try? JSONDecoder().decode([TableSummary].self, from: Data((r["tables_json"] as String).utf8))) ?? []
        return StoredDocument(
            id: r["id"], name: r["name"], contentHash: r["content_hash"],
            identity: DocumentIdentity(region: r["region"], entity: r["entity"], entityCode: r["entity_code"],
                                       year: r["year"], stage: Stage(rawValue: r["stage"]) ?? .budget,
                                       regionCode: r["region_code"], province: r["province"]),
            unit: MoneyUnit(rawValue: r["unit"]) ?? .yuan, tables: tables, factCount: r["fact_count"],
            warningCount: r["warning_count"], byteCount: r["byte_count"], pageCount: r["page_count"],
            coverage: Coverage(printed: r["amounts_printed"], read: r["amounts_read"], outside: r["amounts_outside"]),
            sourcePath: r["source_path"])
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
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let sql = """
            SELECT d.name AS document, f.* FROM fact f JOIN document d ON d.id = f.document_id
            \(whereSQL) ORDER BY d.name, d.id, f.line, f.col, f.seq
            """
        return try db.read { db in
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            var out: [Fact] = []
            while let r = try cursor.next() {
                out.append(Fact(document: r["document"], line: r["line"], column: r["col"], region: r["region"],
                                entity: r["entity"], entityCode: r["entity_code"], year: r["year"],
                                stage: Stage(rawValue: r["stage"]) ?? .budget,
                                table: TableKind(rawValue: r["tbl"]) ?? .narrative, code: r["code"], item: r["item"],
                                measure: Measure(rawValue: r["measure"]) ?? .total, amount: Money(fen: r["amount_fen"]),
                                sourceUnit: MoneyUnit(rawValue: r["source_unit"]) ?? .yuan, derived: r["derived"],
                                page: r["page"], regionCode: r["region_code"], province: r["province"]))
            }
            return out
        }
    }

    /// Warnings stored with the documents, by document then line.
    public func diagnostics(document: String? = nil) throws -> [Diagnostic] {
        try db.read { db in
            let sql = """
                SELECT d.name, g.line, g.severity, g.rule, g.message, g.page FROM diagnostic g
                JOIN document d ON d.id = g.document_id \(document == nil ? "" : "WHERE d.name = ?")
                ORDER BY d.name, g.line, g.rowid
                """
            return try Row.fetchAll(db, sql: sql, arguments: document.map { [$0] } ?? []).map {
                Diagnostic(document: $0[0], line: $0[1], severity: Severity(rawValue: $0[2]) ?? .warning,
                           rule: $0[3], message: $0[4], page: $0[5])
            }
        }
    }

    /// The stored text lines of one document, in order.
    public func textLines(document: String) throws -> [TextLine] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.line, t.page, t.text, t.narrative FROM text_line t JOIN document d ON d.id = t.document_id
                WHERE d.name = ? ORDER BY d.id, t.line
                """, arguments: [document]).map { TextLine(line: $0[0], page: $0[1], text: $0[2], narrative: $0[3]) }
        }
    }

    public func factCount() throws -> Int {
        try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM fact") ?? 0 }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
