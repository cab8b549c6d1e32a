import Foundation
import YusuanCore

/// A value in an analysis output, formatted only when rendered.
public enum Cell: Hashable, Sendable {
    case text(String)
    case int(Int)
    case money(Money?)
    case percent(Percent?)
    /// A difference of two percentages: the same number as `.percent` in JSON and CSV, printed
    /// in a table without `%` (its header names 个百分点).
    case points(Percent?)
    case bool(Bool)
    case texts([String])
    case ints([Int])
    /// A word for people and a code for scripts: `新增` in tables, `"new"` in JSON and CSV.
    case coded(display: String, code: String)
    case null

    /// JSON text: amounts as numbers in `unit` rounded to 2 places (exact decimal, no float),
    /// percentages as numbers rounded to 2 places, null where undefined.
    public func json(unit: MoneyUnit) -> String {
        switch self {
        case .text(let s): return JSONText.string(s)
        case .int(let i): return String(i)
        case .money(let m): return m.map { $0.decimalString(in: unit, places: 2) } ?? "null"
        case .percent(let p), .points(let p): return p?.decimalString ?? "null"
        case .bool(let b): return b ? "true" : "false"
        case .texts(let a): return "[" + a.map(JSONText.string).joined(separator: ",") + "]"
        case .ints(let a): return "[" + a.map(String.init).joined(separator: ",") + "]"
        case .coded(_, let code): return JSONText.string(code)
        case .null: return "null"
        }
    }

    /// CSV field text (before quoting): plain numbers, empty for null, lists joined by `;`.
    public func csv(unit: MoneyUnit) -> String {
        switch self {
        case .text(let s): return s
        case .int(let i): return String(i)
        case .money(let m): return m.map { $0.decimalString(in: unit, places: 2) } ?? ""
        case .percent(let p), .points(let p): return p?.decimalString ?? ""
        case .bool(let b): return b ? "true" : "false"
        case .texts(let a): return a.joined(separator: ";")
        case .ints(let a): return a.map(String.init).joined(separator: ";")
        case .coded(_, let code): return code
        case .null: return ""
        }
    }

    /// Text for a terminal table: thousands separators, `%` on percentages, `-` for undefined.
    public func display(unit: MoneyUnit) -> String {
        switch self {
        case .money(let m): return m.map { $0.decimalString(in: unit, places: 2, grouping: true) } ?? "-"
        case .percent(let p): return p.map { $0.decimalString + "%" } ?? "-"
        case .points(let p): return p?.decimalString ?? "-"
        case .bool(let b): return b ? L("yes") : ""
        case .texts(let a): return a.joined(separator: "、")
        case .ints(let a): return a.map(String.init).joined(separator: ",")
        case .coded(let display, _): return display
        case .null: return "-"
        default: return csv(unit: unit)
        }
    }

    public var isNumeric: Bool {
        switch self { case .int, .money, .percent, .points: true; default: false }
    }
}

/// Rows of named cells: the one shape every analysis command prints as table, CSV or JSON.
public struct ReportTable: Sendable {
    public var columns: [String]
    public var rows: [[Cell]]
    /// Column headers for people (terminal table); defaults to `columns`.
    public var headers: [String]
    /// Columns whose values are numbers (right-aligned in a table).
    public var numericColumns: Set<Int>
    /// Columns shown in tables and CSV but left out of JSON, whose shape facts.md fixes.
    public var notInJSON: Set<String>
    /// Columns left out of terminal tables (provenance a footnote lists instead).
    public var notInTable: Set<String>

    public init(columns: [String], headers: [String]? = nil, rows: [[Cell]], notInJSON: Set<String> = [],
                notInTable: Set<String> = []) {
        self.columns = columns; self.rows = rows; self.notInJSON = notInJSON; self.notInTable = notInTable
        self.headers = headers ?? columns
        var numeric = Set<Int>()
        for i in columns.indices where rows.contains(where: { $0[i].isNumeric }) { numeric.insert(i) }
        numericColumns = numeric
    }

