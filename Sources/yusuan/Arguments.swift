import ArgumentParser
import YusuanCore
import Foundation

// Typed option values: help lists the values, parsing accepts the contract's names and Chinese ones.

/// One output vocabulary for every command: what a command cannot print is an error naming what it can.
enum FormatArg: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, jsonl
}

/// A table kind, by its contract name (`sangong`) or a Chinese name (`三公`, `三公经费`, the table's title;
/// `Resources/table-names.tsv`).
struct TableArg: ExpressibleByArgument, Hashable {
    let kind: TableKind
    init(_ kind: TableKind) { self.kind = kind }
    init?(argument: String) {
        guard let k = Names.table(argument) else { return nil }
        kind = k
    }
    static var allValueStrings: [String] { TableKind.allCases.map(\.rawValue) }
    var defaultValueDescription: String { kind.rawValue }
}

/// A column, by its contract name or in Chinese (`基本支出`).
struct MeasureArg: ExpressibleByArgument, Hashable {
    let measure: Measure
    init(_ m: Measure) { measure = m }
    init?(argument: String) {
        guard let m = Names.measure(argument) else { return nil }
        measure = m
    }
    static var allValueStrings: [String] { Measure.allCases.map(\.rawValue) }
    var defaultValueDescription: String { measure.rawValue }
}

/// A 科目 level, or all levels.
enum LevelArg: String, ExpressibleByArgument, CaseIterable {
    case lei = "类", kuan = "款", xiang = "项", all
    init?(argument: String) {
        switch argument {
        case "类", "class": self = .lei
        case "款", "section": self = .kuan
        case "项", "item": self = .xiang
        case "all", "全部": self = .all
        default: return nil
        }
    }
    var level: SubjectCode.Level? {
        switch self { case .lei: .lei; case .kuan: .kuan; case .xiang: .xiang; case .all: nil }
    }
}

/// 预算 or 决算.
enum StageArg: String, ExpressibleByArgument, CaseIterable {
    case budget, final
    init?(argument: String) {
        switch argument {
        case "budget", "预算": self = .budget
        case "final", "决算": self = .final
        default: return nil
        }
    }
    var stage: Stage { self == .final ? .final : .budget }
}

/// Unit of amounts in outputs.
enum AnalysisUnit: String, ExpressibleByArgument, CaseIterable {
    case wanyuan = "万元", yuan = "元"
    var unit: MoneyUnit { self == .yuan ? .yuan : .wanyuan }
}

/// Treemap colouring.
enum ColorArg: String, ExpressibleByArgument, CaseIterable {
    case `class`, change
}

extension FormatArg {
    /// The format an output file's extension names (`.csv`, `.json`, `.jsonl`), nil for any other.
    static func forPath(_ path: String?) -> FormatArg? {
        guard let path else { return nil }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": return .csv
        case "json": return .json
        case "jsonl", "ndjson": return .jsonl
        default: return nil
        }
    }
}

/// What `export` writes: the fact formats only, so help lists exactly what it accepts.
enum ExportFormatArg: String, ExpressibleByArgument, CaseIterable {
    case jsonl, json, csv
}

/// A functional table (`execution --table`), by its contract or Chinese name; help lists the functional ones.
struct FunctionalTableArg: ExpressibleByArgument, Hashable {
    let kind: TableKind
    init(_ kind: TableKind) { self.kind = kind }
    init?(argument: String) {
        guard let k = Names.table(argument), k.isFunctional else { return nil }
        kind = k
    }
    static var allValueStrings: [String] { TableKind.allCases.filter(\.isFunctional).map(\.rawValue) }
    var defaultValueDescription: String { kind.rawValue }
}
