import Foundation

/// A 政府收支分类科目 code: functional 类/款/项 (3/5/7 digits) or economic 类/款 (3/5 digits).
public struct SubjectCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let digits: String

    public enum Level: String, Sendable, Codable, CaseIterable, CaseKeyed {
        case lei = "类", kuan = "款", xiang = "项"
    }
    public enum Family: String, Sendable, Codable, CaseIterable, CaseKeyed {
        /// 支出功能分类 (2xx) and 收入 (1xx).
        case functional
        /// 部门预算支出经济分类 (3xx).
        case departmentEconomic
        /// 政府预算支出经济分类 (5xx).
        case governmentEconomic
    }

    public init?(_ text: String) {
        // By the byte: ASCII digits are one byte each (counting `Character`s of every name cell
        // asked about broke graphemes).
        let n = text.utf8.count
        guard n == 3 || n == 5 || n == 7, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        self.digits = text
    }

    public var level: Level {
        switch digits.count { case 3: .lei; case 5: .kuan; default: .xiang }
    }
    public var family: Family {
        switch digits.first {
        case "3": .departmentEconomic
        case "5": .governmentEconomic
        default: .functional
        }
    }
    /// The 类 of a 款, the 款 of a 项; nil for a 类.
    public var parent: SubjectCode? {
        switch digits.count {
        case 5: SubjectCode(String(digits.prefix(3)))
        case 7: SubjectCode(String(digits.prefix(5)))
        default: nil
        }
    }
    public var ancestors: [SubjectCode] {
        var out: [SubjectCode] = []
        var p = parent
        while let c = p { out.insert(c, at: 0); p = c.parent }
        return out
    }
    public func isAncestor(of other: SubjectCode) -> Bool {
        other.digits.count > digits.count && other.digits.hasPrefix(digits)
    }
    public static func < (a: SubjectCode, b: SubjectCode) -> Bool { a.digits < b.digits }
    public var description: String { digits }
}
