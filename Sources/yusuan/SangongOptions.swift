import ArgumentParser
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanReport

extension ComparisonStyle: ExpressibleByArgument {}
extension SangongSort: ExpressibleByArgument {}
extension SangongBase: ExpressibleByArgument {}

/// How “三公” is compared across entities: order, base and changes in percent.
struct SangongCompareOptions: ParsableArguments {
    @Option(help: "Order: latest (latest figure, largest first), change (largest increase first) or name.")
    var sort: SangongSort?
    @Option(help: "Divide by the entity's 一般公共预算财政拨款 total or basic expenditure of the same year: total or basic.")
    var per: SangongBase?
    @Flag(help: "Changes in percent rather than in money (the change chart and --sort change).")
    var percent = false

    /// The tables to load: the base's table too with --per.
    var tables: [TableKind] { per == nil ? [.sangong] : [.sangong, .generalBudgetByFunction] }

    func entities(_ rows: [SangongRow], set: SeriesSet) -> [SangongEntity] {
        SangongComparison.entities(rows, set: set, base: per, sort: sort ?? .latest, percent: percent)
    }
}
