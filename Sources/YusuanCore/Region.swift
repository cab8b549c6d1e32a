import Foundation

/// One administrative division (or development zone) of the catalogue `Resources/regions.tsv`.
public struct RegionEntry: Hashable, Sendable {
    public enum Level: String, Sendable { case province, prefecture, county, zone }
    /// GB/T 2260 code; nil for a zone.
    public var code: String?
    /// The short official name (`普陀区`, `昆山市`, `湖南省`); a zone's full name.
    public var name: String
    public var level: Level
    /// The provincial-level division; a province names itself.
    public var province: String
    /// The prefecture-level division above a county, nil under a municipality or the province.
    public var prefecture: String?
    /// Last fiscal year of a renamed or merged division's name; nil while current.
    public var until: Int?
    /// Code (or zone name) that took over from a former division.
    public var successor: String?
    /// Other spellings printed in documents.
    public var aliases: [String]

    /// `上海市普陀区`, `浙江省舟山市普陀区`, `湖南省`; a zone's name.
    public var fullName: String {
        switch level {
        case .province, .zone: name
        case .prefecture: province + name
        case .county: province + (prefecture ?? "") + name
        }
    }

    /// The parent's name without its level word, for telling apart divisions of one name: `上海`, `舟山`.
    public var parentShort: String {
        guard level != .province else { return "" }
        return RegionEntry.shortName(level == .county ? (prefecture ?? province) : province)
    }

    /// `上海市` → `上海`, `内蒙古自治区` → `内蒙古`, `黔南布依族苗族自治州` → `黔南`.
    static func shortName(_ s: String) -> String {
        for suffix in ["特别行政区", "自治区", "自治州", "地区", "省", "市", "盟"] where s.hasSuffix(suffix) && s.count > suffix.count + 1 {
            let stem = String(s.dropLast(suffix.count))
            // Ethnic words before 自治区/自治州 (维吾尔, 布依族苗族): keep the place name.
            if suffix.hasPrefix("自治"), stem.count > 3 { return String(stem.prefix(stem.hasPrefix("内蒙古") ? 3 : 2)) }
            return stem
        }
        return s
    }

    /// The name without its level word (`潼南区` → `潼南`), nil when that leaves fewer than two characters.
    var stem: String? {
        // By scalar: a division's name is CJK, one scalar per character.
        let scalars = name.unicodeScalars
        guard level == .county || level == .prefecture, scalars.count >= 3,
              let last = scalars.last, "区县市旗".unicodeScalars.contains(last) else { return nil }
        return String(scalars.dropLast())
    }
}

/// A name as a dictionary key, hashed and compared by its UTF-8 bytes: `String`'s own hashing
/// checks Unicode normalisation on every non-ASCII key, which made building the catalogue's
/// indexes the largest cost of starting a command (names here are all in one normal form).
public struct NameKey: Hashable, Sendable {
    public let text: String
    public init(_ text: String) { self.text = text }
    /// The same bytes: `memcmp` over native strings' UTF-8 (the generic `elementsEqual` went byte by
    /// byte through the views' iterators, 13 % of a chart's layout in its width caches' lookups).
    public static func == (a: NameKey, b: NameKey) -> Bool {
        let x = a.text.utf8, y = b.text.utf8
        guard x.count == y.count else { return false }
        let same = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 }
        }
        return (same ?? nil) ?? x.elementsEqual(y)
    }
    public func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// The catalogue of China's divisions, loaded once from the YusuanCore bundle.
public final class RegionCatalogue: Sendable {
    public static let shared: RegionCatalogue = {
        guard let url = Bundle.module.url(forResource: "regions", withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "regions", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            // A build without the resource is a packaging defect, not a user error.
            fatalError("regions.tsv is missing from the YusuanCore bundle")
        }
        return RegionCatalogue(tsv: text)
    }()

