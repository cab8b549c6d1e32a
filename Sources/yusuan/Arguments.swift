import ArgumentParser
import YusuanCore

// Typed option values: help lists the values, parsing accepts the contract's names and Chinese ones.

/// One output vocabulary for every command: what a command cannot print is an error naming what it can.
enum FormatArg: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, jsonl
}

/// A table kind, by its contract name (`sangong`) or a Chinese name (`三公`, `三公经费`, the table's title).
struct TableArg: ExpressibleByArgument, Hashable {
    let kind: TableKind
    init(_ kind: TableKind) { self.kind = kind }
    init?(argument: String) {
        let s = argument.trimmingCharacters(in: .whitespaces)
        if let k = TableKind(rawValue: s) { kind = k; return }
        guard let k = Self.chinese.first(where: { $0.names.contains(s) })?.kind else { return nil }
        kind = k
    }
    static let chinese: [(kind: TableKind, names: [String])] = [
        (.summary, ["收支总表", "部门收支总表", "财政拨款收支总表"]),
        (.incomeByFunction, ["收入", "部门收入", "部门收入总表", "收入总表"]),
        (.expenditureByFunction, ["支出", "部门支出", "部门支出总表", "支出总表"]),
        (.generalBudgetByFunction, ["一般公共预算", "一般公共预算支出", "一般公共预算财政拨款支出", "一般公共预算财政拨款支出表"]),
        (.fundBudgetByFunction, ["政府性基金", "政府性基金预算支出", "政府性基金预算财政拨款支出表"]),
        (.stateCapitalByFunction, ["国有资本经营预算", "国有资本经营预算支出表"]),
        (.basicByEconomic, ["基本支出", "基本支出表"]),
        (.basicByGovEconomic, ["基本支出政府经济分类", "一般公共预算财政拨款基本支出表"]),
        (.projectByEconomic, ["项目支出经济分类"]),
        (.projectByGovEconomic, ["项目支出政府经济分类"]),
        (.sangong, ["三公", "三公经费", "“三公”经费", "三公经费表", "“三公”经费支出表"]),
        (.procurement, ["政府采购", "政府采购预算表"]),
        (.project, ["项目", "项目支出", "项目支出表"]),
        (.specialFund, ["专项资金", "重点专项资金"]),
        (.narrative, ["情况说明", "说明"]),
    ]
    static var allValueStrings: [String] { TableKind.allCases.map(\.rawValue) }
    var defaultValueDescription: String { kind.rawValue }
}

/// A column, by its contract name or in Chinese (`基本支出`).
struct MeasureArg: ExpressibleByArgument, Hashable {
    let measure: Measure
    init(_ m: Measure) { measure = m }
    init?(argument: String) {
        if let m = Measure(rawValue: argument) { measure = m; return }
        guard let m = Self.chinese[argument] else { return nil }
        measure = m
    }
    static let chinese: [String: Measure] = [
        "合计": .total, "总计": .total, "基本支出": .basic, "项目支出": .project, "人员经费": .personnel,
        "公用经费": .operating, "一般公共预算": .generalBudget, "政府性基金": .fundBudget,
        "因公出国（境）": .outbound, "因公出国": .outbound, "公务用车购置": .vehiclePurchase,
        "公务用车运行": .vehicleOperation, "公务接待": .reception,
    ]
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
