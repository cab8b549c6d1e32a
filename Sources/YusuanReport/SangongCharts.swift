import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore

/// “三公” across entities → a comparison chart: labels from the exact formatters, names shortened
/// by what all entities share, sources of every figure used.
public enum SangongCharts {
    public struct Options: Sendable {
        public var style: ComparisonStyle
        public var sort: SangongSort
        /// Divide by the entity's general-budget expenditure of the same year.
        public var per: SangongBase?
        /// Changes in percent rather than in money (`.change`, and the sort by change).
        public var percent: Bool
        /// Split each year's bar into the four parts (`.grouped`).
        public var parts: Bool
        public var unit: MoneyUnit
        public var stage: Stage
        public init(style: ComparisonStyle = .grouped, sort: SangongSort = .latest, per: SangongBase? = nil,
                    percent: Bool = false, parts: Bool = false, unit: MoneyUnit = .wanyuan, stage: Stage = .budget) {
            self.style = style; self.sort = sort; self.per = per; self.percent = percent
            self.parts = parts; self.unit = unit; self.stage = stage
        }
    }

    /// The style that suits the data: dumbbell for two years, lines for more, bars for one.
    public static func suitedStyle(years: Int) -> ComparisonStyle {
        years >= 3 ? .lines : years == 2 ? .dumbbell : .grouped
    }

    static var partNames: [String] { ["outbound", "purchase", "operation", "reception"].map { L("cmp.part.\($0)") } }

    public static func spec(_ entities: [SangongEntity], options o: Options) -> ComparisonChartSpec? {
        guard !entities.isEmpty else { return nil }
        // A dumbbell or change chart shows the change the tables give: the latest two years.
        let pair = o.style == .dumbbell || o.style == .change
        let entities = pair ? entities.map { var e = $0; e.rows = Array(e.rows.suffix(2)); return e } : entities
        let years = Set(entities.flatMap { $0.rows.map(\.year) }).sorted()
        let (labels, common) = shortLabels(entities.map(\.entity))
        let u = o.unit
        func signed(_ m: Money) -> String { (m.fen > 0 ? "+" : "") + m.formatted(in: u) }
        func signed(_ p: Percent) -> String { (p.hundredths > 0 ? "+" : "") + p.description }
        func points(_ p: Percent) -> String { L("cmp.points", ["value": (p.hundredths > 0 ? "+" : "") + p.decimalString]) }
        func pct(_ p: Percent) -> Double { Double(p.hundredths) / 100 }   // position only

        var needsUnitemized = false
        var entries: [ComparisonEntry] = []
        for (k, e) in entities.enumerated() {
            var values: [Double?] = [], texts: [String?] = [], parts: [[Double]?] = []
            let derived = years.map { y in e.rows.contains { $0.year == y && $0.derived } }
            for y in years {
                guard let r = e.rows.first(where: { $0.year == y }), let t = r.total else {
                    values.append(nil); texts.append(nil); parts.append(nil); continue
                }
                let star = r.derived ? "*" : ""
                if o.per != nil {
                    let s = e.share(r)
                    values.append(s.map(pct)); texts.append(s.map { $0.description + star } ?? L("cmp.nobase"))
                    parts.append(nil)
                } else {
                    values.append(t.value(in: u)); texts.append(t.formatted(in: u) + star)
                    // The printed parts, and what they leave of the printed total as 未列明.
                    let ps = [r.outbound, r.vehiclePurchase, r.vehicleOperation, r.reception]
                    let known = ps.compactMap { $0 }.reduce(Money.zero, +)
                    let rest = t - known
                    if rest.fen > 0 { needsUnitemized = true }
                    parts.append(ps.map { ($0 ?? .zero).value(in: u) } + [max(0, rest.fen) == 0 ? 0 : rest.value(in: u)])
                }
            }
            var change: Double?, label: String?
            if let c = e.change, let d = c.absolute {
                if o.per != nil {
                    if let sc = e.shareChange { change = pct(sc); label = points(sc) }
                } else if o.percent && o.style == .change {
                    if let p = c.percent { change = pct(p); label = signed(p) + "（\(signed(d))）" }
                } else {
                    change = d.value(in: u); label = signed(d) + (c.percent.map { "（\(signed($0))）" } ?? "")
                }
            }
            if label != nil, e.previous.derived || e.latest.derived { label! += "*" }
            entries.append(ComparisonEntry(label: labels[k], values: values, valueLabels: texts,
                                           parts: o.parts && o.per == nil && o.style == .grouped ? parts : [],
                                           change: change, changeLabel: label ?? (e.rows.count < 2 ? L("cmp.only", ["year": String(e.first.year)])
                                               : o.per != nil && e.bases[e.previous.year] == nil ? L("cmp.missingbase", ["year": String(e.previous.year)]) : "—"),
                                           derived: derived))
        }
        if o.parts, o.per == nil, !needsUnitemized {
            entries = entries.map { var x = $0; x.parts = x.parts.map { $0.map { Array($0.prefix(4)) } }; return x }
        }
        let stageWord = L(o.stage == .final ? "cmp.stage.final" : "cmp.stage.budget")
        let span = years.count == 2 && pair ? L("cmp.span.pair", ["from": String(years[0]), "to": String(years[1])])
            : years.count > 2 && pair ? L("cmp.span.pairs", ["from": String(years.first!), "to": String(years.last!)])
            : years.count > 1 ? L("cmp.span", ["from": String(years.first!), "to": String(years.last!)]) : L("cmp.year", ["year": String(years[0])])
        let title = o.per.map { L("cmp.title.per", ["stage": stageWord, "base": L("cmp.base.\($0.rawValue)")]) } ?? L("cmp.title", ["stage": stageWord])
        let order: String
        switch o.sort {
        case .latest:
            let when = Set(entities.map(\.latest.year)).count == 1 ? L("cmp.year", ["year": String(years.last!)]) : L("cmp.latestyear")
            order = L(o.per == nil ? "cmp.sort.latest" : "cmp.sort.latest.share", ["when": when])
        case .change: order = L(o.per == nil ? (o.percent ? "cmp.sort.change.pct" : "cmp.sort.change") : "cmp.sort.change.share")
        case .name: order = L("cmp.sort.name")
        }
        var subtitle = L("cmp.subtitle", ["span": span, "count": String(entities.count), "order": order])
        if let common { subtitle += L("cmp.common", ["common": common]) }
        var notes: [String] = []
        if entities.contains(where: { $0.rows.contains(where: \.derived) }) { notes.append(L("cmp.note.derived")) }
        if let per = o.per { notes.append(L("cmp.note.per", ["base": L("cmp.base.\(per.rawValue)")])) }
        if needsUnitemized && o.parts && o.per == nil { notes.append(L("cmp.note.unitemized")) }
        // A change of shares is in percentage points; shares and changes in percent are in %.
        let unit = o.per != nil ? (o.style == .change ? L("cmp.unit.points") : "%") : o.percent && o.style == .change ? "%" : u.rawValue
        return ComparisonChartSpec(title: title, subtitle: subtitle, footnote: notes.isEmpty ? nil : notes.joined(separator: L("cmp.note.sep")) + L("chart.foot.sep"),
                                   sources: Array(Set(entities.flatMap(\.sources))).sorted(), unit: unit,
                                   years: years.map(String.init),
                                   partNames: o.parts && o.per == nil && o.style == .grouped
                                       ? partNames + (needsUnitemized ? [ComparisonLayout.unitemized] : []) : [],
                                   entries: entries, style: o.style)
    }