    /// A JSON array of objects, keys in column order, one object per line.
    public func json(unit: MoneyUnit) -> String {
        if rows.isEmpty { return "[]\n" }
        let objects = rows.map { row in
            "  {" + zip(columns, row).filter { !notInJSON.contains($0.0) }
                .map { JSONText.string($0) + ": " + $1.json(unit: unit) }.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// RFC 4180 CSV with a header row, UTF-8 with a BOM (as `yusuan export` writes it), CRLF line ends.
    public func csv(unit: MoneyUnit) -> String {
        var out = "\u{FEFF}" + columns.map(Self.quote).joined(separator: ",") + "\r\n"
        for row in rows { out += row.map { FactExport.csvField($0.csv(unit: unit), numeric: $0.isNumeric) }.joined(separator: ",") + "\r\n" }
        return out
    }

    /// Display strings for a terminal table.
    public func displayRows(unit: MoneyUnit) -> [[String]] {
        rows.map { $0.map { $0.display(unit: unit) } }
    }

    static func quote(_ s: String) -> String { FactExport.csvField(s) }
}

/// JSON strings are escaped once, by the export contract's writer.
enum JSONText {
    static func string(_ s: String) -> String { FactExport.jsonString(s) }
}

/// The output shapes of the analysis commands (facts.md, "Analysis outputs").
public enum ReportTables {
    public static func sangong(_ rows: [SangongRow], stage: Stage = .budget) -> ReportTable {
        ReportTable(
            columns: ["region", "entity", "year", "total", "outbound", "vehicle_purchase", "vehicle_operation",
                      "reception", "derived", "change", "change_pct", "stage", "sources", "places"],
            headers: ["地区", "单位", "年度", "合计", "因公出国（境）", "公务用车购置", "公务用车运行",
                      "公务接待", "推算", "增减", "增减%", "阶段", "资料来源", "出处"],
            rows: rows.map { r in
                [.text(r.entity.region), .text(r.entity.name), .int(r.year), .money(r.total), .money(r.outbound),
                 .money(r.vehiclePurchase), .money(r.vehicleOperation), .money(r.reception),
                 .bool(r.derived),
                 .money(r.change), .percent(r.changePct), stageCell(r.stage), .texts(r.sources), .texts(r.places.map(\.text))]
            }, notInTable: ["stage", "sources", "places"])
    }

    static func stageCell(_ s: Stage) -> Cell { .coded(display: s == .final ? "决算" : "预算", code: s.rawValue) }

    public static func compare(_ rows: [CompareRow], stage: Stage = .budget) -> ReportTable {
        ReportTable(
            columns: ["region", "entity", "code", "item", "level", "year_a", "amount_a", "year_b", "amount_b",
                      "change", "change_pct", "share_a", "share_b", "status", "stage", "sources", "places"],
            headers: ["地区", "单位", "科目编码", "科目名称", "级次", "年度A", "金额A", "年度B", "金额B",
                      "增减", "增减%", "占比A%", "占比B%", "状态", "阶段", "资料来源", "出处"],
            rows: rows.map { r in
                [.text(r.entity.region), .text(r.entity.name), .text(r.code), .text(r.item), .text(r.level.rawValue),
                 .int(r.yearA), .money(r.amountA), .int(r.yearB), .money(r.amountB), .money(r.change.absolute),
                 .percent(r.change.percent), .percent(r.shareA), .percent(r.shareB),
                 .coded(display: r.change.status.label, code: r.change.status.rawValue), stageCell(r.stage), .texts(r.sources),
                 .texts(r.places.map(\.text))]
            }, notInTable: ["stage", "sources", "places"])
            // `status` extends the facts.md shape by one key (both, new, dropped, missing): a new
            // item is marked new.
    }

    public static func shares(_ rows: [ShareRow]) -> ReportTable {
        ReportTable(
            columns: ["region", "entity", "code", "item", "level", "year", "amount", "share", "share_of_parent", "rank", "sources"],
            headers: ["地区", "单位", "科目编码", "科目名称", "级次", "年度", "金额", "占比%", "占上级%", "排名", "资料来源"],
            rows: rows.map { r in
                [.text(r.entity.region), .text(r.entity.name), .text(r.code), .text(r.item), .text(r.level.rawValue),
                 .int(r.year), .money(r.amount), .percent(r.share), .percent(r.shareOfParent), .int(r.rank), .texts(r.sources)]
            }, notInTable: ["sources"])
    }

    /// One row per entity and year; `cagr` repeats on every row of a series (over the years shown).
    public static func trend(_ rows: [TrendRow]) -> ReportTable {
        var out: [[Cell]] = []
        for r in rows {
            for p in r.points {
                // Names in the table's language, the contract's codes in CSV and JSON.
                out.append([.text(r.key.entity.region), .text(r.key.entity.name),
                            .coded(display: L("table." + r.key.table.rawValue), code: r.key.table.rawValue),
                            r.key.code.map(Cell.text) ?? .null, .text(r.item), .int(p.year), .money(p.amount),
                            .coded(display: L("point." + p.source.rawValue), code: p.source.rawValue), .money(p.change?.absolute), .percent(p.change?.percent),
                            .percent(r.cagr), .texts(p.document.isEmpty ? [] : [p.document]), .texts(p.place.map { [$0.text] } ?? [])])
            }
        }
        return ReportTable(
            columns: ["region", "entity", "table", "code", "item", "year", "amount", "source", "change",
                      "change_pct", "cagr", "sources", "places"],
            headers: ["地区", "单位", "表", "科目编码", "科目名称", "年度", "金额", "来源", "增减", "增减%", "年均增长%", "资料来源", "出处"],
            rows: out, notInTable: ["sources", "places"])
    }

    public static func entities(_ records: [EntityRecord]) -> ReportTable {
        ReportTable(
            columns: ["region", "entity", "entity_codes", "aliases", "groups", "years", "documents"],
            headers: ["地区", "单位", "单位编码", "别名", "对比组", "年度", "文件"],
            rows: records.map { r in
                [.text(r.region), .text(r.name), .texts(r.entityCodes), .texts(r.aliases), .texts(r.groups),
                 .ints(r.years), .texts(r.documents)]
            })
    }

    public static func subjects(_ usages: [Reports.SubjectUsage], catalogue: SubjectCatalogue) -> ReportTable {
        ReportTable(
            columns: ["code", "level", "name", "parents", "printed_names", "differences", "years", "documents"],
            headers: ["科目编码", "级次", "规范名称", "上级科目", "印刷名称", "差异", "年度", "文件"],
            rows: usages.map { u in
                let sc = SubjectCode(u.code)
                let parents = sc.map { catalogue.resolve($0).parents.map { "\($0.code.digits) \($0.name ?? "?")" } } ?? []
                let diffs = u.differences.map { d -> String in
                    switch d {
                    case .matches: return ""
                    case let .differs(p, c): return "\(p) ≠ \(c)"
                    case let .otherYearName(p, c, span): return "\(p) (name of \(span)) ≠ \(c)"
                    case .unknownCode: return "not in catalogue"
                    }
                }
                return [.text(u.code), .text(sc?.level.rawValue ?? ""), u.canonicalName.map(Cell.text) ?? .null,
                        .texts(parents), .texts(u.printedNames), .texts(diffs), .ints(u.years), .texts(u.documents)]
            })
    }
}
