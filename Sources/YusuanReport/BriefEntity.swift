import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanStore

/// One entity's part of the brief: its total, basic against project, the change against the prior
/// year in words, its structure (treemap) and its largest changes (diverging bars and a table).
struct EntitySection {
    let input: AnalysisInput
    let ref: EntityRef
    let doc: StoredDocument
    let unit: MoneyUnit
    let cite: ([String]) -> String

    struct Output {
        var blocks: [DocBlock] = []
        var images: [String] = []
        var summary: String?
    }

    func total(_ t: TableKind, _ m: Measure, _ y: Int) -> Money? {
        input.series.total(of: .init(entity: ref, table: t, measure: m), year: y)
    }

    func build(n: Int, figure: inout Int, outDir: URL, chartOptions: RenderOptions) throws -> Output {
        var out = Output()
        let u = unit, year = doc.identity.year
        out.blocks.append(.heading(3, "（\(n)）\(ref.name)"))
        let table: TableKind = total(.expenditureByFunction, .total, year) != nil ? .expenditureByFunction : .generalBudgetByFunction
        let title = BudgetCharts.tableTitle(table)
        var prose = ""
        if let all = total(table, .total, year) {
            prose = "\(ref.name)\(year)年\(title)\(Prose.amount(all, u))"
            var prior: (Money, String)?
            if let p = total(table, .total, year - 1) { prior = (p, "") }
            else if table == .expenditureByFunction,
                    let p = input.series.rows(of: .init(entity: ref, table: .narrative, measure: .total))
                        .first(where: { $0.item == "支出预算" })?.point(in: year - 1) {
                prior = (p.amount, "（上年数据据情况说明推算）")
            }
            if let (p, note) = prior { prose += "，比\(year - 1)年\(Prose.change(Change(from: p, to: all), u))\(note)" }
            out.summary = prose + "。"
            if let b = total(table, .basic, year), let p = total(table, .project, year) {
                prose += "。其中基本支出\(Prose.amount(b, u))，占\(Percent.ratio(b, all).map(share) ?? "—")；项目支出\(Prose.amount(p, u))，占\(Percent.ratio(p, all).map(share) ?? "—")"
            }
            if prior == nil, table == .expenditureByFunction, let gb = total(.generalBudgetByFunction, .total, year),
               let gbPrior = total(.generalBudgetByFunction, .total, year - 1) {
                prose += "。其中一般公共预算财政拨款\(Prose.amount(gb, u))，比\(year - 1)年\(Prose.change(Change(from: gbPrior, to: gb), u))"
            }
            prose += "。"
        } else {
            prose = "\(ref.name)\(year)年未列出\(title)合计。"
        }
        out.blocks.append(.paragraph(prose))

        if let spec = BudgetCharts.treemap(set: input.series, entity: ref, year: year, table: table, unit: u) {
            figure += 1
            let file = String(format: "entity-%02d-structure.png", n)
            try ChartRenderer.render(spec, to: outDir.appendingPathComponent(file), options: chartOptions)
            out.images.append(file)
            out.blocks.append(.image(file, "\(ref.name)支出结构",
                                     "图\(figure) \(ref.name)\(year)年\(title)结构（类→款，面积与金额成正比）。资料来源：\(cite(spec.sources))。"))
        }
        // Largest changes against the prior year, where a prior year is known.
        var changes: [CompareRow] = []
        for level in [SubjectCode.Level.xiang, .kuan] where changes.isEmpty {
            for t in [TableKind.generalBudgetByFunction, .expenditureByFunction] where changes.isEmpty {
                changes = Reports.compare(input.series, registry: input.registry, yearA: year - 1, yearB: year, table: t, level: level,
                                          filter: ReportFilter(regions: [ref.region], entities: [ref.name]))
                    .filter { [.both, .new, .dropped].contains($0.change.status) }
                if !changes.contains(where: { $0.change.status == .both }) { changes = [] }
            }
        }
        guard let spec = BudgetCharts.change(changes, unit: u) else {
            out.blocks.append(.paragraph("所读文件未列出\(ref.name)\(year - 1)年分科目数，无法比较科目变动。"))
            return out
        }
        let moved = changes.map { ($0, changeAmount($0)) }.filter { $0.1.fen != 0 }
            .sorted { ($0.1.fen.magnitude, $1.0.code) > ($1.1.fen.magnitude, $0.0.code) }
        if let (r, _) = moved.first {
            out.blocks.append(.paragraph("与\(year - 1)年相比，变动最大的科目是“\(r.item)”（\(r.code)），\(Prose.change(r.change, u))。"))
        }
        figure += 1
        let file = String(format: "entity-%02d-change.png", n)
        try ChartRenderer.render(spec, to: outDir.appendingPathComponent(file), options: chartOptions)
        out.images.append(file)
        out.blocks.append(.image(file, "\(ref.name)变动最大的科目",
                                 "图\(figure) \(ref.name)\(year)年比\(year - 1)年变动最大的科目（\(u.rawValue)）。资料来源：\(cite(spec.sources))。"))
        out.blocks.append(.table(["科目编码", "科目名称", "\(year - 1)年", "\(year)年", "增减", "增减%"], [2, 3, 4, 5],
                                 moved.prefix(8).map { r, d in
                                     [r.code, r.item, r.amountA.map { $0.decimalString(in: u, grouping: true) } ?? "—",
                                      r.amountB.map { $0.decimalString(in: u, grouping: true) } ?? "—", Prose.signed(d, u),
                                      r.change.status == .new ? "新增" : r.change.status == .dropped ? "取消" : Prose.percentCell(r.change.percent)]
                                 }))
        return out
    }

    /// A new item counts as its amount, a dropped one as minus its prior amount.
    func changeAmount(_ r: CompareRow) -> Money {
        switch r.change.status {
        case .new: r.amountB ?? .zero
        case .dropped: r.amountA.map { -$0 } ?? .zero
        default: r.change.absolute ?? .zero
        }
    }

    func share(_ p: Percent) -> String { p.decimalString + "%" }
}
