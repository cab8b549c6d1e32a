import Foundation
import YusuanCore

/// Audits one document against itself: sums of 科目, totals of parts, figures printed twice,
/// names printed for one code, 三公 parts, and the narrative against the tables. Differences
/// that rounding to the printed precision explains are `rounding`, not errors.
public enum ConsistencyChecks {
    /// Runs every rule on the facts of one document (all facts must share `document`).
    public static func run(_ facts: [Fact], messages: AuditMessages = .zh) -> [Diagnostic] {
        guard let doc = facts.first?.document else { return [] }
        var out: [Diagnostic] = []
        let ctx = Context(doc: doc, facts: facts, messages: messages)
        out += parentSums(ctx)
        out += totalsOfParts(ctx)
        out += samesAcrossTables(ctx)
        out += codeNames(ctx)
        out += sangongParts(ctx)
        out += narrativeAgainstTables(ctx)
        return sorted(out)
    }

    /// Only the sums of the document's tables (`parent-sum`, `total-sum`, `total-of-parts`): what
    /// tells misread columns apart, checked as a space-aligned text is read.
    public static func sums(_ facts: [Fact]) -> [Diagnostic] {
        guard let doc = facts.first?.document else { return [] }
        let ctx = Context(doc: doc, facts: facts, messages: .zh)
        return sorted(parentSums(ctx) + totalsOfParts(ctx))
    }

    static func sorted(_ out: [Diagnostic]) -> [Diagnostic] {
        out.sorted { ($0.line, $0.severity, $0.rule, $0.message) < ($1.line, $1.severity, $1.rule, $1.message) }
    }

    struct Context {
        let doc: String
        let facts: [Fact]
        let m: AuditMessages
        /// Current facts (printed, not derived) keyed by table|year|code-or-item|measure.
        var index: [Key: Fact] = [:]
        /// Decimals each table prints: the most found in any of its amounts (a column printed with
        /// two places shows `5,390,000.00`, whose value alone would suggest none).
        var printedDecimals: [TableKind: Int] = [:]
        init(doc: String, facts: [Fact], messages: AuditMessages = .zh) {
            self.doc = doc
            self.m = messages
            // A 决算 also prints the year's 预算数 (e.g. in its 三公 table): a document is checked
            // in its own stage, the stage most of its facts have.
            let stages = Dictionary(grouping: facts, by: \.stage).mapValues(\.count)
            let stage = stages.max { ($0.value, $0.key == .final ? 1 : 0) < ($1.value, $1.key == .final ? 1 : 0) }?.key ?? .budget
            let facts = facts.filter { $0.stage == stage }
            self.facts = facts
            for f in facts where !f.derived {
                let k = Self.key(f.table, f.year, f.code ?? f.item, f.measure)
                if index[k] == nil { index[k] = f }
                printedDecimals[f.table] = max(printedDecimals[f.table] ?? 0, ConsistencyChecks.decimals(f.amount, f.sourceUnit))
            }
        }
        /// A printed figure's place: table, year, line (its code, or its item where it has none), column.
        struct Key: Hashable { var table: TableKind; var year: Int; var line: String; var measure: Measure }
        static func key(_ t: TableKind, _ y: Int, _ c: String, _ m: Measure) -> Key { Key(table: t, year: y, line: c, measure: m) }
        func get(_ t: TableKind, _ y: Int, _ c: String, _ m: Measure) -> Fact? { index[Self.key(t, y, c, m)] }
        /// Where a fact is printed, for messages.
        func at(_ f: Fact) -> String { m.place(page: f.page, line: f.line) }

        /// Half a unit in the last printed place of the coarser of the tables involved, times how
        /// many printed figures were added.
        func tolerance(_ parts: [Fact], terms: Int = 1) -> Int64 {
            guard let unit = parts.first?.sourceUnit else { return 0 }
            let d = parts.map { printedDecimals[$0.table] ?? 2 }.min() ?? 2
            var ulp = unit.fenPerUnit
            for _ in 0..<d { ulp /= 10 }
            return max(1, ulp * Int64(max(1, terms)) / 2)
        }
    }

    /// Decimals needed to print `m` exactly in `unit` (121.1 → 1, 121.07 → 2, 1100 → 0).
    static func decimals(_ m: Money, _ unit: MoneyUnit) -> Int {
        var d = 0
        var scale = unit.fenPerUnit
        while d < unit.maxFractionDigits, m.fen % scale != 0 { scale /= 10; d += 1 }
        return d
    }

