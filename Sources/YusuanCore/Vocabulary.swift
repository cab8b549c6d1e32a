import Foundation

/// What a number is part of: the `table` vocabulary of the facts contract.
public enum TableKind: String, Sendable, Codable, CaseIterable, CaseKeyed {
    case summary
    case incomeByFunction = "income_by_function"
    case expenditureByFunction = "expenditure_by_function"
    case generalBudgetByFunction = "general_budget_by_function"
    case fundBudgetByFunction = "fund_budget_by_function"
    case stateCapitalByFunction = "state_capital_by_function"
    case basicByEconomic = "basic_by_economic"
    case basicByGovEconomic = "basic_by_gov_economic"
    case projectByEconomic = "project_by_economic"
    case projectByGovEconomic = "project_by_gov_economic"
    case sangong
    case procurement
    case project
    case specialFund = "special_fund"
    case narrative

    /// Tables whose rows are functional 科目 (类/款/项).
    public var isFunctional: Bool {
        switch self {
        case .incomeByFunction, .expenditureByFunction, .generalBudgetByFunction,
             .fundBudgetByFunction, .stateCapitalByFunction: return true
        default: return false
        }
    }
    /// Tables whose rows are economic 科目 (类/款).
    public var isEconomic: Bool {
        switch self {
        case .basicByEconomic, .basicByGovEconomic, .projectByEconomic, .projectByGovEconomic: return true
        default: return false
        }
    }
}

/// Which column a number comes from: the `measure` vocabulary of the facts contract.
public enum Measure: String, Sendable, Codable, CaseIterable, CaseKeyed {
    case total, basic, project, personnel, operating
    case generalBudget = "general_budget"
    case fundBudget = "fund_budget"
    case stateCapital = "state_capital"
    case specialAccount = "special_account"
    case business
    case superiorGrant = "superior_grant"
    case subordinate, carryover, other
    /// 财政拨款收入 of a 决算's 收入决算表: the three fiscal grants printed as one column (an addition
    /// to the contract's income sources).
    case fiscalGrant = "fiscal_grant"
    case outbound
    case vehicleTotal = "vehicle_total"
    case vehiclePurchase = "vehicle_purchase"
    case vehicleOperation = "vehicle_operation"
    case reception
    case goods, works, services
}

/// 预算 or 决算.
public enum Stage: String, Sendable, Codable, CaseIterable, CaseKeyed {
    case budget, final
}

/// How serious a finding or a warning is.
public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning, rounding, info
    private var rank: Int { switch self { case .error: 0; case .warning: 1; case .rounding: 2; case .info: 3 } }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
