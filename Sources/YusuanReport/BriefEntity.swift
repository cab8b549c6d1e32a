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
        out.blocks.append(.heading(3, L("brief.entity.h", ["n": String(n), "entity": ref.name])))
        let table: TableKind = total(.expenditureByFunction, .total, year) != nil ? .expenditureByFunction : .generalBudgetByFunction
        let title = BudgetCharts.tableTitle(table)
        var prose = ""
        if let all = total(table, .total, year) {
            prose = L("brief.entity.total", ["entity": ref.name, "year": String(year), "table": title, "amount": Prose.amount(all, u)])
            var prior: (Money, String)?
            if let p = total(table, .total, year - 1) { prior = (p, "") }
            else if table == .expenditureByFunction,
                    let p = input.series.rows(of: .init(entity: ref, table: .narrative, measure: .total))
                        .first(where: { $0.item == NarrativeItem.expenditure.rawValue })?.point(in: year - 1) {
                prior = (p.amount, L("brief.entity.derivedprior"))
            }
            if let (p, note) = prior { prose += L("brief.vs", ["year": String(year - 1), "change": Prose.change(Change(from: p, to: all), u)]) + note }
            out.summary = prose + L("brief.stop")
            if let b = total(table, .basic, year), let p = total(table, .project, year) {
                prose += L("brief.entity.split", ["basic": Prose.amount(b, u), "basicShare": Percent.ratio(b, all).map(share) ?? "—",
                                                  "project": Prose.amount(p, u), "projectShare": Percent.ratio(p, all).map(share) ?? "—"])
            }
            if prior == nil, table == .expenditureByFunction, let gb = total(.generalBudgetByFunction, .total, year),
               let gbPrior = total(.generalBudgetByFunction, .total, year - 1) {
                prose += L("brief.entity.gb", ["amount": Prose.amount(gb, u), "year": String(year - 1), "change": Prose.change(Change(from: gbPrior, to: gb), u)])
            }
            prose += L("brief.stop")
        } else {
            prose = L("brief.entity.none", ["entity": ref.name, "year": String(year), "table": title])
        }
        out.blocks.append(.paragraph(prose))

        if let spec = BudgetCharts.treemap(set: input.series, entity: ref, year: year, table: table, unit: u) {
            figure += 1
            let file = String(format: "entity-%02d-structure.png", n)
            try ChartRenderer.render(spec, to: outDir.appendingPathComponent(file), options: chartOptions)
            out.images.append(file)
            out.blocks.append(.image(file, L("brief.fig.structure.alt", ["entity": ref.name]),
                                     L("brief.fig.structure", ["n": String(figure), "entity": ref.name, "year": String(year), "table": title,
                                                               "sources": cite(spec.sources)])))
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
            out.blocks.append(.paragraph(L("brief.entity.nochange", ["entity": ref.name, "year": String(year - 1)])))
            return out
        }
        let moved = changes.map { ($0, changeAmount($0)) }.filter { $0.1.fen != 0 }
            .sorted { ($0.1.fen.magnitude, $1.0.code) > ($1.1.fen.magnitude, $0.0.code) }
        if let (r, _) = moved.first {
            out.blocks.append(.paragraph(L("brief.entity.top", ["year": String(year - 1), "item": r.item, "code": r.code, "change": Prose.change(r.change, u)])))
        }
        figure += 1
        let file = String(format: "entity-%02d-change.png", n)
        try ChartRenderer.render(spec, to: outDir.appendingPathComponent(file), options: chartOptions)
        out.images.append(file)
        out.blocks.append(.image(file, L("brief.fig.change.alt", ["entity": ref.name]),
                                 L("brief.fig.change", ["n": String(figure), "entity": ref.name, "year": String(year), "prior": String(year - 1),
                                                        "unit": u.rawValue, "sources": cite(spec.sources)])))
        out.blocks.append(.table(L("brief.th.change", ["prior": String(year - 1), "year": String(year)]).components(separatedBy: "|"), [2, 3, 4, 5],
                                 moved.prefix(8).map { r, d in
                                     [r.code, r.item, r.amountA.map { $0.decimalString(in: u, grouping: true) } ?? "—",
                                      r.amountB.map { $0.decimalString(in: u, grouping: true) } ?? "—", Prose.signed(d, u),
                                      r.change.status == .new ? L("change.new") : r.change.status == .dropped ? L("change.dropped") : Prose.percentCell(r.change.percent)]
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