    /// Every row, in file order (current divisions, former ones, zones).
    public let entries: [RegionEntry]
    let byCode: [String: Int]
    /// Name, alias or former name → current rows it designates.
    let byName: [NameKey: [Int]]
    let provinceIndex: [String: Int]
    /// What finding names in running text needs, built on first use: most commands only label.
    struct TextIndex: Sendable {
        /// Name without its level word → rows; matched only right after a parent (`重庆市潼南`).
        var byStem: [NameKey: [Int]] = [:]
        /// First character (scalar) of a name or stem → the lengths to try there, longest first.
        var lengthsByFirst: [Unicode.Scalar: [Int]] = [:]
    }
    private let textIndexMemo = Memo<Bool, TextIndex>()
    var textIndex: TextIndex { textIndexMemo.value(true) { Self.textIndex(entries, byName: byName) } }
    /// Loads the catalogue and builds what reading a text needs, ahead of the first document (an
    /// ingest does it while it opens its store), and the provinces' names every label needs.
    public static func prepareForReading() { _ = shared.textIndex; _ = Region.provinceNames }
    /// `上海普陀区`, `上海普陀` → rows: what a user may type (`lookup`), never needed to read a text.
    private let labelMemo = Memo<Bool, [NameKey: [Int]]>()
    var byLabel: [NameKey: [Int]] { labelMemo.value(true) { Self.labels(entries) } }

    public init(tsv: String) {
        var rows: [RegionEntry] = []
        rows.reserveCapacity(3_400)
        for c in Knowledge.rows(in: tsv) {
            guard c.count >= 9, let level = RegionEntry.Level(rawValue: c[2]) else { continue }
            rows.append(RegionEntry(code: c[0].isEmpty ? nil : c[0], name: c[1], level: level, province: c[3],
                                    prefecture: c[4].isEmpty ? nil : c[4], until: Int(c[6]),
                                    successor: c[7].isEmpty ? nil : c[7],
                                    aliases: c[8].isEmpty ? [] : c[8].split(separator: ",").map(String.init)))
        }
        entries = rows
        // Sized up front: growing a dictionary rehashes every key it holds.
        var byCode = [String: Int](minimumCapacity: rows.count), byName = [NameKey: [Int]](minimumCapacity: rows.count + rows.count / 4)
        var provinces: [String: Int] = [:], zoneIndex: [String: Int] = [:]
        for (i, e) in rows.enumerated() where e.until == nil {
            if let code = e.code { byCode[code] = i } else { zoneIndex[e.name] = i }
            if e.level == .province { provinces[e.name] = i }
        }
        for (i, e) in rows.enumerated() {
            if e.until == nil {
                byName[NameKey(e.name), default: []].append(i)
                for n in e.aliases { byName[NameKey(n), default: []].append(i) }
            } else if let s = e.successor, let j = byCode[s] ?? zoneIndex[s] {
                byName[NameKey(e.name), default: []].append(j)
            }
        }
        // Most names designate one row: only the others need sorting and deduplicating.
        self.byCode = byCode; self.byName = byName.mapValues { $0.count == 1 ? $0 : Array(Set($0)).sorted() }
        self.provinceIndex = provinces
    }

    static func textIndex(_ rows: [RegionEntry], byName: [NameKey: [Int]]) -> TextIndex {
        var index = TextIndex()
        index.byStem.reserveCapacity(rows.count)
        for (i, e) in rows.enumerated() where e.until == nil {
            if let s = e.stem { index.byStem[NameKey(s), default: []].append(i) }
        }
        var lengths: [Unicode.Scalar: [Int]] = [:]
        lengths.reserveCapacity(2_048)
        func add(_ n: NameKey) {
            // Counted by scalar (names are CJK, one scalar per character): no grapheme breaking.
            // A scalar starts at every UTF-8 byte that is not a continuation byte (10xxxxxx).
            var count = 0
            for b in n.text.utf8 where b & 0xC0 != 0x80 { count += 1 }
            guard count >= 2, let first = n.text.unicodeScalars.first else { return }
            if lengths[first]?.contains(count) != true { lengths[first, default: []].append(count) }
        }
        for n in byName.keys { add(n) }
        for n in index.byStem.keys { add(n) }
        index.lengthsByFirst = lengths.mapValues { $0.sorted(by: >) }
        return index
    }