    /// A finding when `actual` (printed at `at`) differs from `expected`; `what` is a message key
    /// of the catalogue with its arguments.
    static func compare(_ ctx: Context, rule: CheckRule, at: Fact, expected: Money, actual: Money, tolerance: Int64,
                        unit: MoneyUnit, what: String, _ args: [String: String]) -> Diagnostic? {
        let diff = (actual - expected).fen.magnitude
        if diff == 0 { return nil }
        let severity: Severity = diff <= tolerance.magnitude ? .rounding : .error
        let message = ctx.m.text("mismatch", ["what": ctx.m.text(what, args), "actual": actual.formatted(in: unit),
                                              "expected": expected.formatted(in: unit),
                                              "diff": Money(fen: Int64(clamping: diff)).formatted(in: unit), "place": ctx.at(at)])
        return Diagnostic(document: ctx.doc, line: at.line, severity: severity, rule: rule.rawValue, message: message, page: at.page)
    }

    /// A sum beyond Int64 fen cannot be checked, and says so instead of wrapping.
    static func overflow(_ ctx: Context, _ at: Fact, _ what: String) -> Diagnostic {
        Diagnostic(document: ctx.doc, line: at.line, severity: .error, rule: CheckRule.overflow.rawValue,
                   message: ctx.m.text("overflow", ["what": what, "table": at.table.rawValue]), page: at.page)
    }

    /// Every parent 科目 equals the sum of its children (where the children are printed), and
    /// each 合计 row equals the sum of its 类 rows.
    static func parentSums(_ ctx: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var groups: [String: [Fact]] = [:]
        for f in ctx.facts where !f.derived && (f.table.isFunctional || f.table.isEconomic) {
            groups["\(f.table.rawValue)|\(f.year)|\(f.measure.rawValue)", default: []].append(f)
        }
        for (_, fs) in groups.sorted(by: { $0.key < $1.key }) {
            var byCode: [String: Fact] = [:]
            for f in fs { if let c = f.code, byCode[c] == nil { byCode[c] = f } }
            for (code, parent) in byCode.sorted(by: { $0.key < $1.key }) {
                let children = byCode.values.filter { SubjectCode($0.code ?? "")?.parent?.digits == code }
                guard !children.isEmpty else { continue }
                guard let sum = Money.sum(children.map(\.amount)) else {
                    out.append(overflow(ctx, parent, "\(code)（\(children.count)）")); continue
                }
                if let d = compare(ctx, rule: .parentSum, at: parent, expected: sum, actual: parent.amount,
                                   tolerance: ctx.tolerance(children + [parent], terms: children.count + 1), unit: parent.sourceUnit,
                                   what: "what.parent-sum", ["table": ctx.m.table(parent.table), "code": code, "item": parent.item,
                                                             "measure": ctx.m.measure(parent.measure), "n": String(children.count)]) {
                    out.append(d)
                }
            }
            if let total = fs.first(where: { $0.code == nil && $0.item == "合计" }) {
                let classes = byCode.values.filter { $0.code?.count == 3 }
                guard !classes.isEmpty else { continue }
                guard let sum = Money.sum(classes.map(\.amount)) else {
                    out.append(overflow(ctx, total, "合计（\(classes.count)）")); continue
                }
                if let d = compare(ctx, rule: .totalSum, at: total, expected: sum, actual: total.amount,
                                   tolerance: ctx.tolerance(classes + [total], terms: classes.count + 1), unit: total.sourceUnit,
                                   what: "what.total-sum", ["table": ctx.m.table(total.table), "measure": ctx.m.measure(total.measure),
                                                            "n": String(classes.count)]) {
                    out.append(d)
                }
            }
        }
        return out
    }

