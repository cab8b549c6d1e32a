import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanStore

/// The briefing: what was read, “三公” across entities and regions, each entity's spending and its
/// structure and largest changes, and the special funds — with its charts beside it.
public struct Brief {
    public enum Format: String, Sendable { case md, html }

    public struct Options: Sendable {
        public var outDir: URL
        public var title: String?
        public var formats: [Format]
        public var unit: MoneyUnit
        public var chartOptions: RenderOptions
        public var config: AnalysisConfig
        public init(outDir: URL, title: String? = nil, formats: [Format] = [.md], unit: MoneyUnit = .wanyuan,
                    chartOptions: RenderOptions = RenderOptions(), config: AnalysisConfig = .empty) {
            self.outDir = outDir; self.title = title; self.formats = formats; self.unit = unit
            self.chartOptions = chartOptions; self.config = config
        }
    }

    public struct Result: Sendable {
        public var files: [URL]
        public var images: [String]
        public var blocks: [DocBlock]
    }

    let store: FactStore
    let options: Options

    public init(store: FactStore, options: Options) {
        self.store = store
        self.options = options
    }

    public func write() throws -> Result {
        try FileManager.default.createDirectory(at: options.outDir, withIntermediateDirectories: true)
        let docs = try store.documents()
        // A briefing on 预算: 决算 figures (and a 决算's own figures) never mix into its tables and charts.
        let facts = try store.facts(FactQuery(stages: [.budget]))
        let docYears = Dictionary(docs.map { ($0.name, $0.identity.year) }, uniquingKeysWith: { a, _ in a })
        let input = AnalysisInput(facts: facts, documentYears: docYears, config: options.config)
        var blocks: [DocBlock] = []
        var images: [String] = []
        let u = options.unit
        let title = options.title ?? "预算公开简报"
        blocks.append(.heading(1, title))
        let regions = Set(docs.map(\.identity.regionLabel)).sorted()
        blocks.append(.paragraph("本简报由 yusuan 根据 \(docs.count) 份预算公开文件生成，涉及 \(regions.joined(separator: "、"))。金额单位：\(u.rawValue)（原表以元为单位的已换算）；带 * 的数由情况说明中的增减表述推算。"))

        // 一、读取情况
        blocks.append(.heading(2, "一、读取情况"))
        blocks.append(.table(["文件", "地区", "单位", "年度", "原表单位", "表格", "数据项", "读取警告"], [3, 5, 6, 7],
                             docs.map { d in [d.name, d.identity.regionLabel, d.identity.entity + (d.identity.entityCode.map { "（\($0)）" } ?? ""),
                                               String(d.identity.year), d.unit.rawValue, String(d.tables.count), String(d.factCount), String(d.warningCount)] }))
        if let spec = BudgetCharts.reading(docs.map { ($0.name, $0.factCount, $0.warningCount) }) {
            let file = "reading.png"
            try ChartRenderer.render(spec, to: options.outDir.appendingPathComponent(file), options: options.chartOptions)
            images.append(file)
            blocks.append(.image(file, "每份文件读出的数据项", "图：每份文件读出的数据项与读取警告（项）。"))
        }
        let findings = try StoreFindings.run(store: store, includeWarnings: true)
        let shown = findings.filter { $0.severity == .error || $0.severity == .warning }
            .sorted { ($0.severity, $0.document, $0.line) < ($1.severity, $1.document, $1.line) }
        let rounding = findings.filter { $0.severity == .rounding }.count
        if shown.isEmpty {
            blocks.append(.paragraph("核对：各文件表内、表间和情况说明的数字相互一致（舍入差异 \(rounding) 处未列出）。"))
        } else {
            blocks.append(.paragraph("核对发现 \(shown.filter { $0.severity == .error }.count) 处错误、\(shown.filter { $0.severity == .warning }.count) 处警告（另有舍入差异 \(rounding) 处未列出），错误在前："))
            let limit = 20
            var items = shown.prefix(limit).map { "**\($0.severity == .error ? "错误" : "警告")** \($0.document) 第 \($0.line) 行：\($0.message)" }
            if shown.count > limit { items.append("……另有 \(shown.count - limit) 条，见 `yusuan check --warnings`") }
            blocks.append(.bullets(items))
        }

        // 二、三公
        blocks.append(.heading(2, "二、“三公”经费"))
        let sangong = Sangong.rows(input.series).rows.filter { $0.total != nil }
        if sangong.isEmpty {
            blocks.append(.paragraph("所读文件中没有“三公”经费数据。"))
        } else {
            func m(_ x: Money?) -> String { x.map { $0.decimalString(in: u, grouping: true) } ?? "—" }
            blocks.append(.table(["地区", "单位", "年度", "合计", "因公出国（境）", "公务用车购置", "公务用车运行", "公务接待", "比上年增减", "增减%"],
                                 [2, 3, 4, 5, 6, 7, 8, 9],
                                 sangong.map { r in [r.entity.region, r.entity.name, "\(r.year)\(r.derived ? "*" : "")", m(r.total), m(r.outbound),
                                                     m(r.vehiclePurchase), m(r.vehicleOperation), m(r.reception),
                                                     r.change.map { signed($0, u) } ?? "—", r.changePct.map(pct) ?? "—"] }))
            // The chart suits the data: a dumbbell when entities have two years, lines for more.
            let entities = SangongComparison.entities(sangong, set: input.series)
            let style = SangongCharts.suitedStyle(years: entities.map(\.rows.count).max() ?? 1)
            if let spec = SangongCharts.spec(entities, options: .init(style: style, unit: u)) {
                let file = "sangong.png"
                try ChartRenderer.render(spec, to: options.outDir.appendingPathComponent(file), options: options.chartOptions)
                images.append(file)
                let what = style == .dumbbell ? "各单位“三公”经费两年对比与增减" : style == .lines ? "各单位“三公”经费逐年变化" : "各单位“三公”经费"
                blocks.append(.image(file, "“三公”经费按单位和年度", "图：\(what)（\(u.rawValue)）。资料来源：\(spec.sources.joined(separator: "、"))。"))
            }
        }

        // 三、各单位
        blocks.append(.heading(2, "三、各单位支出"))
        let departments = docs.filter { d in d.tables.contains { $0.kind.isFunctional } }
        var seen = Set<String>()
        var n = 0
        for d in departments.sorted(by: { ($0.identity.regionLabel, $0.identity.entity, -$0.identity.year) < ($1.identity.regionLabel, $1.identity.entity, -$1.identity.year) }) {
            let ref = input.registry.ref(region: d.identity.regionLabel, entity: d.identity.entity)
            guard seen.insert("\(ref.region)|\(ref.name)").inserted else { continue }
            n += 1
            let year = d.identity.year
            blocks.append(.heading(3, "\(ref.name)（\(ref.region)，\(year)年）"))
            let table: TableKind = input.series.total(of: .init(entity: ref, table: .expenditureByFunction, measure: .total), year: year) != nil
                ? .expenditureByFunction : .generalBudgetByFunction
            func total(_ t: TableKind, _ m: Measure, _ y: Int) -> Money? { input.series.total(of: .init(entity: ref, table: t, measure: m), year: y) }
            var lines: [String] = []
            if let all = total(table, .total, year) {
                var s = "\(year)年\(BudgetCharts.tableTitle(table))合计 **\(all.formatted(in: u))**"
                if let b = total(table, .basic, year), let p = total(table, .project, year) {
                    s += "：基本支出 \(b.formatted(in: u))（占 \(Percent.ratio(b, all).map(share) ?? "—")），项目支出 \(p.formatted(in: u))（占 \(Percent.ratio(p, all).map(share) ?? "—")）"
                }
                lines.append(s + "。")
                // The prior year: the table's own prior-year column, else the narrative's stated change.
                let narrativePrior = input.series.rows(of: .init(entity: ref, table: .narrative, measure: .total))
                    .first { $0.item == "支出预算" }?.point(in: year - 1)
                if let prior = total(table, .total, year - 1) {
                    let c = Change(from: prior, to: all)
                    lines.append("比\(year - 1)年（\(prior.formatted(in: u))）\(c.absolute.map { signed($0, u) } ?? "—")，\(c.percent.map(pct) ?? "—")。")
                } else if table == .expenditureByFunction, let p = narrativePrior {
                    let c = Change(from: p.amount, to: all)
                    lines.append("比\(year - 1)年（\(p.amount.formatted(in: u))*，据情况说明推算）\(c.absolute.map { signed($0, u) } ?? "—")，\(c.percent.map(pct) ?? "—")。")
                } else if table == .expenditureByFunction, let gb = total(.generalBudgetByFunction, .total, year), let gbPrior = total(.generalBudgetByFunction, .total, year - 1) {
                    let c = Change(from: gbPrior, to: gb)
                    lines.append("其中一般公共预算财政拨款 \(gb.formatted(in: u))，比\(year - 1)年（\(gbPrior.formatted(in: u))）\(c.absolute.map { signed($0, u) } ?? "—")，\(c.percent.map(pct) ?? "—")。")
                }
            }
            if !lines.isEmpty { blocks.append(.paragraph(lines.joined())) }
            let sources = [d.name]
            if let spec = BudgetCharts.treemap(set: input.series, entity: ref, year: year, table: table, unit: u, sources: sources) {
                let file = String(format: "entity-%02d-structure.png", n)
                try ChartRenderer.render(spec, to: options.outDir.appendingPathComponent(file), options: options.chartOptions)
                images.append(file)
                blocks.append(.image(file, "\(ref.name)支出结构", "图：\(ref.name) \(year)年\(BudgetCharts.tableTitle(table))结构（类→款，面积与金额成正比）。资料来源：\(d.name)。"))
            }
            // Largest changes against the prior year, where a prior year is known.
            var changes: [CompareRow] = []
            for level in [SubjectCode.Level.xiang, .kuan] where changes.isEmpty {
                for t in [TableKind.generalBudgetByFunction, .expenditureByFunction] where changes.isEmpty {
                    changes = Reports.compare(input.series, registry: input.registry, yearA: year - 1, yearB: year, table: t, level: level,
                                              filter: ReportFilter(regions: [ref.region], entities: [ref.name]))
                        .filter { $0.change.status == .both || $0.change.status == .new || $0.change.status == .dropped }
                    if !changes.contains(where: { $0.change.status == .both }) { changes = [] }
                }
            }
            if let spec = BudgetCharts.change(changes, unit: u, sources: sources) {
                let file = String(format: "entity-%02d-change.png", n)
                try ChartRenderer.render(spec, to: options.outDir.appendingPathComponent(file), options: options.chartOptions)
                images.append(file)
                blocks.append(.image(file, "\(ref.name)变动最大的科目", "图：\(ref.name) \(year)年比\(year - 1)年变动最大的科目（\(u.rawValue)）。资料来源：\(d.name)（\(year - 1)年数取自表中上年预算数列）。"))
                let top = changes.filter { $0.change.absolute != nil }.sorted { ($0.change.absolute!.fen.magnitude, $1.code) > ($1.change.absolute!.fen.magnitude, $0.code) }.prefix(8)
                blocks.append(.table(["科目编码", "科目名称", "\(year - 1)年", "\(year)年", "增减", "增减%"], [2, 3, 4, 5],
                                     top.map { r in [r.code, r.item, r.amountA.map { $0.decimalString(in: u, grouping: true) } ?? "—",
                                                     r.amountB.map { $0.decimalString(in: u, grouping: true) } ?? "—",
                                                     r.change.absolute.map { signed($0, u) } ?? "—", r.change.percent.map(pct) ?? (r.change.status == .new ? "新增" : "—")] }))
            } else {
                blocks.append(.paragraph("（所读文件未给出\(year - 1)年分科目数，无法列出变动。）"))
            }
        }
        if n == 0 { blocks.append(.paragraph("所读文件中没有部门支出表。")) }

        // 四、重点专项资金
        let funds = facts.filter { $0.table == .specialFund }
        if !funds.isEmpty {
            blocks.append(.heading(2, "四、重点专项资金"))
            var byDept: [String: (Int, Money)] = [:]
            for f in funds { let v = byDept[f.entity] ?? (0, .zero); byDept[f.entity] = (v.0 + 1, v.1 + f.amount) }
            let all = funds.reduce(Money.zero) { $0 + $1.amount }
            let sources = Set(funds.map(\.document)).sorted()
            blocks.append(.paragraph("\(Set(funds.map(\.region)).sorted().joined(separator: "、")) 重点专项资金 \(funds.count) 项，合计 **\(all.formatted(in: u))**，由 \(byDept.count) 个主管部门管理。"))
            blocks.append(.table(["主管部门", "专项数", "金额", "占比"], [1, 2, 3],
                                 byDept.sorted { ($0.value.1, $1.key) > ($1.value.1, $0.key) }.map { [$0.key, String($0.value.0), $0.value.1.decimalString(in: u, grouping: true), Percent.ratio($0.value.1, all).map(share) ?? "—"] }))
            if let spec = BudgetCharts.specialFunds(funds, unit: u, sources: sources) {
                let file = "special-funds.png"
                try ChartRenderer.render(spec, to: options.outDir.appendingPathComponent(file), options: options.chartOptions)
                images.append(file)
                blocks.append(.image(file, "重点专项资金按主管部门", "图：重点专项资金按主管部门（\(u.rawValue)）。资料来源：\(sources.joined(separator: "、"))。"))
            }
        }

        var files: [URL] = []
        for format in options.formats {
            switch format {
            case .md:
                let url = options.outDir.appendingPathComponent("brief.md")
                try Data(DocRender.markdown(blocks).utf8).write(to: url)
                files.append(url)
            case .html:
                let url = options.outDir.appendingPathComponent("brief.html")
                try Data(DocRender.html(blocks, title: title).utf8).write(to: url)
                files.append(url)
            }
        }
        return Result(files: files, images: images, blocks: blocks)
    }

    func signed(_ m: Money, _ u: MoneyUnit) -> String { (m.fen > 0 ? "+" : "") + m.formatted(in: u) }
    func pct(_ p: Percent) -> String { (p.hundredths > 0 ? "+" : "") + p.decimalString + "%" }
    func share(_ p: Percent) -> String { p.decimalString + "%" }
}
