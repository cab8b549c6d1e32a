import Foundation
import YusuanCore

/// An entity as analysis outputs name it: canonical region and canonical name.
public struct EntityRef: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var region: String
    public var name: String
    public init(region: String, name: String) { self.region = region; self.name = name }
    public static func < (a: EntityRef, b: EntityRef) -> Bool { (a.region, a.name) < (b.region, b.name) }
    public var description: String { region.isEmpty ? name : "\(region) \(name)" }
}

/// One entity after alignment: every printed name it went by, where and when it appeared.
public struct EntityRecord: Hashable, Sendable {
    public var ref: EntityRef
    public var region: String { ref.region }
    public var name: String { ref.name }
    /// Other names: printed variants seen in documents and aliases from yusuan.yaml, sorted.
    public var aliases: [String]
    /// Peer groups from yusuan.yaml, sorted.
    public var groups: [String]
    /// Entity codes printed with it, sorted.
    public var entityCodes: [String]
    /// Fiscal years of the documents it appears in, ascending.
    public var years: [Int]
    /// Base names of those documents, sorted.
    public var documents: [String]
}

/// Aligns the same entity across years and keeps look-alikes apart.
///
/// Rules, in order:
/// 1. **Folding**: names compare after width/bracket/quote/space folding and without a trailing
///    `（本级）`/`本级`, a leading `重庆市`, and the region prefix in any of its spellings
///    (`潼南区`, `潼南`, `重庆经开区`…). So `重庆市潼南经济和信息化委员会` and
///    `重庆市潼南区经济和信息化委员会` are one entity. The region is part of the key: the 财政局 of
///    two districts never merge.
/// 2. **yusuan.yaml aliases**: every alias of an `entities` entry joins that entry.
/// 3. **Typo rule**: within one region, two names whose remainders (≥ 6 characters) are one edit
///    apart merge, unless the differing character is a numeral or ordinal (第一/第二), both appear in
///    documents of the same year (two names printed side by side are two entities), they carry
///    different entity codes, they are anchored to different yusuan.yaml entries, or a
///    `keep_apart` pair names them.
/// The canonical name is the yusuan.yaml name, else the printed name that spells the region in
/// full, is not `本级`, comes from the latest year, is most used, then sorts first.
// Safe to share: its tables are filled in `init` and only read afterwards (every mutating member
// is private and called from `init`).
public final class EntityRegistry: @unchecked Sendable {
    public struct Observation: Hashable, Sendable {
        public var region: String
        public var entity: String
        public var entityCode: String?
        public var documentYear: Int
        public var document: String
        public init(region: String, entity: String, entityCode: String?, documentYear: Int, document: String) {
            self.region = region; self.entity = entity; self.entityCode = entityCode
            self.documentYear = documentYear; self.document = document
        }
    }

    struct Key: Hashable, Comparable {
        var region: String
        var rest: String
        static func < (a: Key, b: Key) -> Bool { (a.region, a.rest) < (b.region, b.rest) }
    }

    public let config: AnalysisConfig
    public private(set) var records: [EntityRecord] = []
    private var byPrinted: [String: [String: Int]] = [:]   // region → printed name → record index
    private var byKey: [Key: Int] = [:]
    private var byGroup: [String: [Int]] = [:]

    /// Builds the registry from the facts' (region, entity) pairs.
    public convenience init(facts: [Fact], documentYears: [String: Int]? = nil, config: AnalysisConfig = .empty) {
        let years = documentYears ?? DocumentYears.infer(from: facts)
        var seen = Set<Observation>()
        var obs: [Observation] = []
        for f in facts {
            let o = Observation(region: f.regionLabel, entity: f.entity, entityCode: f.entityCode,
                                documentYear: years[f.document] ?? f.year, document: f.document)
            if seen.insert(o).inserted { obs.append(o) }
        }
        self.init(observations: obs, config: config)
    }

    public init(observations: [Observation], config: AnalysisConfig = .empty) {
        self.config = config
        build(observations)
    }

    // MARK: keys