    /// Per row: total = basic + project; total = personnel + operating; income total = its sources.
    static func totalsOfParts(_ ctx: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var rows: [String: [Fact]] = [:]
        for f in ctx.facts where !f.derived && (f.table.isFunctional || f.table == .basicByEconomic) {
            rows["\(f.table.rawValue)|\(f.year)|\(f.line)|\(f.code ?? f.item)", default: []].append(f)
        }
        for (_, fs) in rows.sorted(by: { $0.key < $1.key }) {
            guard let total = fs.first(where: { $0.measure == .total }) else { continue }
            let partSets: [[Measure]] = [[.basic, .project], [.personnel, .operating],
                                         [.carryover, .generalBudget, .fundBudget, .stateCapital, .fiscalGrant, .specialAccount, .business,
                                          .superiorGrant, .subordinate, .operating, .other]]
            for set in partSets {
                let parts = fs.filter { set.contains($0.measure) }
                guard !parts.isEmpty, fs.contains(where: { $0.measure == set[0] || (set.count > 2 && $0.measure != .total) }) else { continue }
                if set == [.personnel, .operating] && total.table != .basicByEconomic { continue }
                if set.count > 2 && total.table != .incomeByFunction { continue }
                let sum = parts.reduce(Money.zero) { $0 + $1.amount }
                // A 支出决算表's total also holds 上缴上级/经营/对附属单位补助支出, which have no measure.
                if set == [.basic, .project] && total.stage == .final && total.table == .expenditureByFunction && sum <= total.amount { continue }
                if let d = compare(ctx, rule: .totalOfParts, at: total, expected: sum, actual: total.amount,
                                   tolerance: ctx.tolerance(parts + [total], terms: parts.count + 1), unit: total.sourceUnit,
                                   what: "what.total-of-parts", ["table": ctx.m.table(total.table), "row": total.code ?? total.item,
                                                                 "parts": set.prefix(2).map { ctx.m.measure($0) }.joined(separator: " + ") + (set.count > 2 ? " + …" : "")]) {
                    out.append(d)
                }
            }
        }
        return out
    }

    /// The same figure printed in two tables agrees.
    static func samesAcrossTables(_ ctx: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let years = Set(ctx.facts.map(\.year))
        for y in years.sorted() {
            let groups: [[(TableKind, Measure)]] = [
                [(.generalBudgetByFunction, .basic), (.basicByEconomic, .total), (.basicByGovEconomic, .total)],
                [(.generalBudgetByFunction, .project), (.projectByEconomic, .total), (.projectByGovEconomic, .total)],
                [(.expenditureByFunction, .total), (.incomeByFunction, .total)],
            ]
            for g in groups {
                let found = g.compactMap { ctx.get($0.0, y, "合计", $0.1) }
                guard let first = found.first else { continue }
                // A 决算's income and expenditure differ by what is carried over: only a 预算 balances them.
                if g.contains(where: { $0.0 == .incomeByFunction }) && first.stage == .final { continue }
                for other in found.dropFirst() {
                    if let d = compare(ctx, rule: .sameFigure, at: other, expected: first.amount, actual: other.amount,
                                       tolerance: ctx.tolerance([first, other]), unit: other.sourceUnit,
                                       what: "what.same-figure.total", ["table": ctx.m.table(other.table), "measure": ctx.m.measure(other.measure),
                                                                        "table2": ctx.m.table(first.table), "measure2": ctx.m.measure(first.measure), "place2": ctx.at(first)]) {
                        out.append(d)
                    }
                }
            }
            // Each code of the income table against the expenditure table (both by function).
            for f in ctx.facts where f.table == .incomeByFunction && f.measure == .total && f.year == y && !f.derived && f.stage == .budget {
                guard let c = f.code, let e = ctx.get(.expenditureByFunction, y, c, .total) else { continue }
                if let d = compare(ctx, rule: .sameFigure, at: f, expected: e.amount, actual: f.amount,
                                   tolerance: ctx.tolerance([e, f]), unit: f.sourceUnit,
                                   what: "what.same-figure.income", ["code": c, "item": f.item, "place2": ctx.at(e)]) { out.append(d) }
            }
        }
        // The 类 lines of a 收支总表 against the same 类 in the functional tables (by name: the
        // summary prints no codes). The general-budget and fund columns have one table each.
        struct ClassKey: Hashable { var table: TableKind; var year: Int; var name: String }
        var classByName: [ClassKey: Fact] = [:]
        for f in ctx.facts where !f.derived && f.measure == .total && f.code?.count == 3
            && (f.table == .generalBudgetByFunction || f.table == .fundBudgetByFunction) {
            let k = ClassKey(table: f.table, year: f.year, name: Normal.key(f.item))
            if classByName[k] == nil { classByName[k] = f }
        }
        for f in ctx.facts where f.table == .summary && !f.derived && (f.measure == .generalBudget || f.measure == .fundBudget) {
            let table: TableKind = f.measure == .generalBudget ? .generalBudgetByFunction : .fundBudgetByFunction
            guard let c = classByName[ClassKey(table: table, year: f.year, name: Normal.key(Normal.withoutEnumerator(f.item)))] else { continue }
            if let d = compare(ctx, rule: .sameFigure, at: f, expected: c.amount, actual: f.amount,
                               tolerance: ctx.tolerance([c, f]), unit: f.sourceUnit,
                               what: "what.same-figure.summary", ["item": f.item, "measure": ctx.m.measure(f.measure), "table2": ctx.m.table(table),
                                                                  "code": c.code ?? "", "place2": ctx.at(c)]) { out.append(d) }
        }
        // A booklet: each fund of the catalogue against its performance table.
        let projects = Dictionary(ctx.facts.filter { $0.table == .project }.map { (Normal.key($0.item), $0) }, uniquingKeysWith: { a, _ in a })
        for f in ctx.facts where f.table == .specialFund {
            guard let p = projects[Normal.key(f.item)] else { continue }
            if let d = compare(ctx, rule: .sameFigure, at: f, expected: p.amount, actual: f.amount,
                               tolerance: ctx.tolerance([f, p]), unit: f.sourceUnit,
                               what: "what.same-figure.fund", ["item": f.item, "place2": ctx.at(p)]) { out.append(d) }
            if p.entity != f.entity {
                out.append(Diagnostic(document: ctx.doc, line: f.line, severity: .warning, rule: CheckRule.sameFigure.rawValue,
                                      message: ctx.m.text("same-figure.fund-entity", ["item": f.item, "a": f.entity, "b": p.entity, "place2": ctx.at(p)]),
                                      page: f.page))
            }
        }
        return out
    }

