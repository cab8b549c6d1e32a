import Foundation
import YusuanCore

/// A percentage rounded half away from zero to 2 places, held exactly as hundredths of a percent
/// (`-27.72%` is `Percent(hundredths: -2772)`).
public struct Percent: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var hundredths: Int64
    public init(hundredths: Int64) { self.hundredths = hundredths }

    /// `numerator / denominator × 100`, rounded to 2 places; nil for a zero denominator or a ratio
    /// beyond ±9.2e14 %.
    /// Integer arithmetic throughout (128-bit intermediate), so no binary float is involved.
    public static func ratio(_ numerator: Money, _ denominator: Money) -> Percent? {
        guard denominator.fen != 0 else { return nil }
        let negative = (numerator.fen < 0) != (denominator.fen < 0)
        let n = numerator.fen.magnitude, d = denominator.fen.magnitude
        // hundredths of a percent = n × 10000 / d
        let wide = n.multipliedFullWidth(by: 10_000)
        // Beyond ±9.2e14 % (0.01 元 growing to 10¹³ 元) a percentage says nothing and fits no
        // Int64: undefined, like a zero base, rather than a clamped 92233720368547758.07%.
        guard wide.high < d else { return nil }
        let (q, r) = d.dividingFullWidth(wide)
        guard q <= UInt64(Int64.max) else { return nil }
        var h = q
        if r >= d - r { h += 1 }   // half away from zero (on magnitudes)
        let signed = Int64(clamping: h)
        return Percent(hundredths: negative ? -signed : signed)
    }

    /// Rounds a float percentage to 2 places (for CAGR, whose root needs a float).
    public init?(rounding value: Double) {
        // A growth from 0.01 元 to 10¹³ 元 is finite but beyond Int64 hundredths: no percent, not a trap.
        guard value.isFinite, let h = Int64(exactly: (value * 100).rounded(.toNearestOrAwayFromZero)) else { return nil }
        hundredths = h
    }

    public static func < (a: Percent, b: Percent) -> Bool { a.hundredths < b.hundredths }

    /// `-27.72`, `0.00`, `12.50`.
    public var decimalString: String {
        let m = hundredths.magnitude
        let frac = m % 100
        return (hundredths < 0 ? "-" : "") + String(m / 100) + "." + (frac < 10 ? "0" : "") + String(frac)
    }
    public var description: String { decimalString + "%" }
}

/// What happened to an amount between two years.
public enum ChangeStatus: String, Hashable, Sendable {
    /// Present in both years.
    case both
    /// Absent in the first year while its entity printed that table then: a new item.
    case new
    /// Present in the first year, absent in the second while the entity printed the table then.
    case dropped
    /// One year has no data for the entity at all: nothing can be said.
    case missing

    /// For tables: 新增 (new), 取消 (dropped), 缺年度 (a year without data), empty when both.
    public var label: String {
        switch self { case .both: ""; case .new: "新增"; case .dropped: "取消"; case .missing: "缺年度" }
    }
}

/// Change of an amount from year A to year B.
public struct Change: Hashable, Sendable {
    public var from: Money?
    public var to: Money?
    public var status: ChangeStatus
    /// `to − from`; nil when either is missing.
    public var absolute: Money?
    /// `(to − from) / from`, nil when `from` is zero or missing (never an infinite percent).
    public var percent: Percent?

    public init(from: Money?, to: Money?, status: ChangeStatus? = nil) {
        self.from = from; self.to = to
        if let from, let to {
            absolute = to - from
            percent = Percent.ratio(to - from, from)
        }
        self.status = status ?? (from != nil && to != nil ? .both : .missing)
    }
}

public enum Growth {
    /// Compound annual growth rate from `first` (year `fromYear`) to `last` (year `toYear`), in percent.
    /// nil for a non-positive base, a negative end, or a range of no years. The root needs a float:
    /// the float is used only there and rounded to 2 places at once.
    public static func cagr(from first: Money?, to last: Money?, fromYear: Int, toYear: Int) -> Percent? {
        guard let first, let last, first.fen > 0, last.fen >= 0, toYear > fromYear else { return nil }
        if last.fen == 0 { return Percent(hundredths: -10_000) }
        let ratio = Double(last.fen) / Double(first.fen)
        return Percent(rounding: (pow(ratio, 1.0 / Double(toYear - fromYear)) - 1) * 100)
    }
}

/// A ranked value: standard competition ranking (1, 2, 2, 4), largest first.
public struct Ranked<T>: Sendable where T: Sendable {
    public var rank: Int
    public var value: T
    public var amount: Money
}

public enum Ranking {
    /// Ranks items by amount, largest first; ties share a rank and keep `tieOrder`.
    public static func rank<T>(_ items: [(T, Money)], tieOrder: (T, T) -> Bool) -> [Ranked<T>] {
        let sorted = items.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : tieOrder($0.0, $1.0) }
        var out: [Ranked<T>] = []
        for (i, (v, m)) in sorted.enumerated() {
            let rank = (i > 0 && sorted[i - 1].1 == m) ? out[i - 1].rank : i + 1
            out.append(Ranked(rank: rank, value: v, amount: m))
        }
        return out
    }
}