    /// The comparison key of a printed name in a region.
    static func key(name: String, region: String) -> Key {
        var s = NameFolding.withoutOwnLevel(NameFolding.fold(name))
        let region = region.isEmpty ? (Region.find(in: s) ?? "") : region
        if let form = regionForms(region).first(where: { s.hasPrefix($0) && s.count > $0.count }) {
            s.removeFirst(form.count)
        } else if let p = Region.provinces(of: region).first(where: { s.hasPrefix($0) && s.count > $0.count }) {
            s.removeFirst(p.count)
        }
        return Key(region: region, rest: s)
    }

    /// Spellings of a region as a name prefix, longest first (data: the region catalogue).
    static func regionForms(_ region: String) -> [String] {
        Region.forms(of: region).map(NameFolding.fold)
    }

    // MARK: building

    private func build(_ observations: [Observation]) {
        // Distinct printed names per region, in a fixed order.
        struct Printed { var region: String; var name: String; var key: Key
            var years = Set<Int>(); var docs = Set<String>(); var codes = Set<String>(); var uses = 0 }
        var printedIndex: [String: Int] = [:]
        var printed: [Printed] = []
        for o in observations.sorted(by: { ($0.region, $0.entity, $0.document) < ($1.region, $1.entity, $1.document) }) {
            let id = o.region + "\u{1}" + o.entity
            let i: Int
            if let j = printedIndex[id] { i = j } else {
                i = printed.count; printedIndex[id] = i
                printed.append(Printed(region: o.region, name: o.entity, key: Self.key(name: o.entity, region: o.region)))
            }
            printed[i].years.insert(o.documentYear)
            printed[i].docs.insert(o.document)
            if let c = o.entityCode, !c.isEmpty { printed[i].codes.insert(c) }
            printed[i].uses += 1
        }

        // Union-find nodes: printed names first, then yusuan.yaml entries.
        let entries = config.entities ?? []
        var parent = Array(0..<(printed.count + entries.count))
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        func union(_ a: Int, _ b: Int) { let ra = find(a), rb = find(b); if ra != rb { parent[max(ra, rb)] = min(ra, rb) } }

        var nodeOfKey: [Key: Int] = [:]
        for (i, p) in printed.enumerated() {
            if let j = nodeOfKey[p.key] { union(i, j) } else { nodeOfKey[p.key] = i }
        }
        // yusuan.yaml entries and their aliases.
        var entryOfNode: [Int: Int] = [:]
        for (e, entry) in entries.enumerated() {
            let node = printed.count + e
            entryOfNode[node] = e
            for key in Self.entryKeys(entry) {
                if let j = nodeOfKey[key] {
                    // An observation already claimed by an earlier entry stays with it.
                    if let other = anchoredEntry(find(j)), other != e { continue }
                    union(node, j)
                } else { nodeOfKey[key] = node }
            }
        }
        func anchoredEntry(_ root: Int) -> Int? {
            // Lowest entry index wins, so the answer does not depend on dictionary order.
            entryOfNode.filter { find($0.key) == root }.map(\.value).min()
        }

        // Aggregates per root, kept current while the typo rule merges.
        var yearsOf: [Int: Set<Int>] = [:], codesOf: [Int: Set<String>] = [:]
        for (i, p) in printed.enumerated() {
            yearsOf[find(i), default: []].formUnion(p.years)
            codesOf[find(i), default: []].formUnion(p.codes)
        }
        let apart: Set<[String]> = Set((config.keepApart ?? []).flatMap { pair -> [[String]] in
            guard pair.count == 2 else { return [] }
            let a = NameFolding.fold(pair[0]), b = NameFolding.fold(pair[1])
            return [[a, b], [b, a]]
        })
        func keptApart(_ i: Int, _ j: Int) -> Bool {
            guard !apart.isEmpty else { return false }
            let ni = (0..<printed.count).filter { find($0) == find(i) }.map { NameFolding.fold(printed[$0].name) }
            let nj = (0..<printed.count).filter { find($0) == find(j) }.map { NameFolding.fold(printed[$0].name) }
            return ni.contains { a in nj.contains { b in apart.contains([a, b]) } }
        }

        // Typo rule, region by region, over distinct keys in sorted order.
        var keysByRegion: [String: [Key]] = [:]
        for k in Set(printed.map(\.key)) { keysByRegion[k.region, default: []].append(k) }
        for region in keysByRegion.keys.sorted() {
            let keys = keysByRegion[region]!.sorted().map { ($0, Array($0.rest)) }
            for a in 0..<keys.count {
                let ca = keys[a].1
                guard ca.count >= 6 else { continue }
                for b in (a + 1)..<max(a + 1, keys.count) {
                    let cb = keys[b].1
                    guard cb.count >= 6, abs(ca.count - cb.count) <= 1,
                          NameFolding.editDistance(ca, cb, cap: 1) == 1 else { continue }
                    let (x, y) = NameFolding.singleDifference(ca, cb)
                    if let x, NameFolding.numerals.contains(x) { continue }
                    if let y, NameFolding.numerals.contains(y) { continue }
                    let ra = find(nodeOfKey[keys[a].0]!), rb = find(nodeOfKey[keys[b].0]!)
                    guard ra != rb else { continue }
                    if !(yearsOf[ra] ?? []).isDisjoint(with: yearsOf[rb] ?? []) { continue }
                    let codesA = codesOf[ra] ?? [], codesB = codesOf[rb] ?? []
                    if !codesA.isEmpty, !codesB.isEmpty, codesA.isDisjoint(with: codesB) { continue }
                    if let ea = anchoredEntry(ra), let eb = anchoredEntry(rb), ea != eb { continue }
                    if keptApart(ra, rb) { continue }
                    union(ra, rb)
                    let r = find(ra)
                    yearsOf[r] = (yearsOf[ra] ?? []).union(yearsOf[rb] ?? [])
                    codesOf[r] = codesA.union(codesB)
                }
            }
        }

        // Records.
        var members: [Int: [Int]] = [:]
        for i in 0..<printed.count { members[find(i), default: []].append(i) }
        var built: [(EntityRecord, [Int], Int)] = []   // record, printed members, root
        for (root, idxs) in members {
            let entry = anchoredEntry(root).map { entries[$0] }
            let regionCounts = Dictionary(idxs.map { (printed[$0].region, printed[$0].uses) }, uniquingKeysWith: +)
            let region = entry?.region
                ?? regionCounts.filter { !$0.key.isEmpty }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key
                ?? printed[idxs[0]].key.region
            let name: String
            if let entry { name = entry.name } else {
                // A label (舟山普陀区) is spelled in names by its short name.
                let plain = RegionCatalogue.shared.lookup(region).first?.name ?? region
                name = idxs.map { printed[$0] }.sorted { a, b in
                    let fa = a.name.contains(plain) ? 0 : 1, fb = b.name.contains(plain) ? 0 : 1
                    if fa != fb { return fa < fb }
                    let ba = NameFolding.isOwnLevel(a.name) ? 1 : 0
                    let bb = NameFolding.isOwnLevel(b.name) ? 1 : 0
                    if ba != bb { return ba < bb }
                    let ya = a.years.max() ?? 0, yb = b.years.max() ?? 0
                    if ya != yb { return ya > yb }
                    if a.uses != b.uses { return a.uses > b.uses }
                    return a.name < b.name
                }[0].name
            }
            var aliases = Set(idxs.map { printed[$0].name })
            aliases.formUnion(entry?.aliases ?? [])
            aliases.remove(name)
            let record = EntityRecord(
                ref: EntityRef(region: region, name: name),
                aliases: aliases.sorted(), groups: [],
                entityCodes: Set(idxs.flatMap { printed[$0].codes }).sorted(),
                years: Set(idxs.flatMap { printed[$0].years }).sorted(),
                documents: Set(idxs.flatMap { printed[$0].docs }).sorted())
            built.append((record, idxs, root))
        }
        built.sort { $0.0.ref < $1.0.ref }
        records = built.map(\.0)
        var recordOfRoot: [Int: Int] = [:]
        for (r, (_, idxs, root)) in built.enumerated() {
            recordOfRoot[root] = r
            for i in idxs { byPrinted[printed[i].region, default: [:]][printed[i].name] = r }
        }
        for (key, node) in nodeOfKey { if let r = recordOfRoot[find(node)] { byKey[key] = r } }
        // yusuan.yaml entries without observations still resolve their aliases for nothing:
        // a group member with no data simply has no record.
        for (group, names) in config.groups ?? [:] {
            var idx = Set<Int>()
            for n in names { if let r = index(name: n, region: "") { idx.insert(r) } }
            byGroup[group] = idx.sorted()
            for r in idx { records[r].groups.append(group) }
        }
        for r in records.indices { records[r].groups.sort() }
    }

