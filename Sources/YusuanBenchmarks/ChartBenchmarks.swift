import Benchmark
import Foundation
import YusuanCharts

/// Chart rendering at the default 1600×900: one treemap PNG (target: well under 100 ms in a
/// release build), one bar PNG, one treemap SVG and one bar PDF, each written to a temp dir.
/// Font lookup happens once, before timing, as it does in a real run after the first chart.
func registerChartBenchmarks() {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-bench-charts", isDirectory: true)
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let options = RenderOptions(width: 1600, height: 900)

    let classes: [(String, Double)] = [
        ("一般公共服务支出", 11_637.89), ("科学技术支出", 6_852.86), ("社会保障和就业支出", 848.98),
        ("卫生健康支出", 281.01), ("节能环保支出", 4_833.25), ("城乡社区支出", 32_731.51),
        ("资源勘探工业信息等支出", 32_378.89), ("自然资源海洋气象等支出", 412.23), ("住房保障支出", 308.43),
    ]
    let source = "重庆经济技术开发区管理委员会2025年部门预算"
    let treemap = TreemapSpec(
        title: "2025年一般公共预算支出结构", subtitle: "重庆经济技术开发区管理委员会，按功能分类（类）",
        sources: [source], unit: "万元", nodes: classes.map { TreemapNode(name: $0.0, value: $0.1) })
    let bars = BarChartSpec(
        title: "2025年“三公”经费预算构成", subtitle: "重庆经济技术开发区管理委员会，合计 183.53 万元",
        sources: [source], unit: "万元", categories: ["重庆经济技术开发区管理委员会"],
        series: [BarSeries(name: "因公出国（境）", values: [12.00]), BarSeries(name: "公务用车购置", values: [0]),
                 BarSeries(name: "公务用车运行", values: [109.84]), BarSeries(name: "公务接待", values: [61.69])],
        style: .stacked)
    // Warm-up: resolves the font through fontconfig once.
    _ = try? ChartRenderer.renderData(treemap, format: .png, options: options)

    benchmark("chart treemap png") {
        try ChartRenderer.render(treemap, to: dir.appendingPathComponent("treemap.png"), options: options)
    }
    benchmark("chart bar png") {
        try ChartRenderer.render(bars, to: dir.appendingPathComponent("bar.png"), options: options)
    }
    benchmark("chart treemap svg") {
        try ChartRenderer.render(treemap, to: dir.appendingPathComponent("treemap.svg"), options: options)
    }
    benchmark("chart bar pdf") {
        try ChartRenderer.render(bars, to: dir.appendingPathComponent("bar.pdf"), options: options)
    }
}
