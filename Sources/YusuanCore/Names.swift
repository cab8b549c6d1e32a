import Foundation

/// The Chinese names a user may give for a table or a measure (`--table 三公`, `--measure 基本支出`):
/// data in `Resources/table-names.tsv` and `measure-names.tsv`, loaded once. The catalogue's table
/// titles (`table.<kind>` in the messages) are accepted too.
public enum Names {
    static let tables: [String: TableKind] = load("table-names") { TableKind(rawValue: $0) }
    static let measures: [String: Measure] = load("measure-names") { Measure(rawValue: $0) }

    /// A table by its contract name, a Chinese name, or its title in either language's catalogue.
    public static func table(_ s: String) -> TableKind? {
        let s = trimmed(s)
        return TableKind(rawValue: s) ?? tables[s] ?? catalogueTables[s]
    }

    /// Each table's title in either language's catalogue, the first kind (in `allCases`' order) for
    /// a title two share: made once (looking each kind up in both catalogues for every name asked
    /// was most of the completeness check of a document).
    static let catalogueTables: [String: TableKind] = {
        var byTitle: [String: TableKind] = [:]
        for t in TableKind.allCases {
            for language in Messages.Language.allCases {
                if let title = Messages.catalogue(language)["table." + t.rawValue], byTitle[title] == nil { byTitle[title] = t }
            }
        }
        return byTitle
    }()

    /// `s` without the blanks around it, as `trimmingCharacters(in: .whitespaces)` (tab and the
    /// space separators), asking Foundation only when there are any.
    public static func trimmed(_ s: String) -> String {
        func blank(_ u: Unicode.Scalar?) -> Bool { u.map { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator } ?? false }
        return blank(s.unicodeScalars.first) || blank(s.unicodeScalars.last) ? s.trimmingCharacters(in: .whitespaces) : s
    }

    /// A measure by its contract name, a Chinese name, or its name in the Chinese catalogue.
    public static func measure(_ s: String) -> Measure? {
        let s = trimmed(s)
        if let m = Measure(rawValue: s) ?? measures[s] { return m }
        return Measure.allCases.first { Messages.catalogue(.zh)["measure." + $0.rawValue] == s }
    }

    static func load<T>(_ name: String, _ make: (String) -> T?) -> [String: T] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: name, withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("\(name).tsv is missing from the build")   // a packaging defect
        }
        var out: [String: T] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let cells = line.split(separator: "\t").map(String.init)
            guard let key = cells.first, let value = make(key) else { continue }
            for n in cells.dropFirst() { out[n] = value }
        }
        return out
    }
}
