import Foundation

/// Regions named in running text: `浙江省舟山市普陀区`, `中共上海市普陀区委`, `重庆市潼南经济和信息化委员会`,
/// `湖南省发展和改革委员会`. Names are matched longest first; a name right after its province or
/// prefecture narrows both (普陀区 after 舟山市 is 330903).
public struct RegionChain: Hashable, Sendable {
    /// Character offsets of the whole chain in the text.
    public var start: Int
    public var end: Int
    /// The deepest division named, narrowed by what precedes it; several rows when still ambiguous.
    public var candidates: [Int]
    /// Whether the deepest name was qualified by a parent printed before it.
    public var qualified: Bool
}

extension RegionCatalogue {
    /// Every chain of region names in `text`, in order. `starts`: offsets where a line begins (a
    /// two-character name counts only there or after its parent).
    public func chains(in text: String, starts: Set<Int> = [0]) -> [RegionChain] {
        let chars = Array(text)
        let index = textIndex   // once: it is behind a lock
        var out: [RegionChain] = []
        var i = 0
        var open: RegionChain?
        while i < chars.count {
            var found: (len: Int, rows: [Int], qualified: Bool)?
            let parents = open.flatMap { $0.end == i ? $0.candidates : nil } ?? []
            if let first = chars[i].unicodeScalars.first, let lengths = index.lengthsByFirst[first] {
                for len in lengths where i + len <= chars.count {
                    let s = NameKey(String(chars[i..<i + len]))
                    if let rows = byName[s] {
                        let children = rows.filter { r in parents.contains { contains($0, r) } }
                        if !children.isEmpty { found = (len, children, true); break }
                        // Two-character names (忠县, 开县) only open a text, never inside a word.
                        if len >= 3 || starts.contains(i) { found = (len, rows, false); break }
                    }
                    if !parents.isEmpty, let rows = index.byStem[s] {
                        let children = rows.filter { r in parents.contains { contains($0, r) } }
                        if !children.isEmpty { found = (len, children, true); break }
                    }
                }
            }
            guard let f = found else { i += 1; continue }
            if f.qualified, var chain = open {
                // The parent is narrowed to those containing a child found.
                chain.end = i + f.len
                chain.candidates = f.rows
                chain.qualified = true
                open = chain
            } else {
                if let c = open { out.append(c) }
                open = RegionChain(start: i, end: i + f.len, candidates: f.rows, qualified: false)
            }
            i += f.len
        }
        if let c = open { out.append(c) }
        return out
    }

    /// The rows of a chain.
    public func rows(_ chain: RegionChain) -> [RegionEntry] { chain.candidates.map { entries[$0] } }
}

/// The facts contract's region helpers over the shared catalogue.
public enum Region {
    /// The region first named in `text` (short official name, or a zone's full name), nil when none
    /// is named or the name designates several divisions.
    public static func find(in text: String) -> String? {
        guard let chain = RegionCatalogue.shared.chains(in: text).first else { return nil }
        let names = Set(RegionCatalogue.shared.rows(chain).map(\.name))
        return chain.candidates.count == 1 ? names.first : nil
    }

    /// A province's county-level divisions by short name (benchmarks and scale tests draw names from it).
    public static func districts(in province: String) -> [String] {
        RegionCatalogue.shared.current.filter { $0.province == province && $0.level == .county }.map(\.name)
    }

    /// The provincial-level divisions' names (`重庆市`, `浙江省`, …).
    /// (From the rows themselves: `current` copies every current row, ~1 ms of a chart's start.)
    public static let provinceNames: [String] = RegionCatalogue.shared.entries
        .filter { $0.until == nil && $0.level == .province }.map(\.name)
}

extension Region {
    /// Every spelling of a region as the start of an entity name, longest first: `重庆市潼南区`,
    /// `潼南区`, `潼南`, `潼南县` (its former name), `重庆经开区`. Empty for an empty region.
    public static func forms(of region: String) -> [String] {
        guard !region.isEmpty else { return [] }
        return formsCache.value(region) { computeForms(of: region) }
    }

    private static let formsCache = Memo<String, [String]>()

    static func computeForms(of region: String) -> [String] {
        let cat = RegionCatalogue.shared
        var forms: Set<String> = [region]
        // A label (上海普陀区) names one of several divisions of one name.
        let named = cat.entries(named: region).filter { $0.name == region }
        for row in named.isEmpty ? cat.lookup(region) : named {
            let parents = [row.province, row.province + (row.prefecture ?? ""), row.prefecture ?? ""].filter { !$0.isEmpty && $0 != row.name }
            var own = [row.name] + row.aliases
            if let s = row.stem { own.append(s) }
            own += cat.entries.filter { $0.until != nil && ($0.successor == row.code || $0.successor == row.name) }.map(\.name)
            for o in own {
                forms.insert(o)
                for p in Set(parents) { forms.insert(p + o) }
            }
        }
        return forms.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// The provinces a region name belongs to (several for a shared short name).
    public static func provinces(of region: String) -> [String] {
        Array(Set(RegionCatalogue.shared.lookup(region).map(\.province))).sorted()
    }
}

/// A small thread-safe memo: each key's value made once, by whichever thread asks first (spellings
/// per region, which the registry asks for each printed name; the catalogue's text index).
// Safe to share: `store` is read and written only with `lock` held.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private var store: [Key: Value] = [:]
    private let lock = NSLock()
    func value(_ key: Key, _ make: () -> Value) -> Value {
        lock.lock(); defer { lock.unlock() }
        if let v = store[key] { return v }
        let v = make()
        store[key] = v
        return v
    }
}

extension Fact {
    /// The region as analyses key and show it: the short name, or `上海普陀区` / `舟山普陀区` when
    /// several divisions share it (see `RegionCatalogue.label`).
    public var regionLabel: String { RegionCatalogue.shared.label(region: region, code: regionCode) }
}

extension DocumentIdentity {
    /// The region as analyses key and show it (see `Fact.regionLabel`).
    public var regionLabel: String { RegionCatalogue.shared.label(region: region, code: regionCode) }
}