    /// Labels for a chart of several entities: the region kept, then the name after it with the
    /// part every entity shares taken off (`重庆市江北区经济和信息化委员会` → `江北区`). Never two
    /// labels that read the same: those fall back to the region with the whole name.
    public static func shortLabels(_ refs: [EntityRef]) -> (labels: [String], common: String?) {
        let rests = refs.map(afterRegion)
        let prefix = refs.count > 1 ? commonPrefix(rests) : ""
        let rem = rests.map { String($0.dropFirst(prefix.count)) }
        let suffix = refs.count > 1 ? String(commonPrefix(rem.map { String($0.reversed()) }).reversed()) : ""
        var labels = zip(refs, rem).map { ref, rest -> String in
            let core = String(rest.dropLast(suffix.count))
            return core.isEmpty ? ref.region : "\(ref.region) \(core)"
        }
        var counts: [String: Int] = [:]
        for l in labels { counts[l, default: 0] += 1 }
        for i in labels.indices where counts[labels[i]]! > 1 {
            labels[i] = refs[i].region.isEmpty || refs[i].name.contains(refs[i].region) ? refs[i].name : "\(refs[i].region) \(refs[i].name)"
        }
        if Set(labels).count < labels.count { labels = refs.map(\.description) }
        let common = [prefix, suffix].filter { $0.count >= 2 }.joined(separator: "…")
        return (labels, common.isEmpty ? nil : common)
    }

    /// The name after its region (`重庆市潼南经济和信息化委员会`, region 潼南区 → `经济和信息化委员会`);
    /// a region shown as `重庆江北区` is found as `江北区` in the name.
    static func afterRegion(_ ref: EntityRef) -> String {
        let n = ref.name, r = ref.region
        for k in 0..<max(0, r.count - 1) {
            var keys = [String(r.dropFirst(k))]
            if keys[0].count > 2, let last = keys[0].last, "区县市旗".contains(last) { keys.append(String(keys[0].dropLast())) }
            for key in keys where key.count >= 2 {
                if let found = n.range(of: key) { return String(n[found.upperBound...]) }
            }
        }
        return BudgetCharts.shortName(n)
    }

    static func commonPrefix(_ xs: [String]) -> String {
        guard var p = xs.first.map(Array.init) else { return "" }
        for x in xs.dropFirst() {
            let a = Array(x)
            var i = 0
            while i < p.count, i < a.count, p[i] == a[i] { i += 1 }
            p = Array(p.prefix(i))
        }
        return String(p)
    }
}
