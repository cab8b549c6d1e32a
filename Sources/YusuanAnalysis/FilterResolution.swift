import Foundation
import YusuanCore

/// How a user's `--region` names a region: the canonical name, a known spelling (`重庆经开区`), the
/// name's start (`潼南`, `大渡口`, `石柱`, `万盛`), or a zone's spelling without `重庆` (`经开区`).
public enum RegionQuery {
    public static func matches(_ query: String, region: String) -> Bool {
        let q = NameFolding.fold(query)
        guard !q.isEmpty, !region.isEmpty else { return false }
        if q == region || Region.find(in: q) == region { return true }
        let cat = RegionCatalogue.shared
        // A province (`上海`, `浙江省`): every region in it, never a part of them.
        if let p = cat.province(named: q) { return cat.provinces(ofRegion: region).contains(p) }
        if EntityRegistry.regionForms(region).contains(q) { return true }
        if cat.lookup(q).contains(where: { cat.label(region: $0.name, code: $0.code) == region }) { return true }
        if q.count >= 2, region.hasPrefix(q) { return true }
        // A zone's spelling without its province (`经开区` for `重庆经开区`).
        return cat.lookup(region).contains { z in
            z.level == .zone && !z.parentShort.isEmpty && EntityRegistry.regionForms(region).contains(NameFolding.fold(z.parentShort + q))
        }
    }
}

/// A filter value that matches nothing in the store, with the closest names that do.
public struct UnmatchedFilter: Hashable, Sendable {
    /// The option, e.g. `region`.
    public var option: String
    public var value: String
    public var candidates: [String]
}

extension EntityRegistry {
    /// Every `--region`, `--entity` and `--group` value that matches no entity of the store (each
    /// on its own), with up to five closest candidates: a filter never silently gives nothing.
    public func unmatched(regions: [String], entities: [String], groups: [String]) -> [UnmatchedFilter] {
        var out: [UnmatchedFilter] = []
        for r in regions where !records.contains(where: { matches($0, regions: [r]) }) {
            out.append(UnmatchedFilter(option: "region", value: r,
                                       candidates: Self.closest(r, in: Set(records.map(\.region)))))
        }
        // A value that is (part of) a printed name matches without reading region names out of it
        // (`record(name:region:)`, which builds the catalogue's text index on first use).
        for e in entities {
            let f = NameFolding.fold(e)
            if records.contains(where: { Self.printedNameMatches($0, f) }) || records.contains(where: { matches($0, entities: [e]) }) {
                continue
            }
            out.append(UnmatchedFilter(option: "entity", value: e,
                                       candidates: Self.closest(e, in: Set(records.flatMap { [$0.name] + $0.aliases }))))
        }
        for g in groups where members(ofGroup: g).isEmpty {
            out.append(UnmatchedFilter(option: "group", value: g, candidates: Self.closest(g, in: Set(groupNames))))
        }
        return out
    }

    /// Names sharing the most characters with `query` (ties by name), at most `limit`.
    public static func closest(_ query: String, in names: Set<String>, limit: Int = 5) -> [String] {
        let q = Set(NameFolding.fold(query))
        let scored = names.map { n -> (Int, String) in (Set(NameFolding.fold(n)).intersection(q).count, n) }
        let hits = scored.filter { $0.0 > 0 }.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        return Array((hits.isEmpty ? scored.sorted { $0.1 < $1.1 } : hits).prefix(limit).map(\.1))
    }
}