    /// The names printed for one code agree across tables (brackets and spaces aside).
    static func codeNames(_ ctx: Context) -> [Diagnostic] {
        var names: [String: [(String, Int, TableKind, Fact)]] = [:]
        for f in ctx.facts where f.table != .narrative && f.table != .project {
            guard let c = f.code else { continue }
            if !(names[c]?.contains { $0.0 == f.item } ?? false) { names[c, default: []].append((f.item, f.line, f.table, f)) }
        }
        var out: [Diagnostic] = []
        for (code, list) in names.sorted(by: { $0.key < $1.key }) {
            let distinct = Dictionary(grouping: list, by: { Normal.key($0.0) })
            guard distinct.count > 1 else { continue }
            let sortedVariants = distinct.values.map { $0[0] }.sorted { $0.1 < $1.1 }
            let first = sortedVariants[0]
            for v in sortedVariants.dropFirst() {
                out.append(Diagnostic(document: ctx.doc, line: v.1, severity: .warning, rule: CheckRule.codeName.rawValue,
                                      message: ctx.m.text("code-name", ["code": code, "name": v.0, "table": ctx.m.table(v.2), "name2": first.0,
                                                                        "table2": ctx.m.table(first.2), "place2": ctx.at(first.3)]),
                                      page: v.3.page))
            }
        }
        return out
    }

