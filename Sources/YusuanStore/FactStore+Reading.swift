import Foundation
import GRDB
import GRDBSQLite
import YusuanCore

/// Who printed a fact, without the fact: what the entity registry needs to resolve `--region`,
/// `--entity` and `--group` before the facts themselves are streamed.
public struct FactOrigin: Hashable, Sendable {
    public var document: String
    public var region: String
    public var regionCode: String?
    public var entity: String
    public var entityCode: String?
    public var year: Int
    /// The region as analyses key and show it (see `Fact.regionLabel`).
    public var regionLabel: String { RegionCatalogue.shared.label(region: region, code: regionCode) }
}

extension FactStore {
    public func documents() throws -> [StoredDocument] {
        try reading { db in
            let rows = try Row.fetchCursor(db, DocumentRecord.order(Column("name"), Column("id")))
            var out: [StoredDocument] = []
            while let row = try rows.next() {
                out.append(try decoded(row, table: "document") { try DocumentRecord(row: $0).stored })
            }
            return out
        }
    }

    /// Each stored document's name, identity and source path, ordered as `documents()`: what
    /// comparing documents needs, without decoding every document's tables (their JSON was most of
    /// the time a batch's supersede step spent in the store).
    public func documentNames() throws -> [StoredName] {
        try reading { db in
            let columns = DocumentNameRecord.columns.map(\.rawValue).joined(separator: ", ")
            let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM document ORDER BY name, id")
            var out: [StoredName] = []
            while let row = try rows.next() {
                out.append(try decoded(row, table: "document") { try DocumentNameRecord(row: $0).stored })
            }
            return out
        }
    }

    /// Facts in export order: by document name, then line, then column.
    public func facts(_ q: FactQuery = FactQuery()) throws -> [Fact] {
        var out: [Fact] = []
        try forEachFact(q) { out.append($0) }
        return out
    }

    /// Calls `body` with each fact in export order while reading them from a cursor, so that a
    /// caller that writes them out (export) holds one document's packs at a time (a few bytes a
    /// fact), however many there are. Errors thrown by `body` are rethrown as they are.
    public func forEachFact(_ q: FactQuery, _ body: (Fact) throws -> Void) throws {
        let (whereSQL, args) = Self.filter(q)
        // A fact's origin (a few rows a document) answers the filter; its facts are the origin's
        // packs, by the key (document, origin). Each pack is in export order; a document's packs
        // are merged.
        let sql = """
            SELECT d.name AS document, d.id, o.region, o.region_code, o.province, o.entity, o.entity_code, o.year, o.stage,
                   o.tbl, o.origin, p.fact_count, p.facts
            FROM \(Self.originsAndDocuments(q)) \(Self.originsFirst(q) ? "JOIN" : "CROSS JOIN")
                fact_pack p ON p.document_id = o.document_id AND p.origin = o.origin
            \(whereSQL) ORDER BY d.name, d.id
            """
        let factsColumn: Int32 = 12
        var bodyError: Error?
        try reading { db in
            let statement = try db.makeStatement(sql: sql)
            let rows = try Row.fetchCursor(statement, arguments: args)
            var document: Int64?
            var packs: [(origin: PackOrigin, cursor: FactPack.Cursor, head: FactPack.Fields?)] = []
            /// The document's facts, its packs merged; false when `body` threw.
            func merge() throws -> Bool {
                defer { packs.removeAll(keepingCapacity: true) }
                for k in packs.indices { packs[k].head = try next(k) }
                while true {
                    var first: Int?
                    for k in packs.indices {
                        guard let h = packs[k].head else { continue }
                        if let f = first, let g = packs[f].head, (g.line, g.column, g.seq) <= (h.line, h.column, h.seq) { continue }
                        first = k
                    }
                    guard let k = first, let f = packs[k].head else { return true }
                    let o = packs[k].origin
                    let fact = Fact(document: o.document, line: f.line, column: f.column, region: o.region, entity: o.entity,
                                    entityCode: o.entityCode, year: o.year, stage: o.stage, table: o.table, code: f.code,
                                    item: f.item, measure: f.measure, amount: Money(fen: f.amountFen), sourceUnit: f.unit,
                                    derived: f.derived, page: f.page, regionCode: o.regionCode, province: o.province)
                    do { try body(fact) } catch { bodyError = error; return false }
                    packs[k].head = try next(k)
                }
            }
            func next(_ k: Int) throws -> FactPack.Fields? {
                do { return try packs[k].cursor.next() } catch let damage as FactPack.Damage {
                    let o = packs[k].origin
                    throw StoreError.damaged(path: path, detail: "the facts of \(o.document) (fact_pack, origin \(o.origin)): \(damage.detail)")
                }
            }
            while let row = try rows.next() {
                let o = try decoded(row, table: "fact_pack") { try PackOrigin(row: $0) }
                if o.documentID != document {
                    guard try merge() else { return }
                    document = o.documentID
                }
                let s = statement.sqliteStatement
                guard sqlite3_column_type(s, factsColumn) == SQLITE_BLOB || sqlite3_column_bytes(s, factsColumn) == 0 else {
                    throw StoreError.damaged(path: path, detail: "fact_pack.facts holds \((row[Int(factsColumn)] as DatabaseValue).description.prefix(40))")
                }
                let bytes = Array(UnsafeRawBufferPointer(start: sqlite3_column_blob(s, factsColumn),
                                                         count: Int(sqlite3_column_bytes(s, factsColumn))).bindMemory(to: UInt8.self))
                packs.append((o, FactPack.Cursor(bytes, count: o.count), nil))
            }
            _ = try merge()
        }
        if let bodyError { throw bodyError }
    }

