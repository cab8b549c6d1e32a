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
    @Option(help: ArgumentHelp(L("opt.sangong-sort")))
    var sort: SangongSort?
    @Option(help: ArgumentHelp(L("opt.sangong-per")))
    var per: SangongBase?
    @Flag(help: ArgumentHelp(L("opt.sangong-percent")))
    var percent = false

    /// The tables to load: the base's table too with --per.
    var tables: [TableKind] { per == nil ? [.sangong] : [.sangong, .generalBudgetByFunction] }

    func entities(_ rows: [SangongRow], set: SeriesSet) -> [SangongEntity] {
        SangongComparison.entities(rows, set: set, base: per, sort: sort ?? .latest, percent: percent)
    }
}
