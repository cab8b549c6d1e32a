import Foundation
import GRDB
import YusuanCore

// The store's rows as GRDB records: one `Codable` struct per table, its properties named after the
// columns through `CodingKeys`. Decoding throws on a NULL where a value is required, a wrong type or
// an unknown vocabulary value (the enums' synthesized `Decodable`), instead of guessing a default.

/// A row of `document` (written by `FactStore.insertDocument`, column by column).
struct DocumentRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "document"
    var id: Int64?
    var name: String
    var contentHash: String
    var region: String
    var regionCode: String?
    var province: String
    var entity: String
    var entityCode: String?
    var year: Int
    var stage: Stage
    var unit: MoneyUnit
    /// Stored as the JSON text GRDB writes for a nested `Codable` value (sorted keys).
    var tables: [TableSummary]
    var factCount: Int
    var warningCount: Int
    var byteCount: Int
    var pageCount: Int?
    var amountsPrinted: Int
    var amountsRead: Int
    var amountsOutside: Int
    var sourcePath: String?

    enum CodingKeys: String, CodingKey {
        case id, name, contentHash = "content_hash", region, regionCode = "region_code", province, entity
        case entityCode = "entity_code", year, stage, unit, tables = "tables_json", factCount = "fact_count"
        case warningCount = "warning_count", byteCount = "byte_count", pageCount = "page_count"
        case amountsPrinted = "amounts_printed", amountsRead = "amounts_read", amountsOutside = "amounts_outside"
        case sourcePath = "source_path"
    }

    var stored: StoredDocument {
        StoredDocument(id: id ?? 0, name: name, contentHash: contentHash,
                       identity: DocumentIdentity(region: region, entity: entity, entityCode: entityCode, year: year,
                                                  stage: stage, regionCode: regionCode, province: province),
                       unit: unit, tables: tables, factCount: factCount, warningCount: warningCount,
                       byteCount: byteCount, pageCount: pageCount,
                       coverage: Coverage(printed: amountsPrinted, read: amountsRead, outside: amountsOutside),
                       sourcePath: sourcePath)
    }
}

/// The identifying columns of a row of `document` (`FactStore.documentNames`), read by position
/// from the query's fixed column list: `Codable` decoding by snake-cased name took longer than the
/// query itself (15 ms for a store of a thousand documents). Same checks: a NULL where a value is
/// required, a wrong type or an unknown stage throws.
struct DocumentNameRecord: FetchableRecord {
    typealias Key = DocumentRecord.CodingKeys
    static let columns: [Key] = [.name, .region, .regionCode, .province, .entity, .entityCode, .year, .stage, .sourcePath]
    let stored: StoredName

    init(row: Row) throws {
        // By the column's place in `columns`, which the query lists in that order.
        func value<T: DatabaseValueConvertible>(_ key: Key, _: T.Type = T.self) throws -> T {
            try row.decode(T.self, atIndex: Self.columns.firstIndex(of: key)!)
        }
        let raw: String = try value(.stage)
        guard let stage = Stage(rawValue: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [Key.stage], debugDescription: "unknown value \(raw)"))
        }
        stored = StoredName(name: try value(.name),
                            identity: DocumentIdentity(region: try value(.region), entity: try value(.entity),
                                                       entityCode: try value(.entityCode, String?.self), year: try value(.year),
                                                       stage: stage, regionCode: try value(.regionCode, String?.self),
                                                       province: try value(.province)),
                            sourcePath: try value(.sourcePath, String?.self))
    }
}

/// The columns a fact query reads with each pack: its document's and its origin's.
struct PackOrigin {
    let document: String, documentID: Int64, region: String, regionCode: String?, province: String
    let entity: String, entityCode: String?, year: Int, stage: Stage, table: TableKind, origin: Int64, count: Int

    enum Column: String, CodingKey { case document, id, region, regionCode = "region_code", province, entity,
                                      entityCode = "entity_code", year, stage, tbl, origin, factCount = "fact_count" }

    init(row: Row) throws {
        func value<T: DatabaseValueConvertible>(_ c: Column, _: T.Type = T.self) throws -> T { try row.decode(T.self, forColumn: c.rawValue) }
        func vocabulary<T: RawRepresentable>(_ c: Column) throws -> T where T.RawValue == String {
            let raw: String = try value(c)
            guard let v = T(rawValue: raw) else { throw DecodingError.dataCorrupted(.init(codingPath: [c], debugDescription: "unknown value \(raw)")) }
            return v
        }
        document = try value(.document); documentID = try value(.id); region = try value(.region)
        regionCode = try value(.regionCode, String?.self); province = try value(.province); entity = try value(.entity)
        entityCode = try value(.entityCode, String?.self); year = try value(.year); stage = try vocabulary(.stage)
        table = try vocabulary(.tbl); origin = try value(.origin); count = try value(.factCount)
    }
}

/// A row of `diagnostic`: a reading warning on one line of a document.
struct DiagnosticRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "diagnostic"
    var documentID: Int64
    var line: Int
    var page: Int?
    var severity: Severity
    var rule: String
    var message: String
    /// `Diagnostic.args` as a JSON object (keys sorted), nil without.
    var args: String?

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", line, page, severity, rule, message, args
    }

    static func encode(_ args: [String: String]?) -> String? {
        guard let args, let data = try? JSONSerialization.data(withJSONObject: args, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
    var decodedArgs: [String: String]? {
        args.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
    }
}
