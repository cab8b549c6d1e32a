import Foundation
@testable import YusuanCharts

/// Real figures from 重庆经济技术开发区管理委员会's 2025 budget disclosure (万元).
enum Fixtures {
    static let entity = "重庆经济技术开发区管理委员会"
    static let sangongParts = ["因公出国（境）", "公务用车购置", "公务用车运行", "公务接待"]
    static let sangong2025: [Double] = [12.00, 0, 109.84, 61.69]
    static let sangongTotal = 183.53

    static let classes: [(String, Double)] = [
        ("一般公共服务支出", 11_637.89), ("科学技术支出", 6_852.86), ("社会保障和就业支出", 848.98),
        ("卫生健康支出", 281.01), ("节能环保支出", 4_833.25), ("城乡社区支出", 32_731.51),
        ("资源勘探工业信息等支出", 32_378.89), ("自然资源海洋气象等支出", 412.23), ("住房保障支出", 308.43),
    ]
    static var classTotal: Double { classes.reduce(0) { $0 + $1.1 } }

    static let source = "重庆经济技术开发区管理委员会2025年部门预算"

    static func sangongStacked() -> BarChartSpec {
        BarChartSpec(title: "2025年“三公”经费预算构成", subtitle: entity + "，合计 183.53 万元",
                     footnote: "公务用车购置预算为 0", sources: [source], unit: "万元",
                     categories: [entity],
                     series: zip(sangongParts, sangong2025).map { BarSeries(name: $0.0, values: [$0.1]) },
                     style: .stacked)
    }

    static func sangongBars() -> BarChartSpec {
        BarChartSpec(title: "2025年“三公”经费预算", subtitle: entity, sources: [source], unit: "万元",
                     categories: sangongParts + ["合计"],
                     series: [BarSeries(name: "2025年", values: sangong2025 + [sangongTotal])], style: .grouped)
    }

    /// Two years side by side. The 2024 column is illustrative test data, not a disclosure.
    static func classesGrouped() -> BarChartSpec {
        BarChartSpec(title: "一般公共预算支出按功能分类", subtitle: "2024年与2025年预算对比（2024年为测试数据）",
                     sources: [source], unit: "万元", categories: classes.map(\.0),
                     series: [BarSeries(name: "2024年", values: classes.map { ($0.1 * 0.93).rounded() }),
                              BarSeries(name: "2025年", values: classes.map(\.1))],
                     style: .grouped)
    }

    /// Changes by 类 (illustrative test data, with decreases).
    static func classesDiverging() -> BarChartSpec {
        let deltas: [Double] = [1_210.5, -845.32, 102.4, -35.8, 2_100.0, -4_410.27, 6_380.9, 12.3, -60.0]
        return BarChartSpec(title: "一般公共预算支出较上年增减", subtitle: "按功能分类（类），测试数据",
                            sources: [source], unit: "万元", categories: classes.map(\.0),
                            series: [BarSeries(name: "增减", values: deltas)], style: .diverging)
    }

    static func classTreemap(mode: TreemapColorMode = .byClass) -> TreemapSpec {
        let changes: [Double?] = [0.084, -0.12, 0.031, nil, 0.45, -0.062, 0.21, -0.3, 0.0]
        return TreemapSpec(title: "2025年一般公共预算支出结构", subtitle: entity + "，按功能分类（类）",
                           sources: [source], unit: "万元",
                           nodes: zip(classes, changes).map { TreemapNode(name: $0.0.0, value: $0.0.1, change: $0.1) },
                           colorMode: mode)
    }

    /// Two levels, 类 → 款. The 款 split is illustrative test data that sums to each 类.
    static func nestedTreemap(mode: TreemapColorMode = .byClass) -> TreemapSpec {
        func split(_ total: Double, _ parts: [(String, Double)]) -> [TreemapNode] {
            var nodes = parts.map { TreemapNode(name: $0.0, value: ($0.1 * total * 100).rounded() / 100, change: $0.1 - 0.4) }
            let rest = total - nodes.reduce(0) { $0 + $1.value! }
            nodes[0].value = (nodes[0].value! + rest)
            return nodes
        }
        var nodes: [TreemapNode] = []
        for (name, v) in classes {
            switch name {
            case "城乡社区支出":
                nodes.append(TreemapNode(name: name, children: split(v, [("城乡社区公共设施", 0.62), ("城乡社区管理事务", 0.23), ("城乡社区环境卫生", 0.1), ("其他城乡社区支出", 0.05)])))
            case "资源勘探工业信息等支出":
                nodes.append(TreemapNode(name: name, children: split(v, [("支持中小企业发展和管理支出", 0.55), ("工业和信息产业监管", 0.3), ("其他资源勘探工业信息等支出", 0.15)])))
            case "一般公共服务支出":
                nodes.append(TreemapNode(name: name, children: split(v, [("政府办公厅（室）及相关机构事务", 0.5), ("发展与改革事务", 0.2), ("财政事务", 0.15), ("商贸事务", 0.1), ("人力资源事务", 0.05)])))
            default:
                nodes.append(TreemapNode(name: name, value: v, change: 0.05))
            }
        }
        return TreemapSpec(title: "2025年一般公共预算支出：类与款", subtitle: entity + "（款级拆分为测试数据）",
                           sources: [source], unit: "万元", nodes: nodes, colorMode: mode)
    }
}
