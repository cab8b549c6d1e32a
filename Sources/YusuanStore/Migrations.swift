import Foundation
import GRDB
import YusuanCore

extension FactStore {
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
        m.registerMigration("v5: warning message keys and arguments") { db in
            try db.alter(table: "diagnostic") { t in t.add(column: "args", .text) }
        }
        // Each document written looks for earlier ones of its name: without an index every ingest
        // read the whole document table (its tables' JSON too), quadratic in a batch of documents.
        m.registerMigration("v6: documents by name") { db in
            try db.create(index: "document_by_name", on: "document", columns: ["name"])
        }
        // A document's text lines in a few values of whole lines (`TextLineBlob`): as rows they
        // were the larger part of an ingest's writing (issue #15). Earlier stores' rows are gathered.
        m.registerMigration("v7: text lines in chunks per document") { db in
            try db.create(table: "document_text") { t in
                t.column("document_id", .integer).notNull().references("document", onDelete: .cascade)
                t.column("chunk", .integer).notNull()
                t.column("lines", .blob).notNull()
                t.primaryKey(["document_id", "chunk"])
            }
            let ids = try Int64.fetchAll(db, sql: "SELECT DISTINCT document_id FROM text_line ORDER BY document_id")
            for id in ids {
                let lines = try Row.fetchAll(db, sql: "SELECT line, page, text, narrative FROM text_line WHERE document_id = ? ORDER BY line",
                                             arguments: [id]).map { r in
                    TextLine(line: r["line"], page: r["page"], text: r["text"], narrative: r["narrative"])
                }
                try FactStore.insertTextLines(TextLineList(lines), documentID: id, db)
            }
            try db.drop(table: "text_line")
        }
        // The distinct region, entity and year of each document's facts by table and stage: what a
        // command resolves its region, entity and group filters against (`factOrigins`), read from
        // every fact of the store before, a tenth of a second for a thousand documents.
        m.registerMigration("v8: fact origins per document") { db in
            try db.create(table: "fact_origin") { t in
                t.column("document_id", .integer).notNull().references("document", onDelete: .cascade)
                t.column("tbl", .text).notNull()
                t.column("stage", .text).notNull()
                t.column("region", .text).notNull()
                t.column("region_code", .text)
                t.column("entity", .text).notNull()
                t.column("entity_code", .text)
                t.column("year", .integer).notNull()
            }
            try db.create(index: "fact_origin_on_document_id", on: "fact_origin", columns: ["document_id"])
            try db.execute(sql: "INSERT INTO fact_origin \(FactStore.originsOfV8Facts)")
        }
        // A fact held its region, province, entity, year, stage and table as text, the same in
        // every fact of a table, and two indexes on them: four B-trees a fact, the writing thread's
        // main work in an ingest (issue #15). Now a fact refers to its origin by number within its
        // document, and `fact_origin` (a few rows a document) answers the filters: facts are found
        // by (document, origin), the table's key.
        m.registerMigration("v9: facts by their origin's number") { db in
            try db.create(table: "fact_origin_v9", options: .withoutRowID) { t in
                t.column("document_id", .integer).notNull().references("document", onDelete: .cascade)
                t.column("origin", .integer).notNull()
                t.column("tbl", .text).notNull()
                t.column("stage", .text).notNull()
                t.column("region", .text).notNull()
                t.column("region_code", .text)
                t.column("province", .text).notNull()
                t.column("entity", .text).notNull()
                t.column("entity_code", .text)
                t.column("year", .integer).notNull()
                t.primaryKey(["document_id", "origin"])
            }
            try db.create(table: "fact_v9", options: .withoutRowID) { t in
                t.column("document_id", .integer).notNull().references("document", onDelete: .cascade)
                t.column("origin", .integer).notNull()
                t.column("seq", .integer).notNull()
                t.column("page", .integer)
                t.column("line", .integer).notNull()
                t.column("col", .integer).notNull()
                t.column("code", .text)
                t.column("item", .text).notNull()
                t.column("measure", .text).notNull()
                t.column("amount_fen", .integer).notNull()
                t.column("source_unit", .text).notNull()
                t.column("derived", .boolean).notNull()
                t.primaryKey(["document_id", "origin", "seq"])
            }
            // Each document's origins numbered in the order of their first fact, as an ingest does.
            try db.execute(sql: """
                INSERT INTO fact_origin_v9
                SELECT document_id, ROW_NUMBER() OVER (PARTITION BY document_id ORDER BY MIN(seq)) - 1,
                       tbl, stage, region, region_code, province, entity, entity_code, year
                FROM fact GROUP BY document_id, tbl, stage, region, region_code, province, entity, entity_code, year;
                INSERT INTO fact_v9
                SELECT f.document_id, o.origin, f.seq, f.page, f.line, f.col, f.code, f.item, f.measure, f.amount_fen,
                       f.source_unit, f.derived
                FROM fact f JOIN fact_origin_v9 o ON o.document_id = f.document_id AND o.tbl = f.tbl AND o.stage = f.stage
                    AND o.region = f.region AND o.region_code IS f.region_code AND o.province = f.province
                    AND o.entity = f.entity AND o.entity_code IS f.entity_code AND o.year = f.year;
                DROP TABLE fact;
                DROP TABLE fact_origin;
                ALTER TABLE fact_v9 RENAME TO fact;
                ALTER TABLE fact_origin_v9 RENAME TO fact_origin;
                """)
            try db.create(index: "fact_origin_by_entity", on: "fact_origin", columns: ["entity", "tbl", "year"])
            try db.create(index: "fact_origin_by_region", on: "fact_origin", columns: ["region", "year"])
        }
        // Store v10: a document's facts of one origin in one row (`FactPack`); SQLite's work per
        // row was most of storing a fact. A table with rowids: a pack is 500 bytes on average and
        // up to a few KB, and a table without rowids keeps no more than a quarter of a page of a
        // row in its page, each pack's rest on pages of their own (1,404 pages for 200 documents'
        // packs, 865 with rowids and the key's index).
        m.registerMigration("v10: facts packed by origin") { db in
            try db.create(table: "fact_pack") { t in
                t.column("document_id", .integer).notNull().references("document", onDelete: .cascade)
                t.column("origin", .integer).notNull()
                t.column("part", .integer).notNull()
                t.column("fact_count", .integer).notNull()
                t.column("facts", .blob).notNull()
                t.primaryKey(["document_id", "origin", "part"])
            }
            let insert = try db.makeStatement(sql: FactPack.insert)
            struct Key: Equatable { let document, origin: Int64 }
            func store(_ key: Key, _ part: Int, _ pack: FactPack.Writer) throws {
                try insert.execute(arguments: [key.document, key.origin, part, pack.count, Data(pack.bytes)])
            }
            var packs = FactPack.Rows<Key>()
            let rows = try Row.fetchCursor(db, sql: """
                SELECT document_id, origin, seq, page, line, col, code, item, measure, amount_fen, source_unit, derived
                FROM fact ORDER BY document_id, origin, line, col, seq
                """)
            while let r = try rows.next() {
                try packs.start(Key(document: try r.decode(Int64.self, atIndex: 0), origin: try r.decode(Int64.self, atIndex: 1)), store: store)
                var item = try r.decode(String.self, atIndex: 7), measure = try r.decode(String.self, atIndex: 8)
                var unit = try r.decode(String.self, atIndex: 10)
                try item.withUTF8 { item in
                    try measure.withUTF8 { measure in
                        try unit.withUTF8 { unit in
                            packs.pack.append(seq: try r.decode(Int.self, atIndex: 2), page: try r.decode(Int?.self, atIndex: 3),
                                              line: try r.decode(Int.self, atIndex: 4), column: try r.decode(Int.self, atIndex: 5),
                                              amountFen: try r.decode(Int64.self, atIndex: 9), derived: try r.decode(Bool.self, atIndex: 11),
                                              code: try r.decode(String?.self, atIndex: 6), item: item, measure: measure, unit: unit)
                        }
                    }
                }
            }
            try packs.finish(store)
            try db.drop(table: "fact")
        }
        return m
    }
}
