import Foundation

extension Money {
    /// The one label of an amount for people, on charts and in prose: `12.50 万元`, `+439.00 万元`
    /// (`signed` puts `+` before an increase). Exact: formatted from fen, never from a float.
    public func label(in unit: MoneyUnit, places: Int = 2, signed: Bool = false) -> String {
        let n = decimalString(in: unit, places: places, grouping: true)
        let plus = signed && fen > 0 && n.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) ? "+" : ""
        return plus + n + " " + unit.rawValue
    }
}
