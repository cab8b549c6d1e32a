import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore

extension BudgetCharts {
    /// “三公”经费预算 or “三公”经费决算: a chart's title names the stage of its figures.
    public static func sangongTitle(_ stage: Stage) -> String { L(stage == .final ? "exec.sangong.final" : "exec.sangong.budget") }

    /// 年初预算 and 决算 side by side for one entity and year: its 科目 lines with a budget (or its
    /// “三公” parts), the 合计 and its execution rate in the subtitle.
    public static func execution(_ rows: [ExecutionRow], sangong: Bool = false, limit: Int = 15, unit: MoneyUnit = .wanyuan,
                                 sources: [String]) -> BarChartSpec? {
        let isPart: (ExecutionRow) -> Bool = { $0.code == nil && $0.item != "合计" }
        let lines = rows.filter { sangong ? isPart($0) : $0.code != nil }.filter { $0.budget != nil || $0.final != nil }
        // 科目 lines without a 年初预算 say nothing about execution.
        let shown = Array((sangong ? lines : lines.filter { $0.budget != nil }).prefix(limit))
        guard let first = shown.first else { return nil }
        let total = rows.first { $0.item == "合计" && $0.code == nil }
        let rate = (sangong ? rows.first { $0.item == "“三公”经费合计" } : total)?.rate
        var subtitle = L(sangong ? "exec.subtitle.sangong" : "exec.subtitle.lines")
        if !sangong, let t = total, let b = t.budget, let f = t.final {
            subtitle += L("exec.subtitle.total", ["budget": b.formatted(in: unit), "final": f.formatted(in: unit)])
        }
        if let rate { subtitle += L("exec.subtitle.rate", ["rate": rate.decimalString]) }
        let skipped = lines.count - shown.count
        return BarChartSpec(
            title: L("exec.title", ["entity": first.entity.name, "year": String(first.year)]),
            subtitle: subtitle,
            footnote: skipped > 0 ? L(sangong ? "exec.footnote.skipped.sangong" : "exec.footnote.skipped", ["count": String(skipped)]) : nil,
            sources: sources, unit: unit.rawValue,
            categories: shown.map { r in r.code.map { "\($0) \(r.item)" } ?? r.item },
            series: [BarSeries(name: L("exec.series.budget"), values: shown.map { ($0.budget ?? .zero).value(in: unit) }),
                     BarSeries(name: L("exec.series.final"), values: shown.map { ($0.final ?? .zero).value(in: unit) })],
            style: .grouped)
    }
}
