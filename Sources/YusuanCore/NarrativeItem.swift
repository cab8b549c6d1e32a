import Foundation

/// What a standard figure of the narrative (情况说明) is: the `item` of a `narrative` fact (its raw
/// value, as the facts contract prints it). A narrative fact of one 项 (“行政运行（项）…”) carries the
/// 项's name instead, so a fact's item is a `NarrativeItem` only where `init(rawValue:)` says so.
/// The words that name each item and the table lines that print it are data: `narrative-items.tsv`.
public enum NarrativeItem: String, Sendable, CaseIterable, Codable, CaseKeyed {
    case sangong = "三公经费"
    case outbound = "因公出国（境）费"
    case reception = "公务接待费"
    case vehicleTotal = "公务用车购置及运行维护费"
    case vehicleOperation = "公务用车运行维护费"
    case vehiclePurchase = "公务用车购置费"
    /// A 决算's 收入支出总计 includes its carry-overs: neither the income nor the expenditure total.
    case grandTotal = "收支总计"
    case fiscalGrandTotal = "财政拨款收支总计"
    case income = "收入预算"
    case expenditure = "支出预算"
    case generalBudgetIncome = "一般公共预算财政拨款收入"
    case generalBudgetExpenditure = "一般公共预算财政拨款支出"
    case fundBudgetIncome = "政府性基金预算收入"
    case fundBudgetExpenditure = "政府性基金预算支出"
    case stateCapitalIncome = "国有资本经营预算收入"
    case stateCapitalExpenditure = "国有资本经营预算支出"
    case generalBudgetBasic = "一般公共预算财政拨款基本支出"
    case basic = "基本支出"
    case project = "项目支出"
    case personnel = "人员经费"
    case operating = "公用经费"
    case runningCosts = "机关运行经费"
    case procurement = "政府采购预算"
    case procurementGoods = "政府采购货物预算"
    case procurementWorks = "政府采购工程预算"
    case procurementServices = "政府采购服务预算"
    case businessIncome = "事业收入"
    case operatingIncome = "事业单位经营收入"
    case specialAccount = "财政专户管理资金"
    case businessFund = "用事业基金弥补收支差额"
    case otherIncome = "其他收入"
    case carryover = "上年结转"
    case fiscalGrantIncome = "财政拨款收入"

    /// A table line: which table, which row (its item), which column.
    public struct TableLine: Sendable, Hashable {
        public var table: TableKind
        public var item: String
        public var measure: Measure
    }

    /// One row of `narrative-items.tsv`.
    public struct Entry: Sendable {
        public var item: NarrativeItem
        /// Words that name the item just before a figure.
        public var words: [String]
        /// The 三公 part the item is, if it is one.
        public var sangong: Measure?
        /// Table lines that print the same figure, best first.
        public var printedIn: [TableLine]
    }

    /// The catalogue in file order; a row naming an unknown item, measure or table is a defect the
    /// catalogue's test reports (`problems`), and is left out here.
    public static let catalogue: [Entry] = load().entries
    static let byItem: [NarrativeItem: Entry] = Dictionary(catalogue.map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })

    public var words: [String] { Self.byItem[self]?.words ?? [] }
    public var sangongPart: Measure? { Self.byItem[self]?.sangong }
    public var printedIn: [TableLine] { Self.byItem[self]?.printedIn ?? [] }

    /// The rows and what is wrong with any of them (an unknown item, measure or table; a missing item).
    public static func load() -> (entries: [Entry], problems: [String]) {
        var entries: [Entry] = [], problems: [String] = []
        for (n, cells) in Knowledge.rows("narrative-items").enumerated() {
            let c = cells + Array(repeating: "", count: max(0, 4 - cells.count))
            guard let item = NarrativeItem(rawValue: c[0]) else { problems.append("row \(n + 1): unknown item “\(c[0])”"); continue }
            var sangong: Measure?
            if !c[2].isEmpty {
                sangong = Measure(rawValue: c[2])
                if sangong == nil { problems.append("row \(n + 1): unknown measure “\(c[2])”") }
            }
            var lines: [TableLine] = []
            for spec in c[3].split(separator: "|") {
                let p = spec.split(separator: "/").map(String.init)
                guard p.count == 3, let t = TableKind(rawValue: p[0]), let m = Measure(rawValue: p[2]) else {
                    problems.append("row \(n + 1): bad table line “\(spec)”"); continue
                }
                lines.append(TableLine(table: t, item: p[1], measure: m))
            }
            let words = c[1].split(separator: "|").map(String.init)
            if words.isEmpty { problems.append("row \(n + 1): no words for \(item.rawValue)") }
            entries.append(Entry(item: item, words: words, sangong: sangong, printedIn: lines))
        }
        for i in allCases where !entries.contains(where: { $0.item == i }) { problems.append("no row for \(i.rawValue)") }
        return (entries, problems)
    }
}
