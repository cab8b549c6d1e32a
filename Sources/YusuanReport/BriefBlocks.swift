import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanStore

/// The brief's model in words, as document blocks, the way an office writes a 简报: a 摘要 first,
/// figures in words, documents cited by title, numbered figures with captions naming their sources.
struct BriefBlocks {
    let model: BriefModel
    private let byName: [String: StoredDocument]
    private var u: MoneyUnit { model.unit }
    /// Figure numbers follow the order of `model.charts`.
    private var figure = 0
    private var summary: [String] = []

    static func blocks(_ model: BriefModel) -> [DocBlock] {
        var b = BriefBlocks(model: model)
        return b.build()
    }

    private init(model: BriefModel) {
        self.model = model
        byName = Dictionary(model.documents.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private func cite(_ names: [String]) -> String { Prose.titles(names, byName) }
    private func document(_ name: String) -> String { byName[name].map(Prose.title) ?? name }
    private func cell(_ m: Money?) -> String { m.map { $0.decimalString(in: u, grouping: true) } ?? "—" }
    private func share(_ p: Percent?) -> String { p.map { $0.decimalString + "%" } ?? "—" }
    private mutating func nextFigure() -> String { figure += 1; return String(figure) }

    private mutating func build() -> [DocBlock] {
        let stages = Set(model.documents.map(\.identity.stage))
        let kind = stages.count > 1 ? "brief.kind.both" : stages.first == .final ? "brief.kind.final" : "brief.kind.budget"
        summary.append(L("brief.intro", ["regions": model.regions.joined(separator: L("list.sep")), "count": String(model.documents.count),
                                         "kind": L(kind)])
                       + Prose.unitSentence(model.documents, u))
        var body = sangong()
        body.append(.heading(2, L("brief.h.entities")))
        for e in model.entities { body += entity(e) }
        if model.entities.isEmpty { body.append(.paragraph(L("brief.entities.none"))) }
        body += funds()
        let appendix = findings()
        let notes: [DocBlock] = [.heading(2, L("brief.h.notes")),
                                 .bullets(model.documents.map { L("brief.note", ["title": Prose.title($0), "file": $0.name]) })]
        return [.heading(1, model.title ?? L("brief.title")), .heading(2, L("brief.h.summary")), .paragraph(summary.joined())]
            + body + appendix + notes
    }

    // 一、“三公”经费
    private mutating func sangong() -> [DocBlock] {
        var out: [DocBlock] = [.heading(2, L("brief.h.sangong"))]
        guard let s = model.sangong else {
            out.append(.paragraph(L("brief.sangong.none")))
            summary.append(L("brief.sangong.none"))
            return out
        }
        var line = L("brief.sangong.count", ["count": String(s.latest.count)])
        let compared = s.down + s.up + s.flat
        // Every unit in one group: “均比上年减少” (one unit: “比上年减少”), not “3个…其中3个…”.
        if compared == s.latest.count, let group = [(s.down, "down"), (s.up, "up"), (s.flat, "flat")].first(where: { $0.0 == compared }) {
            line += L((compared == 1 ? "brief.sangong.one." : "brief.sangong.all.") + group.1)
        } else if compared > 0 {
            var parts: [String] = []
            if s.down > 0 { parts.append(L("brief.sangong.down", ["count": String(s.down)])) }
            if s.up > 0 { parts.append(L("brief.sangong.up", ["count": String(s.up)])) }
            if s.flat > 0 { parts.append(L("brief.sangong.flat", ["count": String(s.flat)])) }
            line += L("brief.sangong.among", ["parts": parts.joined(separator: L("list.sep"))])
        }
        summary.append(line + L("brief.stop"))
        out.append(.paragraph(s.latest.map { r in
            var line = L("brief.sangong.line", ["entity": r.entity.name, "year": String(r.year), "amount": Prose.amount(r.total, u)])
            if let p = r.prior {
                line += L("brief.vs", ["year": String(p.year), "change": Prose.change(p.change, u)])
                if p.derived { line += L("brief.derivedyear", ["year": String(p.year)]) }
            }
            return line + L("brief.stop")
        }.joined()))
        out.append(.table(L("brief.th.sangong").components(separatedBy: "|"), [2, 3, 4, 5, 6, 7, 8, 9],
                          s.rows.map { r in [r.entity.region, r.entity.name, "\(r.year)\(r.derived ? "*" : "")", cell(r.total), cell(r.outbound),
                                             cell(r.vehiclePurchase), cell(r.vehicleOperation), cell(r.reception),
                                             Prose.signed(r.change, u), Prose.percentCell(r.changePct)] }))
        if s.chart != nil {
            let what = s.style == .dumbbell ? "brief.fig.sangong.dumbbell" : s.style == .lines ? "brief.fig.sangong.lines" : "brief.fig.sangong.grouped"
            out.append(.image("sangong.png", L("brief.fig.sangong.alt"),
                              L("brief.fig.sangong", ["n": nextFigure(), "unit": u.rawValue, "sources": cite(s.sources), "what": L(what)])))
        }
        return out
    }

    // 二、各单位支出: one part per entity.
    private mutating func entity(_ e: BriefModel.EntityPart) -> [DocBlock] {
        let name = e.entity.name, year = String(e.year), prior = String(e.year - 1)
        var out: [DocBlock] = [.heading(3, L("brief.entity.h", ["n": String(e.number), "entity": name]))]
        let title = BudgetCharts.tableTitle(e.table)
        let final = e.stage == .final
        // A 决算 part says 决算 in its label: its figures are never read as a budget's.
        let finalLabel = L("brief.final.label." + e.table.rawValue)
        var prose: String
        if let all = e.total {
            prose = final ? L("brief.entity.final.total", ["entity": name, "year": year, "label": finalLabel, "amount": Prose.amount(all, u)])
                : L("brief.entity.total", ["entity": name, "year": year, "table": title, "amount": Prose.amount(all, u)])
            if let p = e.prior, let c = e.change {
                prose += L("brief.vs", ["year": prior, "change": Prose.change(c, u)]) + (p.derived ? L("brief.entity.derivedprior") : "")
            }
            if let x = e.execution {
                let figures = ["year": year, "label": L("brief.final.label." + x.table.rawValue), "budget": Prose.amount(x.budget, u), "final": Prose.amount(x.final, u),
                               "rate": x.rate.decimalString + "%"]
                prose += L(final ? "brief.entity.execution.final" : "brief.entity.execution", figures)
            }
            // The summary also names the entity's largest movement among its 科目.
            let top = e.changes?.moved.first.map { L("brief.summary.top", ["item": $0.row.item, "change": Prose.change($0.row.change, u)]) }
            summary.append(prose + (top ?? "") + L("brief.stop"))
            if let s = e.split {
                prose += L("brief.entity.split", ["basic": Prose.amount(s.basic, u), "basicShare": share(s.basicShare),
                                                  "project": Prose.amount(s.project, u), "projectShare": share(s.projectShare)])
            }
            if let gb = e.generalBudget {
                prose += L("brief.entity.gb", ["amount": Prose.amount(gb.amount, u), "year": prior, "change": Prose.change(gb.change, u)])
            }
            prose += L("brief.stop")
        } else {
            prose = final ? L("brief.entity.final.none", ["entity": name, "year": year, "label": finalLabel])
                : L("brief.entity.none", ["entity": name, "year": year, "table": title])
        }
        out.append(.paragraph(prose))
        if let t = e.treemap {
            out.append(.image(e.structureFile, L("brief.fig.structure.alt", ["entity": name]),
                              L(final ? "brief.fig.structure.final" : "brief.fig.structure",
                                ["n": nextFigure(), "entity": name, "year": year, "table": title, "label": finalLabel, "sources": cite(t.sources)])))
        }
        guard let c = e.changes else {
            // A 决算 is not compared with the prior year here (the budgets are).
            if !final { out.append(.paragraph(L("brief.entity.nochange", ["entity": name, "year": prior]))) }
            return out
        }
        if let top = c.moved.first?.row {
            out.append(.paragraph(L("brief.entity.top", ["year": prior, "item": top.item, "code": top.code, "change": Prose.change(top.change, u)])))
        }
        out.append(.image(e.changeFile, L("brief.fig.change.alt", ["entity": name]),
                          L("brief.fig.change", ["n": nextFigure(), "entity": name, "year": year, "prior": prior,
                                                 "unit": u.rawValue, "sources": cite(c.chart.sources)])))
        out.append(.table(L("brief.th.change", ["prior": prior, "year": year]).components(separatedBy: "|"), [2, 3, 4, 5],
                          c.moved.prefix(8).map { m in
                              let r = m.row
                              return [r.code, r.item, cell(r.amountA), cell(r.amountB), Prose.signed(m.amount, u),
                                      r.change.status == .new ? L("change.new") : r.change.status == .dropped ? L("change.dropped") : Prose.percentCell(r.change.percent)]
                          }))
        return out
    }

    // 三、重点专项资金
    private mutating func funds() -> [DocBlock] {
        guard let f = model.funds, let top = f.departments.first else { return [] }
        let line = L("brief.funds.line", [
            "regions": f.regions.joined(separator: L("list.sep")), "count": String(f.count), "amount": Prose.amount(f.total, u),
            "departments": String(f.departments.count), "top": top.name, "topAmount": Prose.amount(top.amount, u), "share": share(top.share)])
        summary.append(line)
        var out: [DocBlock] = [.heading(2, L("brief.h.funds")), .paragraph(line),
                               .table(L("brief.th.funds").components(separatedBy: "|"), [1, 2, 3],
                                      f.departments.map { [$0.name, String($0.count), cell($0.amount), share($0.share)] })]
        if f.chart != nil {
            out.append(.image("special-funds.png", L("brief.fig.funds.alt"),
                              L("brief.fig.funds", ["n": nextFigure(), "unit": u.rawValue, "sources": cite(f.sources)])))
        }
        return out
    }

    // 附录：读取与核对 (no diagnostic charts in the body)
    private mutating func findings() -> [DocBlock] {
        var out: [DocBlock] = [.heading(2, L("brief.h.appendix"))]
        out.append(.table(L("brief.th.read").components(separatedBy: "|"), [3, 5, 6, 7],
                          model.documents.map { d in
                              [Prose.title(d), d.identity.regionLabel, d.identity.entity + (d.identity.entityCode.map { "（\($0)）" } ?? ""),
                               String(d.identity.year), d.unit.rawValue, String(d.tables.count), String(d.factCount), String(d.warningCount)] }))
        let f = model.findings
        let roundingNote = f.rounding > 0 ? L("brief.rounding", ["count": String(f.rounding)]) : ""
        // The audit's findings are counted as `yusuan check` counts them; reading warnings apart.
        let readingNote = f.reading > 0 ? L("brief.check.reading", ["count": String(f.reading)]) : ""
        guard f.errors + f.warnings > 0 else {
            out.append(.paragraph(L("brief.check.clean") + readingNote + roundingNote))
            summary.append(f.reading > 0 ? L("brief.check.clean.reading.summary", ["count": String(f.reading)]) : L("brief.check.clean.summary"))
            if f.reading > 0 { out.append(.bullets(items(f))) }
            return out
        }
        let counts = [f.errors > 0 ? L("brief.check.errors", ["count": String(f.errors)]) : nil,
                      f.warnings > 0 ? L("brief.check.warnings", ["count": String(f.warnings)]) : nil].compactMap { $0 }.joined(separator: L("list.sep"))
        // “不一致的在前” only when there are disagreements to put first.
        out.append(.paragraph(L(f.errors > 0 ? "brief.check.found" : "brief.check.found.noerrors", ["counts": counts]) + readingNote + roundingNote))
        summary.append(L("brief.check.found.summary", ["counts": counts])
                       + (f.reading > 0 ? L("brief.check.reading.summary", ["count": String(f.reading)]) : "")
                       + (f.largest.map { L("brief.check.largest", ["document": document($0.document), "message": $0.message]) } ?? ""))
        out.append(.bullets(items(f)))
        return out
    }

    /// The findings listed: the audit's, then the reading warnings (`shown` in that order).
    private func items(_ f: BriefModel.FindingsPart) -> [String] {
        let limit = 20
        let audit = f.shown.count - f.reading
        var items = f.shown.prefix(limit).enumerated().map { i, d in
            // A message that names its own place is not prefixed with the line again.
            L(FindingText.namesPlace(d) || d.line <= 0 ? "brief.finding.placed" : "brief.finding",
              ["kind": L(i >= audit ? "brief.finding.reading" : d.severity == .error ? "brief.finding.error" : "brief.finding.warning"),
               "document": document(d.document), "line": String(d.line),
               "message": d.text])
        }
        if f.shown.count > limit { items.append(L("brief.findings.more", ["count": String(f.shown.count - limit)])) }
        return items
    }
}
