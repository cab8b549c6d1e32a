import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanStore

/// The briefing: what was read, “三公” across entities and regions, each entity's spending and its
/// structure and largest changes, and the special funds — with its charts beside it.
public struct Brief {
    public enum Format: String, Sendable, CaseIterable { case md, html, docx }

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
        try BriefFiles.clear(options.outDir)
        let docs = try store.documents()
        let byName = Dictionary(docs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let facts = try store.facts()
        let docYears = Dictionary(docs.map { ($0.name, $0.identity.year) }, uniquingKeysWith: { a, _ in a })
        let input = AnalysisInput(facts: facts, documentYears: docYears, config: options.config)
        var body: [DocBlock] = []
        var images: [String] = []
        var summary: [String] = []
        let u = options.unit
        var figure = 0
        let title = options.title ?? "预算公开简报"
        func cite(_ names: [String]) -> String { Prose.titles(names, byName) }
        func chart(_ file: String, _ render: (URL) throws -> Void) rethrows {
            try render(options.outDir.appendingPathComponent(file))
            images.append(file)
        }
        let regions = Set(docs.map(\.identity.region)).sorted()
        summary.append("本简报依据\(regions.joined(separator: "、"))的\(docs.count)份预算公开文件整理。\(Prose.unitSentence(docs, u))")

        // 一、“三公”经费
        body.append(.heading(2, "一、“三公”经费"))
        let sangong = Sangong.rows(input.series).rows.filter { $0.total != nil }
        if sangong.isEmpty {
            body.append(.paragraph("所读文件均未公开“三公”经费。"))
            summary.append("所读文件均未公开“三公”经费。")
        } else {
            let latest = Dictionary(grouping: sangong, by: \.entity).compactMap { $0.value.max { $0.year < $1.year } }
                .sorted { $0.entity < $1.entity }
            let down = latest.filter { ($0.change?.fen ?? 0) < 0 }.count, up = latest.filter { ($0.change?.fen ?? 0) > 0 }.count
            let flat = latest.filter { $0.change?.fen == 0 }.count
            var s = "\(latest.count)个单位公开了“三公”经费"
            let compared = down + up + flat
            if compared > 0 {
                var parts: [String] = []
                if down > 0 { parts.append("\(down)个比上年减少") }
                if up > 0 { parts.append("\(up)个增加") }
                if flat > 0 { parts.append("\(flat)个持平") }
                s += "，其中" + parts.joined(separator: "、")
            }
            summary.append(s + "。")
            var lines: [String] = []
            for r in latest {
                var line = "\(r.entity.name)\(r.year)年“三公”经费\(Prose.amount(r.total!, u))"
                if let prev = sangong.last(where: { $0.entity == r.entity && $0.year < r.year }) {
                    line += "，比\(prev.year)年\(Prose.change(Change(from: prev.total, to: r.total), u))"
                    if prev.derived { line += "（\(prev.year)年数据据情况说明推算）" }
                }
                lines.append(line + "。")
            }
            body.append(.paragraph(lines.joined()))
            func m(_ x: Money?) -> String { x.map { $0.decimalString(in: u, grouping: true) } ?? "—" }
            body.append(.table(["地区", "单位", "年度", "合计", "因公出国（境）", "公务用车购置", "公务用车运行", "公务接待", "比上年增减", "增减%"],
                               [2, 3, 4, 5, 6, 7, 8, 9],
                               sangong.map { r in [r.entity.region, r.entity.name, "\(r.year)\(r.derived ? "*" : "")", m(r.total), m(r.outbound),
                                                   m(r.vehiclePurchase), m(r.vehicleOperation), m(r.reception),
                                                   Prose.signed(r.change, u), Prose.percentCell(r.changePct)] }))
            let sources = BudgetCharts.documents(sangong.map(\.documents))
            if let spec = BudgetCharts.sangong(sangong, unit: u, sources: sources.map { byName[$0].map(Prose.title) ?? $0 }) {
                figure += 1
                try chart("sangong.png") { try ChartRenderer.render(spec, to: $0, options: options.chartOptions) }
                body.append(.image("sangong.png", "“三公”经费按单位和年度",
                                   "图\(figure) 各单位“三公”经费构成（\(u.rawValue)；年度后带星号的数据据情况说明推算）。资料来源：\(cite(sources))。"))
            }
        }

        // 二、各单位支出
        body.append(.heading(2, "二、各单位支出"))
        var n = 0
        var seen = Set<String>()
        let departments = docs.filter { d in d.tables.contains { $0.kind.isFunctional } }
            .sorted { ($0.identity.region, $0.identity.entity, -$0.identity.year) < ($1.identity.region, $1.identity.entity, -$1.identity.year) }
        for d in departments {
            let ref = input.registry.ref(region: d.identity.region, entity: d.identity.entity)
            guard seen.insert("\(ref.region)|\(ref.name)").inserted else { continue }
            n += 1
            let section = try EntitySection(input: input, ref: ref, doc: d, unit: u, cite: cite).build(
                n: n, figure: &figure, outDir: options.outDir, chartOptions: options.chartOptions)
            body += section.blocks
            images += section.images
            if let line = section.summary { summary.append(line) }
        }
        if n == 0 { body.append(.paragraph("所读文件中没有按功能分类的部门支出表。")) }

        // 三、重点专项资金
        let funds = facts.filter { $0.table == .specialFund }
        if !funds.isEmpty {
            body.append(.heading(2, "三、重点专项资金"))
            var byDept: [String: (Int, Money)] = [:]
            for f in funds { let v = byDept[f.entity] ?? (0, .zero); byDept[f.entity] = (v.0 + 1, v.1 + f.amount) }
            let all = funds.reduce(Money.zero) { $0 + $1.amount }
            let sources = Set(funds.map(\.document)).sorted()
            let top = byDept.sorted { ($0.value.1, $1.key) > ($1.value.1, $0.key) }
            let line = "\(Set(funds.map(\.region)).sorted().joined(separator: "、"))安排重点专项资金\(funds.count)项，合计\(Prose.amount(all, u))，由\(byDept.count)个主管部门管理；金额最多的是\(top[0].key)，\(Prose.amount(top[0].value.1, u))，占\(Percent.ratio(top[0].value.1, all).map(share) ?? "—")。"
            body.append(.paragraph(line))
            summary.append(line)
            body.append(.table(["主管部门", "专项数", "金额", "占比"], [1, 2, 3],
                               top.map { [$0.key, String($0.value.0), $0.value.1.decimalString(in: u, grouping: true), Percent.ratio($0.value.1, all).map(share) ?? "—"] }))
            if let spec = BudgetCharts.specialFunds(funds, unit: u, sources: sources.map { byName[$0].map(Prose.title) ?? $0 }) {
                figure += 1
                try chart("special-funds.png") { try ChartRenderer.render(spec, to: $0, options: options.chartOptions) }
                body.append(.image("special-funds.png", "重点专项资金按主管部门", "图\(figure) 重点专项资金按主管部门（\(u.rawValue)）。资料来源：\(cite(sources))。"))
            }
        }

        // 附录：读取与核对 (no diagnostic charts in the body)
        var appendix: [DocBlock] = [.heading(2, "附录　读取与核对")]
        appendix.append(.table(["文件", "地区", "单位", "年度", "原表单位", "表格", "数据项", "读取警告"], [3, 5, 6, 7],
                               docs.map { d in [Prose.title(d), d.identity.region, d.identity.entity + (d.identity.entityCode.map { "（\($0)）" } ?? ""),
                                                String(d.identity.year), d.unit.rawValue, String(d.tables.count), String(d.factCount), String(d.warningCount)] }))
        let findings = try StoreFindings.run(store: store, includeWarnings: true)
        let shown = findings.filter { $0.severity == .error || $0.severity == .warning }
            .sorted { ($0.severity, $0.document, $0.line) < ($1.severity, $1.document, $1.line) }
        let errors = shown.filter { $0.severity == .error }.count, warnings = shown.count - errors
        let rounding = findings.filter { $0.severity == .rounding }.count
        let roundingNote = rounding > 0 ? "另有\(rounding)处差异在印刷精度的舍入范围内，未列出。" : ""
        if shown.isEmpty {
            appendix.append(.paragraph("逐表核对未发现表内、表间及与情况说明不一致的数字。" + roundingNote))
            summary.append("逐表核对未发现不一致的数字。")
        } else {
            let counts = [errors > 0 ? "\(errors)处数字不一致" : nil, warnings > 0 ? "\(warnings)处需要留意" : nil].compactMap { $0 }
            appendix.append(.paragraph("逐表核对发现" + counts.joined(separator: "、") + "，不一致的在前。" + roundingNote))
            summary.append("逐表核对发现" + counts.joined(separator: "、") + "，详见附录。")
            let limit = 20
            var items = shown.prefix(limit).map { f in
                "**\(f.severity == .error ? "不一致" : "留意")** \(byName[f.document].map(Prose.title) ?? f.document)第\(f.line)行：\(Messages.reading(rule: f.rule, message: f.message))"
            }
            if shown.count > limit { items.append("另有\(shown.count - limit)条，可用 yusuan check --warnings 查看。") }
            appendix.append(.bullets(items))
        }
        let notes: [DocBlock] = [.heading(2, "注　资料来源"),
                                 .bullets(docs.map { "\(Prose.title($0))：文件 \($0.name)" })]
        let blocks: [DocBlock] = [.heading(1, title), .heading(2, "摘要"), .paragraph(summary.joined())] + body + appendix + notes

        var files: [URL] = []
        for format in options.formats {
            switch format {
            case .md:
                let url = options.outDir.appendingPathComponent("brief.md")
                try Data(DocRender.markdown(blocks).utf8).write(to: url)
                files.append(url)
            case .html:
                let url = options.outDir.appendingPathComponent("brief.html")
                let dir = options.outDir
                try Data(DocRender.html(blocks, title: title, image: { try? Data(contentsOf: dir.appendingPathComponent($0)) }).utf8).write(to: url)
                files.append(url)
            case .docx:
                files.append(try BriefFiles.docx(markdown: DocRender.markdown(blocks), in: options.outDir))
            }
        }
        return Result(files: files, images: images, blocks: blocks)
    }

    func share(_ p: Percent) -> String { p.decimalString + "%" }
}
