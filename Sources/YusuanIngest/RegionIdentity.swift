import Foundation
import YusuanCore

/// What the user says about regions where a document's text cannot: `yusuan ingest --region`, and
/// yusuan.yaml's `regions:` and entity `region:` entries. Each value is a name, code or `上海普陀`.
public struct RegionHints: Sendable, Hashable {
    /// `--region`: the region of every document read (wins over the text, with a warning if they differ).
    public var region: String?
    /// Entity name → its region (yusuan.yaml entities).
    public var byEntity: [String: String]
    /// The regions a user works with: settle a short name several divisions share.
    public var known: [String]
    public init(region: String? = nil, byEntity: [String: String] = [:], known: [String] = []) {
        self.region = region; self.byEntity = byEntity; self.known = known
    }
}

/// A document's region, read from its entity name, heading, table titles and narrative, in that order.
enum RegionIdentity {
    struct Result {
        var region: String
        var code: String?
        var province: String
        /// Catalogue keys with their arguments (the message is rendered where it is shown).
        var warnings: [(line: Int, rule: IngestRule, key: String, args: [String: String])] = []
    }

    /// Texts searched, each stage as lines joined without a separator (a name wrapped over two lines
    /// is found whole), with the line each character came from.
    struct Stage {
        var text = ""
        var lineOf: [Int] = []
        var starts: Set<Int> = []
        mutating func add(_ s: String, line: Int) {
            starts.insert(lineOf.count)
            text += s
            lineOf += Array(repeating: line, count: Clean.characterCount(s))
        }
    }

    static func read(entity: (String, Int)?, head: [(String, Int)], titles: [(String, Int)], narrative: [(String, Int)],
                     entityName: String?, hints: RegionHints, document: String) throws -> Result {
        let cat = RegionCatalogue.shared
        var stages: [Stage] = []
        for texts in [entity.map { [$0] } ?? [], head, titles, narrative] {
            var s = Stage()
            for (t, l) in texts { s.add(t, line: l) }
            stages.append(s)
        }
        var chosen: (chain: RegionChain, line: Int, printed: String)?
        var zone: ZoneMatch?
        for (k, s) in stages.enumerated() where chosen == nil && zone == nil {
            let chains = cat.chains(in: s.text, starts: s.starts)
            // A zone the catalogue does not list (武汉东湖新技术开发区), in the entity name or heading,
            // is more precise than its own city or province found before it.
            if k < 2, let z = cat.zones(in: s.text, chains: chains).first,
               chains.first.map({ $0.start >= z.start || cat.rows($0).allSatisfy { $0.level == .province || $0.level == .prefecture } }) ?? true {
                zone = z
            } else if let c = chains.first {
                chosen = (c, s.lineOf[c.start], String(Array(s.text)[c.start..<c.end]))
            }
        }
        let entityHint = entityName.flatMap { e in hints.byEntity.first { Clean.key($0.key) == Clean.key(e) }?.value }
        if let z = zone, hints.region == nil, entityHint == nil {
            return Result(region: z.name, code: nil, province: z.province)
        }
        var warnings: [(Int, IngestRule, String, [String: String])] = []
        var candidates = chosen.map { cat.rows($0.chain) } ?? []
        let line = chosen?.line ?? 1
        // The province or prefecture named elsewhere in the text settles a shared short name.
        if candidates.count > 1 {
            var mentioned = Set<String>()   // provinces and prefectures named unambiguously anywhere
            for s in stages {
                for c in cat.chains(in: s.text, starts: s.starts) where c.candidates.count == 1 {
                    let r = cat.rows(c)[0]
                    mentioned.insert(r.province)
                    if let p = r.prefecture { mentioned.insert(r.province + p) }
                    if r.level == .prefecture { mentioned.insert(r.province + r.name) }
                }
            }
            let inContext = candidates.filter { r in
                mentioned.contains(r.province) || r.prefecture.map { mentioned.contains(r.province + $0) } == true
            }
            if inContext.count == 1 { candidates = inContext }
        }
        if let q = hints.region ?? entityHint {
            let source = hints.region != nil ? "--region" : "yusuan.yaml（\(entityName ?? "")）"
            var rows = cat.lookup(q)
            // A short name several divisions share still settles a text that names one of them.
            if rows.count > 1, case let kept = rows.filter(candidates.contains), kept.count == 1 { rows = kept }
            if rows.count == 1 {
                let r = rows[0]
                // The text names other divisions (one, or several of one name): the user's word wins, said.
                if !candidates.isEmpty, !candidates.contains(r) {
                    warnings.append((line, .regionOverride, "warn.region-override", ["text": candidates.map(\.fullName).joined(separator: "、"), "source": source, "given": r.fullName]))
                }
                candidates = [r]
            } else {
                warnings.append((line, .regionHint, rows.isEmpty ? "warn.region-unknown" : "warn.region-several",
                                 ["source": source, "value": q, "candidates": describe(rows)]))
            }
        }
        if candidates.count > 1, !hints.known.isEmpty {
            let known = Set(hints.known.flatMap { cat.lookup($0) })
            let kept = candidates.filter { known.contains($0) }
            if kept.count == 1 { candidates = kept }
        }
        guard let first = candidates.first else {
            throw IngestError.notADisclosure(file: document, reason: L("reason.noregion"))
        }
        if candidates.count > 1 {
            let printed = chosen?.printed ?? first.name
            warnings.append((line, .ambiguousRegion, "warn.ambiguous-region", ["printed": printed, "candidates": describe(candidates)]))
            let names = Set(candidates.map(\.name))
            return Result(region: names.count == 1 ? first.name : printed, code: nil, province: "", warnings: warnings)
        }
        return Result(region: first.name, code: first.code, province: first.province, warnings: warnings)
    }

    static func describe(_ rows: [RegionEntry]) -> String {
        rows.map { r in r.code.map { "\(r.fullName) (\($0))" } ?? r.fullName }.joined(separator: ", ")
    }
}