    static func entryKeys(_ entry: AnalysisConfig.EntityEntry) -> [Key] {
        var keys: [Key] = []
        for n in [entry.name] + (entry.aliases ?? []) {
            keys.append(key(name: n, region: entry.region ?? ""))
            if entry.region != nil { keys.append(key(name: n, region: "")) }
        }
        var seen = Set<Key>()
        return keys.filter { seen.insert($0).inserted }
    }

    // MARK: lookup

    private func index(name: String, region: String) -> Int? {
        if let r = byPrinted[region]?[name] { return r }
        if let r = byKey[Self.key(name: name, region: region)] { return r }
        if !region.isEmpty { return byKey[Self.key(name: name, region: "")] }
        return nil
    }

    /// The record of a printed name in a region (the region may be empty: it is then read from the name).
    public func record(name: String, region: String) -> EntityRecord? {
        index(name: name, region: region).map { records[$0] }
    }

    /// The canonical reference of a fact's entity.
    public func ref(region: String, entity: String) -> EntityRef {
        record(name: entity, region: region)?.ref ?? EntityRef(region: region, name: entity)
    }

    /// Peer group names, sorted.
    public var groupNames: [String] { byGroup.keys.sorted() }

    /// The entities of a peer group that have data, sorted by region and name.
    public func members(ofGroup group: String) -> [EntityRecord] {
        (byGroup[group] ?? []).map { records[$0] }
    }

