import Foundation

/// The unit a table or sentence prints its amounts in.
public enum MoneyUnit: String, Sendable, Codable, CaseIterable, CaseKeyed {
    case yuan = "元"
    case wanyuan = "万元"

    /// Fen in one unit: 1 元 = 100 分, 1 万元 = 1,000,000 分.
    public var fenPerUnit: Int64 { self == .yuan ? 100 : 1_000_000 }
    /// Decimal places a printed amount can carry and still be exact in fen.
    public var maxFractionDigits: Int { self == .yuan ? 2 : 6 }

    /// Recognises `元`, `万元`, `（万元）` and the like inside a short label.
    public static func detect(in text: String) -> MoneyUnit? {
        // By the byte first: most texts asked hold no 元 (Foundation's search bridges to UTF-16).
        guard ByteSearch.contains(text, "元") else { return nil }
        // In plain text (every scalar a character) the bytes answer; else Foundation, as before.
        if ByteSearch.isPlain(text) { return ByteSearch.contains(text, "万元") ? .wanyuan : .yuan }
        if text.contains("万元") { return .wanyuan }
        if text.contains("元") { return .yuan }
        return nil
    }
}

/// An exact amount of money in integer fen (分). Never passes through a binary float.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var fen: Int64
    public init(fen: Int64) { self.fen = fen }
    public static let zero = Money(fen: 0)

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    // `+` and `-` saturate at ±Int64.max rather than wrap or trap: a sum beyond any budget never
    // prints as a negative total nor kills a batch. Code that must know uses the checked forms below.
    public static func + (a: Money, b: Money) -> Money { a.adding(b) ?? Money(fen: b.fen < 0 ? -Int64.max : Int64.max) }
    public static func - (a: Money, b: Money) -> Money { a.subtracting(b) ?? Money(fen: b.fen > 0 ? -Int64.max : Int64.max) }
    public static prefix func - (a: Money) -> Money { Money(fen: a.fen == .min ? .max : -a.fen) }
    public static func += (a: inout Money, b: Money) { a = a + b }

    /// The largest amount a document may print: 10¹⁴ 元 (100 万亿元), beyond any real budget, and
    /// small enough that a thousand of them still add up without overflow.
    public static let limit = Money(fen: 10_000_000_000_000_000)
    public var isWithinLimit: Bool { fen.magnitude <= Self.limit.fen.magnitude }

    /// `self + other`, nil on overflow.
    public func adding(_ other: Money) -> Money? {
        let (r, o) = fen.addingReportingOverflow(other.fen)
        return o || r == .min ? nil : Money(fen: r)
    }
    /// `self - other`, nil on overflow.
    public func subtracting(_ other: Money) -> Money? {
        let (r, o) = fen.subtractingReportingOverflow(other.fen)
        return o || r == .min ? nil : Money(fen: r)
    }
    /// The exact sum, nil when it overflows.
    public static func sum<S: Sequence>(_ amounts: S) -> Money? where S.Element == Money {
        var total = Money.zero
        for a in amounts {
            guard let t = total.adding(a) else { return nil }
            total = t
        }
        return total
    }

    /// Why a printed number could not become money.
    public enum ParseError: Error, Equatable, Sendable {
        case empty, notANumber, tooPrecise, tooLarge
    }

    /// Parses a decimal already cleaned to `-?digits[.digits]` (no separators) in `unit`.
    /// Exact: the digits are scaled as integers, never as a float.
    public static func parse(plain s: Substring, unit: MoneyUnit) -> Result<Money, ParseError> {
        s.utf8.withContiguousStorageIfAvailable { parse(plainUTF8: $0, unit: unit) }
            ?? Array(s.utf8).withUnsafeBufferPointer { parse(plainUTF8: $0, unit: unit) }
    }

    /// `parse(plain:unit:)` of the text's UTF-8.
    public static func parse(plainUTF8 u: UnsafeBufferPointer<UInt8>, unit: MoneyUnit) -> Result<Money, ParseError> {
        var negative = false
        var intPart: Int64 = 0
        var frac: Int64 = 0
        var fracDigits = 0
        var seenDot = false
        var digits = 0
        // By the byte: only ASCII digits, one point and a leading minus are taken, so a byte that is
        // none of them (a combining mark's included) refuses the text as a `Character` would.
        var idx = 0
        if idx < u.count, u[idx] == UInt8(ascii: "-") { negative = true; idx += 1 }
        while idx < u.count {
            let c = u[idx]
            if c == UInt8(ascii: ".") {
                if seenDot { return .failure(.notANumber) }
                seenDot = true
            } else if (0x30...0x39).contains(c) {
                let d = Int(c - 0x30)
                digits += 1
                if seenDot {
                    fracDigits += 1
                    if fracDigits > unit.maxFractionDigits {
                        // Trailing zeros beyond the exact precision are harmless.
                        if d != 0 { return .failure(.tooPrecise) }
                        fracDigits -= 1
                    } else {
                        frac = frac * 10 + Int64(d)
                    }
                } else {
                    let (m, o1) = intPart.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(Int64(d))
                    if o1 || o2 { return .failure(.tooLarge) }
                    intPart = a
                }
            } else {
                return .failure(.notANumber)
            }
            idx += 1
        }
        if digits == 0 { return .failure(.empty) }
        var fracScale: Int64 = 1
        for _ in 0..<fracDigits { fracScale *= 10 }
        let (whole, o1) = intPart.multipliedReportingOverflow(by: unit.fenPerUnit)
        if o1 { return .failure(.tooLarge) }
        let fracFen = frac * (unit.fenPerUnit / fracScale)
        let (total, o2) = whole.addingReportingOverflow(fracFen)
        if o2 || total > Self.limit.fen { return .failure(.tooLarge) }
        return .success(Money(fen: negative ? -total : total))
    }

    /// `"1187087600.00"`: yuan with exactly two places, as the export contract wants.
    public var yuanString: String {
        let neg = fen < 0
        let m = fen.magnitude
        let yuan = m / 100, cents = m % 100
        return (neg ? "-" : "") + String(yuan) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    public var description: String { yuanString }

    /// Amount in `unit` as a decimal string rounded half away from zero to `places`.
    public func decimalString(in unit: MoneyUnit, places: Int = 2, grouping: Bool = false) -> String {
        let neg = fen < 0
        var m = fen.magnitude
        // value = m / fenPerUnit; we want it with `places` decimals.
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let per = UInt64(unit.fenPerUnit)
        // scaled = round(m * scale / per)
        let (num, overflow) = m.multipliedReportingOverflow(by: scale)
        var scaled: UInt64
        if overflow {
            scaled = m / per * scale + (m % per) * scale / per
        } else {
            scaled = num / per
            if (num % per) * 2 >= per { scaled += 1 }
        }
        m = scaled
        let intPart = m / scale, fracPart = m % scale
        var intStr = String(intPart)
        if grouping { intStr = Money.group(intStr) }
        var s = intStr
        if places > 0 {
            var f = String(fracPart)
            while f.count < places { f = "0" + f }
            s += "." + f
        }
        return (neg && scaled != 0 ? "-" : "") + s
    }

    /// Amount in `unit` as a Double, for charts and JSON numbers only (never for storage).
    public func value(in unit: MoneyUnit) -> Double { Double(fen) / Double(unit.fenPerUnit) }

    /// People's format: `118,708.76 万元`.
    public func formatted(in unit: MoneyUnit, places: Int = 2) -> String {
        decimalString(in: unit, places: places, grouping: true) + " " + unit.rawValue
    }

    static func group(_ digits: String) -> String {
        var out: [Character] = []
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
}