    /// 三公: total = outbound + vehicles + reception, and vehicles = purchase + operation.
    static func sangongParts(_ ctx: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var rows: [String: [Fact]] = [:]
        for f in ctx.facts where f.table == .sangong { rows["\(f.year)|\(f.item)", default: []].append(f) }
        for (_, fs) in rows.sorted(by: { $0.key < $1.key }) {
            func v(_ m: Measure) -> Fact? { fs.first { $0.measure == m } }
            // The finding stands on the table's 合计 line when the table printed one.
            let anchor = v(.total) ?? fs.filter { !$0.derived }.max { $0.line < $1.line } ?? fs[0]
            let unit = fs[0].sourceUnit
            let vehicles = v(.vehicleTotal)?.amount ?? ((v(.vehiclePurchase)?.amount ?? .zero) + (v(.vehicleOperation)?.amount ?? .zero))
            // Only a row whose parts are all known can be summed (a narrative may state a prior
            // year's total and only some of its parts).
            let vehiclesKnown = v(.vehicleTotal) != nil || (v(.vehiclePurchase) != nil && v(.vehicleOperation) != nil)
            if let total = v(.total), v(.outbound) != nil, v(.reception) != nil, vehiclesKnown {
                let parts = [v(.outbound), v(.reception)].compactMap { $0 }
                let sum = parts.reduce(vehicles) { $0 + $1.amount }
                if let d = compare(ctx, rule: .sangongParts, at: anchor, expected: sum, actual: total.amount,
                                   tolerance: ctx.tolerance(fs, terms: 4), unit: unit,
                                   what: "what.sangong-parts.total", ["year": String(total.year)]) { out.append(d) }
            }
            if let vt = v(.vehicleTotal), v(.vehiclePurchase) != nil || v(.vehicleOperation) != nil {
                let sum = (v(.vehiclePurchase)?.amount ?? .zero) + (v(.vehicleOperation)?.amount ?? .zero)
                if let d = compare(ctx, rule: .sangongParts, at: anchor, expected: sum, actual: vt.amount,
                                   tolerance: ctx.tolerance(fs, terms: 3), unit: unit,
                                   what: "what.sangong-parts.vehicle", ["year": String(vt.year)]) { out.append(d) }
            }
        }
        return out
    }

    /// The narrative's figures against the tables that print the same thing.
    static func narrativeAgainstTables(_ ctx: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for f in ctx.facts where f.table == .narrative {
            // The lines that print a standard item are data (`narrative-items.tsv`); a 项 is its code's line.
            var targets = (NarrativeItem(rawValue: f.item)?.printedIn ?? []).map { ($0.table, $0.item, $0.measure) }
            if let c = f.code { targets = [(.generalBudgetByFunction, c, .total)] }
            // A narrative figure may speak of all funds or of the general budget alone: it agrees
            // when it matches any table that prints the same thing.
            let printed = targets.compactMap { t in ctx.get(t.0, f.year, t.1, t.2).map { (t.0, $0) } }
            guard let (t, table) = printed.first else { continue }
            if printed.contains(where: { ($0.1.amount - f.amount).fen.magnitude <= ctx.tolerance([f, $0.1]).magnitude }) { continue }
            // Without an all-funds table, a department-wide figure is the sum of the fund tables.
            if f.code == nil, [.basic, .project, .total].contains(targets[0].2), targets[0].0 == .generalBudgetByFunction {
                let funds: [TableKind] = [.generalBudgetByFunction, .fundBudgetByFunction, .stateCapitalByFunction]
                let sum = funds.compactMap { ctx.get($0, f.year, "合计", targets[0].2)?.amount }.reduce(Money.zero, +)
                if (sum - f.amount).fen.magnitude <= ctx.tolerance([f, table], terms: 3).magnitude { continue }
            }
            if let d = compare(ctx, rule: .narrative, at: f, expected: table.amount, actual: f.amount,
                               tolerance: ctx.tolerance([f, table]), unit: f.sourceUnit,
                               what: f.derived ? "what.narrative.derived" : "what.narrative", ["item": f.item, "year": String(f.year),
                                                                                              "table2": ctx.m.table(t), "place2": ctx.at(table)]) {
                out.append(d)
            }
        }
        return out
    }
}

/// Name folding for comparisons: brackets, spaces and quotes do not make two names different.
enum Normal {
    /// `(一)一般公共服务支出`, `一、一般公共服务支出`, `1.…` → `一般公共服务支出`.
    static func withoutEnumerator(_ s: String) -> String {
        var t = Substring(s)
        if let f = t.first, f == "(" || f == "（", let close = t.firstIndex(where: { $0 == ")" || $0 == "）" }),
           t.distance(from: t.startIndex, to: close) <= 4 {
            t = t[t.index(after: close)...]
        } else if let sep = t.firstIndex(where: { $0 == "、" || $0 == "." }), t.distance(from: t.startIndex, to: sep) <= 3,
                  t[..<sep].allSatisfy({ "一二三四五六七八九十".contains($0) || $0.isNumber }) {
            t = t[t.index(after: sep)...]
        }
        return String(t)
    }

    /// Core's name folding, with quotes and full stops dropped as well.
    static func key(_ s: String) -> String {
        NameFolding.fold(s).filter { $0 != "\"" && $0 != "." && $0 != "。" }
    }
}
