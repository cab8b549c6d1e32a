import Foundation

/// The Chinese names a user may give for a table or a measure (`--table 三公`, `--measure 基本支出`):
/// data in `Resources/table-names.tsv` and `measure-names.tsv`, loaded once. The catalogue's table
/// titles (`table.<kind>` in the messages) are accepted too.
public enum Names {
    static let tables: [String: TableKind] = load("table-names") { TableKind(rawValue: $0) }
    static let measures: [String: Measure] = load("measure-names") { Measure(rawValue: $0) }

    /// A table by its contract name, a Chinese name, or its title in either language's catalogue.
    public static func table(_ s: String) -> TableKind? {
        let s = s.trimmingCharacters(in: .whitespaces)
        if let t = TableKind(rawValue: s) ?? tables[s] { return t }
        return TableKind.allCases.first { t in Messages.Language.allCases.contains { Messages.catalogue($0)["table." + t.rawValue] == s } }
    }

    /// A measure by its contract name, a Chinese name, or its name in the Chinese catalogue.
    public static func measure(_ s: String) -> Measure? {
        let s = s.trimmingCharacters(in: .whitespaces)
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