    /// The distinct documents, regions, entities and years of the facts `q` selects.
    public func factOrigins(_ q: FactQuery = FactQuery()) throws -> [FactOrigin] {
        let (whereSQL, args) = Self.filter(q)
        // From `fact_origin`, which has the columns the filter names, a row for each of them a
        // document's facts have (by table and stage): a few rows a document instead of every fact.
        let sql = """
            SELECT DISTINCT d.name, o.region, o.region_code, o.entity, o.entity_code, o.year
            FROM \(Self.originsAndDocuments(q)) \(whereSQL)
            ORDER BY d.name, d.id, o.region, o.region_code, o.entity, o.entity_code, o.year
            """
        return try reading { db in
            try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                try decoded(row, table: "fact") {
                    FactOrigin(document: try $0.decode(forColumn: "name"), region: try $0.decode(forColumn: "region"),
                               regionCode: try $0.decode(forColumn: "region_code"), entity: try $0.decode(forColumn: "entity"),
                               entityCode: try $0.decode(forColumn: "entity_code"), year: try $0.decode(forColumn: "year"))
                }
            }
        }
    }

    /// Whether a query looks for regions or entities, which the origins' indexes find: else its
    /// queries go through the documents in name order.
    static func originsFirst(_ q: FactQuery) -> Bool {
        !(q.regions.isEmpty && q.regionCodes.isEmpty && q.entities.isEmpty)
    }

    /// `fact_origin o` and `document d` joined in the order that suits `q`. Without a region or
    /// entity to look for, documents in name order (their index, which also finds named
    /// documents) with their origins (and facts) inside: SQLite then sorts one document's rows at
    /// a time (`CROSS JOIN` keeps that order of the loops; left to choose, it read every fact first
    /// and looked its origin up, half as fast, or every origin through its index by entity, looking
    /// each row up again). With one, SQLite starts from the origins' indexes by region and entity.
    static func originsAndDocuments(_ q: FactQuery) -> String {
        originsFirst(q) ? "fact_origin o JOIN document d ON d.id = o.document_id"
                        : "document d CROSS JOIN fact_origin o ON o.document_id = d.id"
    }

    /// The WHERE clause of a query over `fact_origin o JOIN document d`.
    static func filter(_ q: FactQuery) -> (String, StatementArguments) {
        var clauses: [String] = []
        var args: [any DatabaseValueConvertible] = []
        func inList(_ column: String, _ values: [any DatabaseValueConvertible]) {
            guard !values.isEmpty else { return }
            clauses.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))")
            args += values
        }
        if q.regionCodes.isEmpty { inList("o.region", q.regions) } else {
            let names = q.regions.map { _ in "?" }.joined(separator: ",")
            let codes = q.regionCodes.map { _ in "?" }.joined(separator: ",")
            clauses.append("(o.region IN (\(names.isEmpty ? "NULL" : names)) OR o.region_code IN (\(codes)))")
            args += q.regions.map { $0 as any DatabaseValueConvertible }
            args += q.regionCodes.map { $0 as any DatabaseValueConvertible }
        }
        inList("o.entity", q.entities)
        inList("o.year", q.years)
        inList("o.tbl", q.tables.map(\.rawValue))
        inList("d.name", q.documents)
        inList("o.stage", q.stages.map(\.rawValue))
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), StatementArguments(args))
    }

    /// Warnings stored with the documents, by document then line.
    public func diagnostics(document: String? = nil) throws -> [Diagnostic] {
        try reading { db in
            let sql = """
                SELECT d.name, g.* FROM diagnostic g
                JOIN document d ON d.id = g.document_id \(document == nil ? "" : "WHERE d.name = ?")
                ORDER BY d.name, g.line, g.rowid
                """
            return try Row.fetchAll(db, sql: sql, arguments: document.map { [$0] } ?? []).map { row in
                try decoded(row, table: "diagnostic") {
                    let r = try DiagnosticRecord(row: $0)
                    return Diagnostic(document: try $0.decode(forColumn: "name"), line: r.line, severity: r.severity,
                                      rule: r.rule, message: r.message, page: r.page, args: r.decodedArgs)
                }
            }
        }
    }

    /// The stored text lines of one document, in order.
    public func textLines(document: String) throws -> [TextLine] {
        try reading { db in
            let chunks = try DatabaseValue.fetchCursor(db, sql: """
                SELECT t.lines FROM document_text t JOIN document d ON d.id = t.document_id WHERE d.name = ? ORDER BY t.chunk
                """, arguments: [document])
            var lines: [TextLine] = []
            while let value = try chunks.next() {
                guard case .blob(let bytes) = value.storage, TextLineBlob.decode(bytes, into: &lines) else {
                    throw StoreError.damaged(path: path, detail: "document_text.lines of “\(document)” is not the text lines yusuan writes")
                }
            }
            return lines
        }
    }

    public func factCount() throws -> Int {
        try reading { try Int.fetchOne($0, sql: "SELECT COALESCE(SUM(fact_count), 0) FROM fact_pack") ?? 0 }
    }

    /// A read whose SQLite errors name the store.
    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.read(body) } catch { throw Self.plain(error, path: path) }
    }

    /// `decode(row)`, its failure told as the damage it is: which table and column hold what.
    func decoded<T>(_ row: Row, table: String, _ decode: (Row) throws -> T) throws -> T {
        if let wrong = Self.wrongStorage(row, table: table) { throw StoreError.damaged(path: path, detail: wrong) }
        do { return try decode(row) } catch {
            throw StoreError.damaged(path: path, detail: Self.describeDecodingFailure(error, row: row, table: table))
        }
    }

    /// "fact.source_unit holds "千元"": the column from the coding path (the vocabularies'
    /// `Decodable`) or from GRDB's error (a value of the wrong type), and its value.
    static func describeDecodingFailure(_ error: Error, row: Row, table: String) -> String {
        var column: String?
        switch error {
        case DecodingError.dataCorrupted(let c), DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            column = c.codingPath.last?.stringValue
        case DecodingError.keyNotFound(let key, _):
            column = key.stringValue
        default:
            let text = String(describing: error)
            if let r = text.range(of: "column: \""), let end = text[r.upperBound...].firstIndex(of: "\"") {
                column = String(text[r.upperBound..<end])
            }
        }
        guard let column else { return "\(table): \(error)" }
        guard let value = row[column] as DatabaseValue? else { return "its table “\(table)” has no column “\(column)”" }
        if column == "tables_json" { return "\(table).tables_json is not the list of tables yusuan writes" }
        return "\(table).\(column) holds \(value.description.prefix(40))"
    }

    /// SQLite reads a TEXT "abc" as the integer 0, and an integer as text, without a word: a column
    /// holding another type than yusuan writes there is damage, and said as such.
    static func wrongStorage(_ row: Row, table: String) -> String? {
        guard let kinds = storageKinds[table] else { return nil }
        for (column, value) in row {
            guard let integer = kinds[column] else { continue }
            switch value.storage {
            case .null: continue   // where a value is required, decoding says so
            case .int64 where integer, .string where !integer: continue
            default: return "\(table).\(column) holds \(value.description.prefix(40))"
            }
        }
        return nil
    }

    /// Per table, whether each column holds integers (true) or text (false).
    static let storageKinds: [String: [String: Bool]] = {
        func kinds(integers: [String], texts: [String]) -> [String: Bool] {
            Dictionary(uniqueKeysWithValues: integers.map { ($0, true) } + texts.map { ($0, false) })
        }
        return [
            "document": kinds(integers: ["id", "year", "fact_count", "warning_count", "byte_count", "page_count",
                                         "amounts_printed", "amounts_read", "amounts_outside"],
                              texts: ["name", "content_hash", "region", "entity", "entity_code", "stage", "unit", "tables_json",
                                      "region_code", "province", "source_path"]),
            // A pack as the fact queries read it, with its origin's and document's columns.
            "fact_pack": kinds(integers: ["id", "origin", "fact_count", "year"],
                               texts: ["document", "region", "entity", "entity_code", "stage", "tbl", "region_code", "province"]),
            "diagnostic": kinds(integers: ["document_id", "line", "page"], texts: ["severity", "rule", "message"]),
        ]
    }()
}
