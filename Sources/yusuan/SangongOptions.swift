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

    /// `style`: a change chart is sorted by change unless --sort says otherwise.
    func order(for style: ComparisonStyle? = nil) -> SangongSort { sort ?? (style == .change ? .change : .latest) }

    func entities(_ rows: [SangongRow], set: SeriesSet, style: ComparisonStyle? = nil) -> [SangongEntity] {
        SangongComparison.entities(rows, set: set, base: per, sort: order(for: style), percent: percent)
    }
}
