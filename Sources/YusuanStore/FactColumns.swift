import Foundation
import GRDB
import GRDBSQLite
import YusuanCore

/// The columns of a fact query's rows (`d.name AS document, f.*`), found by name once per query;
/// every row is then read by position. GRDB's `Codable` decoding looked each of the 20 columns up
/// by name in every row: most of the time of reading a chart's few hundred facts. Same checks as
/// the `Codable` record: a NULL where a value is required, a wrong type or an unknown vocabulary
/// value throws, said as the column and what it holds (`FactStore.describeDecodingFailure`).
struct FactColumns {
    typealias Key = FactRecord.CodingKeys
    private let names: [String]
    private let document, line, col, region, entity, entityCode, year, stage, tbl, code, item, measure: Int
    private let amountFen, sourceUnit, derived, page, regionCode, province: Int
    /// Per column that yusuan writes as integers (true) or text (false), by position.
    private let kinds: [(index: Int, integer: Bool)]

    /// Nil when a column is missing (the store's opening checks them; the `Codable` path then says which).
    init?(_ row: Row) {
        let names = Array(row.columnNames)
        func at(_ name: String) -> Int? { names.firstIndex(of: name) }
        guard let document = at("document"), let line = at(Key.line.rawValue), let col = at(Key.col.rawValue),
              let region = at(Key.region.rawValue), let entity = at(Key.entity.rawValue),
              let entityCode = at(Key.entityCode.rawValue), let year = at(Key.year.rawValue), let stage = at(Key.stage.rawValue),
              let tbl = at(Key.tbl.rawValue), let code = at(Key.code.rawValue), let item = at(Key.item.rawValue),
              let measure = at(Key.measure.rawValue), let amountFen = at(Key.amountFen.rawValue),
              let sourceUnit = at(Key.sourceUnit.rawValue), let derived = at(Key.derived.rawValue), let page = at(Key.page.rawValue),
              let regionCode = at(Key.regionCode.rawValue), let province = at(Key.province.rawValue) else { return nil }
        self.names = names
        self.document = document; self.line = line; self.col = col; self.region = region; self.entity = entity
        self.entityCode = entityCode; self.year = year; self.stage = stage; self.tbl = tbl; self.code = code; self.item = item
        self.measure = measure; self.amountFen = amountFen; self.sourceUnit = sourceUnit; self.derived = derived
        self.page = page; self.regionCode = regionCode; self.province = province
        let kinds = FactStore.storageKinds["fact"] ?? [:]
        self.kinds = names.indices.compactMap { i in kinds[names[i]].map { (i, $0) } }
    }

    /// The storage check of `FactStore.wrongStorage`, by position, for the row `statement` is on:
    /// each column's storage class as SQLite has it (`sqlite3_column_type`, before any conversion
    /// reading the row makes). Taking each value as a `DatabaseValue` copied every text out of the
    /// row: a fifth of a full export's time.
    func wrongStorage(_ row: Row, _ statement: SQLiteStatement) -> String? {
        for (i, integer) in kinds {
            switch sqlite3_column_type(statement, Int32(i)) {
            case SQLITE_NULL: continue
            case SQLITE_INTEGER where integer, SQLITE_TEXT where !integer: continue
            default: return "fact.\(names[i]) holds \((row[i] as DatabaseValue).description.prefix(40))"
            }
        }
        return nil
    }

    func fact(_ row: Row) throws -> Fact {
        func vocabulary<T: RawRepresentable>(_ i: Int, _ key: Key) throws -> T where T.RawValue == String {
            let raw = try row.decode(String.self, atIndex: i)
            guard let value = T(rawValue: raw) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "unknown value \(raw)"))
            }
            return value
        }
        return Fact(document: try row.decode(String.self, atIndex: document),
                    line: try row.decode(Int.self, atIndex: line), column: try row.decode(Int.self, atIndex: col),
                    region: try row.decode(String.self, atIndex: region), entity: try row.decode(String.self, atIndex: entity),
                    entityCode: try row.decode(String?.self, atIndex: entityCode), year: try row.decode(Int.self, atIndex: year),
                    stage: try vocabulary(stage, .stage), table: try vocabulary(tbl, .tbl), code: try row.decode(String?.self, atIndex: code),
                    item: try row.decode(String.self, atIndex: item), measure: try vocabulary(measure, .measure),
                    amount: Money(fen: try row.decode(Int64.self, atIndex: amountFen)), sourceUnit: try vocabulary(sourceUnit, .sourceUnit),
                    derived: try row.decode(Bool.self, atIndex: derived), page: try row.decode(Int?.self, atIndex: page),
                    regionCode: try row.decode(String?.self, atIndex: regionCode),
                    province: try row.decode(String.self, atIndex: province))
    }
}
