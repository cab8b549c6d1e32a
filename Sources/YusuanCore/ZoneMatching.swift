import Foundation

/// A development zone or new area the catalogue does not list by name, found in running text: a
/// city's or province's name or short form, at most six more characters, and a zone word from
/// `zone-words.tsv` (`武汉东湖新技术开发区`, `湖北省武汉市东湖新技术开发区`, `苏州高新技术产业开发区`).
public struct ZoneMatch: Hashable, Sendable {
    /// Character offsets of the printed name (from its city or province) in the text.
    public var start: Int
    public var end: Int
    /// The zone's name as yusuan keys it: the city's (or province's) short form, the zone's own
    /// words and the zone word (`武汉东湖新技术开发区`); a catalogued zone's name where it is one.
    public var name: String
    public var province: String
}

extension RegionCatalogue {
    static let zoneWords: [[Character]] = Knowledge.rows("zone-words").compactMap { $0.first }
        .filter { !$0.isEmpty }.map(Array.init).sorted { $0.count > $1.count }
    /// A zone's own words between its city and its zone word: at most this many characters.
    static let zoneCoreLength = 6

    /// Zones named in `text` outside the catalogue's names (`chains`: the chains found in it).
    public func zones(in text: String, chains: [RegionChain]) -> [ZoneMatch] {
        let chars = Array(text)
        var out: [ZoneMatch] = []
        var i = 0
        while i < chars.count {
            guard let word = Self.zoneWords.first(where: { w in i + w.count <= chars.count && Array(chars[i..<i + w.count]) == w }),
                  !chains.contains(where: { $0.start <= i && i < $0.end }),
                  let z = zone(chars, word: i, length: word.count, chains: chains) else { i += 1; continue }
            out.append(z)
            i = z.end
        }
        return out
    }

    /// The city or province right before the zone's own words ending at `word`, if any.
    private func zone(_ chars: [Character], word: Int, length: Int, chains: [RegionChain]) -> ZoneMatch? {
        let index = textIndex
        for core in 0...Self.zoneCoreLength where word - core >= 0 {
            let k = word - core   // where the zone's own words begin
            // The zone's own words are not a division's name: a park of a district stays with it.
            guard chars[k..<word].allSatisfy(Self.isHan),
                  !chains.contains(where: { $0.start < word && $0.end > k }) else { break }
            var parent: (start: Int, row: RegionEntry)?
            if let c = chains.last(where: { $0.end == k }), case let rows = self.rows(c),
               rows.count == 1, rows[0].level == .province || rows[0].level == .prefecture {
                parent = (c.start, rows[0])
            } else {
                // A city's short form (`武汉`), which chains find only after its province.
                for len in (2...4).reversed() where k - len >= 0 {
                    let s = String(chars[k - len..<k])
                    let rows = (index.byStem[NameKey(s)] ?? []).map { entries[$0] }.filter { $0.level == .prefecture }
                    if rows.count == 1 { parent = (k - len, rows[0]); break }
                    if let p = provinceIndex.first(where: { RegionEntry.shortName($0.key) == s }) { parent = (k - len, entries[p.value]); break }
                }
            }
            guard let (start, row) = parent else { continue }
            let short = RegionEntry.shortName(row.name)
            let name = short + String(chars[k..<word + length])
            // A catalogued zone printed another way (`重庆市高新区` is 重庆高新技术产业开发区).
            let known = entries(named: name).first { $0.level == .zone }
            return ZoneMatch(start: start, end: word + length, name: known?.name ?? name,
                             province: known?.province ?? row.province)
        }
        return nil
    }

    static func isHan(_ c: Character) -> Bool {
        c.unicodeScalars.count == 1 && (0x4E00...0x9FFF).contains(c.unicodeScalars.first!.value)
    }
}
