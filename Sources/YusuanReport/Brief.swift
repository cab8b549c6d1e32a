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
        // A briefing on 预算: 决算 figures (and a 决算's own figures) never mix into its tables and charts.
        let facts = try store.facts(FactQuery(stages: [.budget]))
        let docYears = Dictionary(docs.map { ($0.name, $0.identity.year) }, uniquingKeysWith: { a, _ in a })
        let input = AnalysisInput(facts: facts, documentYears: docYears, config: options.config)
        var body: [DocBlock] = []
        var images: [String] = []
        var summary: [String] = []
        let u = options.unit
        var figure = 0
        let title = options.title ?? L("brief.title")
        func cite(_ names: [String]) -> String { Prose.titles(names, byName) }
        func chart(_ file: String, _ render: (URL) throws -> Void) rethrows {
            try render(options.outDir.appendingPathComponent(file))
            images.append(file)
        }
        let regions = Set(docs.map(\.identity.regionLabel)).sorted()
        summary.append(L("brief.intro", ["regions": regions.joined(separator: L("list.sep")), "count": String(docs.count)]) + Prose.unitSentence(docs, u))

        // 一、“三公”经费
        body.append(.heading(2, L("brief.h.sangong")))
        let sangong = Sangong.rows(input.series).rows.filter { $0.total != nil }
        if sangong.isEmpty {
            body.append(.paragraph(L("brief.sangong.none")))
            summary.append(L("brief.sangong.none"))
        } else {
            let latest = Dictionary(grouping: sangong, by: \.entity).compactMap { $0.value.max { $0.year < $1.year } }
                .sorted { $0.entity < $1.entity }
            let down = latest.filter { ($0.change?.fen ?? 0) < 0 }.count, up = latest.filter { ($0.change?.fen ?? 0) > 0 }.count
            let flat = latest.filter { $0.change?.fen == 0 }.count
            var s = L("brief.sangong.count", ["count": String(latest.count)])
            let compared = down + up + flat
            if compared > 0 {
                var parts: [String] = []
                if down > 0 { parts.append(L("brief.sangong.down", ["count": String(down)])) }
                if up > 0 { parts.append(L("brief.sangong.up", ["count": String(up)])) }
                if flat > 0 { parts.append(L("brief.sangong.flat", ["count": String(flat)])) }
                s += L("brief.sangong.among", ["parts": parts.joined(separator: L("list.sep"))])
            }
            summary.append(s + L("brief.stop"))
            var lines: [String] = []
            for r in latest {
                var line = L("brief.sangong.line", ["entity": r.entity.name, "year": String(r.year), "amount": Prose.amount(r.total!, u)])
                if let prev = sangong.last(where: { $0.entity == r.entity && $0.year < r.year }) {
                    line += L("brief.vs", ["year": String(prev.year), "change": Prose.change(Change(from: prev.total, to: r.total), u)])
                    if prev.derived { line += L("brief.derivedyear", ["year": String(prev.year)]) }
                }
                lines.append(line + L("brief.stop"))
            }
            body.append(.paragraph(lines.joined()))
            func m(_ x: Money?) -> String { x.map { $0.decimalString(in: u, grouping: true) } ?? "—" }
            body.append(.table(L("brief.th.sangong").components(separatedBy: "|"),
                               [2, 3, 4, 5, 6, 7, 8, 9],
                               sangong.map { r in [r.entity.region, r.entity.name, "\(r.year)\(r.derived ? "*" : "")", m(r.total), m(r.outbound),
                                                   m(r.vehiclePurchase), m(r.vehicleOperation), m(r.reception),
                                                   Prose.signed(r.change, u), Prose.percentCell(r.changePct)] }))
            let sources = BudgetCharts.documents(sangong.map(\.documents))
            // The chart suits the data: a dumbbell when entities have two years, lines for more.
            let entities = SangongComparison.entities(sangong, set: input.series)
            let style = SangongCharts.suitedStyle(years: entities.map(\.rows.count).max() ?? 1)
            if var spec = SangongCharts.spec(entities, options: .init(style: style, unit: u)) {
                spec.sources = sources.map { byName[$0].map(Prose.title) ?? $0 }
                figure += 1
                try chart("sangong.png") { try ChartRenderer.render(spec, to: $0, options: options.chartOptions) }
                body.append(.image("sangong.png", L("brief.fig.sangong.alt"),
                                   L("brief.fig.sangong", ["n": String(figure), "unit": u.rawValue, "sources": cite(sources),
                                                            "what": L(style == .dumbbell ? "brief.fig.sangong.dumbbell" : style == .lines ? "brief.fig.sangong.lines" : "brief.fig.sangong.grouped")])))
            }
        }

        // 二、各单位支出
        body.append(.heading(2, L("brief.h.entities")))
        var n = 0
        var seen = Set<String>()
        let departments = docs.filter { d in d.tables.contains { $0.kind.isFunctional } }
            .sorted { ($0.identity.regionLabel, $0.identity.entity, -$0.identity.year) < ($1.identity.regionLabel, $1.identity.entity, -$1.identity.year) }
        for d in departments {
            let ref = input.registry.ref(region: d.identity.regionLabel, entity: d.identity.entity)
            guard seen.insert("\(ref.region)|\(ref.name)").inserted else { continue }
            n += 1
            let section = try EntitySection(input: input, ref: ref, doc: d, unit: u, cite: cite).build(
                n: n, figure: &figure, outDir: options.outDir, chartOptions: options.chartOptions)
            body += section.blocks
            images += section.images
            if let line = section.summary { summary.append(line) }
        }
        if n == 0 { body.append(.paragraph(L("brief.entities.none"))) }

        // 三、重点专项资金
        let funds = facts.filter { $0.table == .specialFund }
        if !funds.isEmpty {
            body.append(.heading(2, L("brief.h.funds")))
            var byDept: [String: (Int, Money)] = [:]
            for f in funds { let v = byDept[f.entity] ?? (0, .zero); byDept[f.entity] = (v.0 + 1, v.1 + f.amount) }
            let all = funds.reduce(Money.zero) { $0 + $1.amount }
            let sources = Set(funds.map(\.document)).sorted()
            let top = byDept.sorted { ($0.value.1, $1.key) > ($1.value.1, $0.key) }
            let line = L("brief.funds.line", [
                "regions": Set(funds.map(\.region)).sorted().joined(separator: L("list.sep")), "count": String(funds.count),
                "amount": Prose.amount(all, u), "departments": String(byDept.count), "top": top[0].key,
                "topAmount": Prose.amount(top[0].value.1, u), "share": Percent.ratio(top[0].value.1, all).map(share) ?? "—"])
            body.append(.paragraph(line))
            summary.append(line)
            body.append(.table(L("brief.th.funds").components(separatedBy: "|"), [1, 2, 3],
                               top.map { [$0.key, String($0.value.0), $0.value.1.decimalString(in: u, grouping: true), Percent.ratio($0.value.1, all).map(share) ?? "—"] }))
            if let spec = BudgetCharts.specialFunds(funds, unit: u, sources: sources.map { byName[$0].map(Prose.title) ?? $0 }) {
                figure += 1
                try chart("special-funds.png") { try ChartRenderer.render(spec, to: $0, options: options.chartOptions) }
                body.append(.image("special-funds.png", L("brief.fig.funds.alt"), L("brief.fig.funds", ["n": String(figure), "unit": u.rawValue, "sources": cite(sources)])))
            }
        }

        // 附录：读取与核对 (no diagnostic charts in the body)
        var appendix: [DocBlock] = [.heading(2, L("brief.h.appendix"))]
        appendix.append(.table(L("brief.th.read").components(separatedBy: "|"), [3, 5, 6, 7],
                               docs.map { d in [Prose.title(d), d.identity.regionLabel, d.identity.entity + (d.identity.entityCode.map { "（\($0)）" } ?? ""),
                                                String(d.identity.year), d.unit.rawValue, String(d.tables.count), String(d.factCount), String(d.warningCount)] }))
        let findings = try StoreFindings.run(store: store, includeWarnings: true)
        let shown = findings.filter { $0.severity == .error || $0.severity == .warning }
            .sorted { ($0.severity, $0.document, $0.line) < ($1.severity, $1.document, $1.line) }
        let errors = shown.filter { $0.severity == .error }.count, warnings = shown.count - errors
        let rounding = findings.filter { $0.severity == .rounding }.count
        let roundingNote = rounding > 0 ? L("brief.rounding", ["count": String(rounding)]) : ""
        if shown.isEmpty {
            appendix.append(.paragraph(L("brief.check.clean") + roundingNote))
            summary.append(L("brief.check.clean.summary"))
        } else {
            let counts = [errors > 0 ? L("brief.check.errors", ["count": String(errors)]) : nil,
                          warnings > 0 ? L("brief.check.warnings", ["count": String(warnings)]) : nil].compactMap { $0 }.joined(separator: L("list.sep"))
            appendix.append(.paragraph(L("brief.check.found", ["counts": counts]) + roundingNote))
            summary.append(L("brief.check.found.summary", ["counts": counts]))
            let limit = 20
            var items = shown.prefix(limit).map { f in
                L("brief.finding", ["kind": L(f.severity == .error ? "brief.finding.error" : "brief.finding.warning"),
                                    "document": byName[f.document].map(Prose.title) ?? f.document, "line": String(f.line),
                                    "message": Messages.reading(rule: f.rule, message: f.message)])
            }
            if shown.count > limit { items.append(L("brief.findings.more", ["count": String(shown.count - limit)])) }
            appendix.append(.bullets(items))
        }
        let notes: [DocBlock] = [.heading(2, L("brief.h.notes")),
                                 .bullets(docs.map { L("brief.note", ["title": Prose.title($0), "file": $0.name]) })]
        let blocks: [DocBlock] = [.heading(1, title), .heading(2, L("brief.h.summary")), .paragraph(summary.joined())] + body + appendix + notes

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