    /// Whether a record passes the command-line filters. `entity` matches a canonical name or alias
    /// after folding, a folded substring of one, or any name the alignment rules resolve to it; `region` matches the canonical region or a spelling
    /// of it (`潼南`, `潼南区`, `重庆经开区`).
    public func matches(_ record: EntityRecord, regions: [String] = [], entities: [String] = [],
                        groups: [String] = []) -> Bool {
        if !regions.isEmpty {
            let ok = regions.contains { r in
                r == record.region || Self.regionForms(record.region).contains(NameFolding.fold(r))
                    || Region.find(in: r) == record.region
                    || RegionCatalogue.shared.lookup(r).contains { RegionCatalogue.shared.label(region: $0.name, code: $0.code) == record.region }
                    || RegionQuery.matches(r, region: record.region)
            }
            if !ok { return false }
        }
        if !entities.isEmpty {
            let ok = entities.contains { e in
                Self.printedNameMatches(record, NameFolding.fold(e)) || self.record(name: e, region: "")?.ref == record.ref
            }
            if !ok { return false }
        }
        if !groups.isEmpty, !groups.contains(where: { record.groups.contains($0) }) { return false }
        return true
    }

    /// Whether one of the record's printed names (or aliases) is, or contains, the folded value.
    static func printedNameMatches(_ record: EntityRecord, _ folded: String) -> Bool {
        ([record.name] + record.aliases).contains { let n = NameFolding.fold($0); return n == folded || n.contains(folded) }
    }

    public func matches(_ ref: EntityRef, regions: [String] = [], entities: [String] = [], groups: [String] = []) -> Bool {
        guard let rec = record(name: ref.name, region: ref.region) else {
            return regions.isEmpty && groups.isEmpty && (entities.isEmpty || entities.contains {
                NameFolding.fold(ref.name).contains(NameFolding.fold($0)) })
        }
        return matches(rec, regions: regions, entities: entities, groups: groups)
    }
}

/// A document's own fiscal year.
public enum DocumentYears {
    /// The max year among a document's facts (a prior-year column never exceeds the document's year).
    public static func infer(from facts: [Fact]) -> [String: Int] {
        var out: [String: Int] = [:]
        for f in facts { out[f.document] = max(out[f.document] ?? f.year, f.year) }
        return out
    }
}