    static func labels(_ rows: [RegionEntry]) -> [NameKey: [Int]] {
        var byLabel: [NameKey: [Int]] = [:]
        // A parent's short name (`parentShort`), worked out once per parent rather than per row.
        var shortParents: [String: String] = [:]
        for (i, e) in rows.enumerated() where e.until == nil && e.level != .province && e.level != .zone {
            let parent = e.level == .county ? (e.prefecture ?? e.province) : e.province
            let short = shortParents[parent] ?? RegionEntry.shortName(parent)
            shortParents[parent] = short
            guard !short.isEmpty else { continue }
            byLabel[NameKey(short + e.name), default: []].append(i)
            if let s = e.stem { byLabel[NameKey(short + s), default: []].append(i) }
        }
        return byLabel
    }

    /// Current divisions and zones (no former names).
    public var current: [RegionEntry] { entries.filter { $0.until == nil } }

    public func entry(code: String) -> RegionEntry? { byCode[code].map { entries[$0] } }

    /// Current rows designated by a name, alias or former name.
    public func entries(named name: String) -> [RegionEntry] { (byName[NameKey(name)] ?? []).map { entries[$0] } }

    /// Whether `a` contains `b` (a province its prefectures, counties and zones; a prefecture its counties).
    func contains(_ a: Int, _ b: Int) -> Bool {
        let p = entries[a], c = entries[b]
        guard a != b else { return false }
        switch p.level {
        case .province: return c.province == p.name && c.level != .province
        case .prefecture: return c.level == .county && c.prefecture == p.name && c.province == p.province
        default: return false
        }
    }

    /// What a user typed to name a region: a code, a name, alias or former name, a qualified name
    /// (`上海市普陀区`) or a parent-prefixed short form (`上海普陀`). Several rows when it is ambiguous.
    public func lookup(_ query: String) -> [RegionEntry] {
        let q = query.trimmingCharacters(in: .whitespaces)
        if let i = byCode[q] { return [entries[i]] }
        // A name as the catalogue writes it needs no text index (most commands ask only that).
        if let rows = byName[NameKey(q)] { return rows.map { entries[$0] } }
        if let l = byLabel[NameKey(q)] { return l.map { entries[$0] } }
        if let chain = chains(in: q).first, chain.start == 0, chain.end == q.count { return chain.candidates.map { entries[$0] } }
        let named = entries(named: q)
        // A name without its level word (`普陀`): every division it may stand for.
        if named.isEmpty, let rows = textIndex.byStem[NameKey(q)] { return rows.map { entries[$0] } }
        return named
    }

    /// The province a query names (`上海`, `上海市`, `浙江省`, `内蒙古`), nil for any other query.
    public func province(named query: String) -> String? {
        provinceIndex.keys.first { $0 == query || RegionEntry.shortName($0) == query }
    }

    /// The provinces a region as analyses show it (`上海普陀区`, `渝北区`, a zone) lies in.
    public func provinces(ofRegion region: String) -> Set<String> {
        var out = Set(lookup(region).map(\.province))
        if out.isEmpty, let z = zones(in: region, chains: chains(in: region)).first { out.insert(z.province) }
        return out
    }

    /// A region's name as displays show it: the short name, prefixed by its parent (`上海普陀区`)
    /// when another current division carries the same name.
    public func label(region: String, code: String?) -> String {
        guard let code, let i = byCode[code], (byName[NameKey(region)]?.count ?? 0) > 1 else { return region }
        return entries[i].parentShort + region
    }
}
