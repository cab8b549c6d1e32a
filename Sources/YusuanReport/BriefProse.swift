import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanStore

/// How an office writes numbers in a 简报: `358.93万元`, `增加358.93万元、增长68.36%`, `持平`;
/// a document by its title, `《…2024年部门预算》`.
enum Prose {
    /// `118,708.76万元` (no space before the unit, as in official prose).
    static func amount(_ m: Money, _ u: MoneyUnit) -> String { m.decimalString(in: u, places: 2, grouping: true) + u.rawValue }

    /// `68.36%` without its sign.
    static func magnitude(_ p: Percent) -> String { Percent(hundredths: abs(p.hundredths)).decimalString + "%" }

    /// `增加358.93万元、增长68.36%`, `减少6.50万元、下降52.00%`, `持平`; `新增10.00万元` for a new item.
    static func change(_ c: Change, _ u: MoneyUnit) -> String {
        if c.status == .new, let b = c.to { return L("prose.new", ["amount": amount(b, u)]) }
        if c.status == .dropped { return L("change.dropped") }
        guard let d = c.absolute else { return L("prose.none") }
        if d.fen == 0 { return L("prose.flat") }
        let up = d.fen > 0
        var s = L(up ? "prose.up" : "prose.down", ["amount": amount(Money(fen: Int64(d.fen.magnitude)), u)])
        if let p = c.percent { s += L(up ? "prose.uppct" : "prose.downpct", ["pct": magnitude(p)]) }
        return s
    }

    /// A table cell: `+439.00` / `-6.50` in the unit of the table, `—` when unknown.
    static func signed(_ m: Money?, _ u: MoneyUnit) -> String {
        guard let m else { return "—" }
        return (m.fen > 0 ? "+" : "") + m.decimalString(in: u, places: 2, grouping: true)
    }

    static func percentCell(_ p: Percent?) -> String {
        guard let p else { return "—" }
        return (p.hundredths > 0 ? "+" : "") + p.decimalString + "%"
    }

    /// The title a document is cited by: `《重庆市渝北区临空都市开发建设管理办公室2024年部门预算》`.
    static func title(_ d: StoredDocument) -> String { title(d.identity) }

    static func title(_ d: DocumentIdentity) -> String {
        let e = d.entity
        let kind = d.stage == .final ? "决算" : "预算"
        if e.hasSuffix("专项资金") { return "《\(e)\(d.year)年\(kind)》" }
        return "《\(e)\(d.year)年部门\(kind)》"
    }

    /// `《甲》、《乙》`.
    static func titles(_ names: [String], _ byName: [String: StoredDocument]) -> String {
        names.map { byName[$0].map(title) ?? $0 }.joined(separator: L("list.sep"))
    }

    /// The unit sentence, from what was converted: which documents printed another unit.
    static func unitSentence(_ docs: [StoredDocument], _ u: MoneyUnit) -> String {
        let converted = docs.filter { $0.unit != u }
        guard !converted.isEmpty else { return L("prose.unit.same", ["unit": u.rawValue]) }
        let units = Set(converted.map(\.unit.rawValue)).sorted().joined(separator: L("list.sep"))
        return L("prose.unit.converted", ["unit": u.rawValue, "units": units,
                                          "documents": converted.map(title).joined(separator: L("list.sep"))])
    }

}
