import Foundation
import YusuanCore

/// Region, entity, year and stage, read from the content (never from the file name).
/// A warning about the document's identity: its catalogue key and arguments.
typealias IdentityWarning = (line: Int, rule: String, key: String, args: [String: String])

enum IdentityReader {
    /// Words that make a line the heading: "X 2024 年部门预算情况说明" (data: `narrative-words.tsv`).
    static let headingWords = NarrativeWords.heading

    static func read(narrative: [SourceLine], blocks: [Block], document: String, hints: RegionHints = RegionHints(),
                     warnings: inout [IdentityWarning]) throws -> DocumentIdentity {
        let headLines = narrative.prefix(12).map { Clean.label($0.text) }.filter { !$0.isEmpty && Clean.characterCount($0) <= 60 }
        // Year and stage: the heading, else the table titles.
        var year: Int?
        var stage: Stage = .budget
        var headingEntity: String?
        for (i, h) in headLines.enumerated() {
            let k = Clean.key(h)
            guard headingWords.contains(where: { k.contains($0) }) || k.hasSuffix("预算") || k.hasSuffix("决算"),
                  let y = yearsMentioned(k).first else { continue }
            year = y
            if k.contains("决算") { stage = .final }
            // Entity: the text before the year, or the heading line above it.
            if let r = h.range(of: String(y)) {
                let before = Clean.label(Substring(h[..<r.lowerBound]))
                // "2024年重庆市某区某局部门预算情况说明": the entity follows the year.
                var after = Clean.labelKey(Substring(h[r.upperBound...]))
                if after.hasPrefix("年") { after.removeFirst() }
                if let cut = NarrativeWords.headingEntityEnd
                    .compactMap({ LiteralSearch.firstRange(of: $0, in: after)?.lowerBound }).min() { after = String(after[..<cut]) } else { after = "" }
                if before.count >= 4 { headingEntity = before }
                else if before.isEmpty, after.count >= 4 { headingEntity = after }
                else {
                    // A cover name wrapped over lines (“上海市普陀区” / “财政局2024年度部门决算”, or
                    // “上海市普陀区” / “财政局” above the heading): its pieces above are joined.
                    var name = before
                    var j = i - 1
                    while j >= 0, name.count < 4, Self.isNameFragment(headLines[j], longest: j == i - 1 ? 40 : 24) {
                        name = headLines[j] + name
                        j -= 1
                    }
                    if name.count >= 4 { headingEntity = name }
                }
            }
            break
        }
        let titled = blocks.filter { $0.kind != .directory && !$0.title.isEmpty }
        // The year by consensus of the heading, the table titles and the narrative's own headings: one
        // wrong year in the title is a slip to report, not the document's year (a tie keeps the heading's).
        var counts: [Int: Int] = [:]
        if let y = year { counts[y, default: 0] += 1 }
        for b in titled { if let y = yearsMentioned(Clean.key(b.title)).first { counts[y, default: 0] += 1 } }
        // Tables whose titles print no year still name it over their columns (“2023年预算数 | 2024年
        // 预算数”: the latest is the table's own year): one vote per table.
        for b in titled where yearsMentioned(Clean.key(b.title)).isEmpty {
            let header = b.lines.prefix(while: { l in !l.cells.contains { if case .number = Numbers.cell($0, unit: .yuan) { return true }; return false } }).prefix(6)
            if let y = header.flatMap({ l in l.cells.flatMap { yearsMentioned(String($0)) } }).max() { counts[y, default: 0] += 1 }
        }
        // A heading of the narrative: a short line naming a 预算 or 决算 and a year, no amount, no
        // comparison (a reference year: "较2023年", "上年").
        var votedHeading = false
        for l in narrative {
            let k = Clean.labelKey(l.text)
            guard Clean.characterCount(k) <= 60, k.contains("预算") || k.contains("决算"), !Self.referenceMarks.contains(where: { k.contains($0) }),
                  let y = yearsMentioned(k).first else { continue }
            // The title was counted above.
            if !votedHeading, y == year { votedHeading = true; continue }
            counts[y, default: 0] += 1
        }
        if let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && ($0.key == year || ($1.key != year && $0.key < $1.key))) }) {
            if best.key != year, counts[year ?? 0, default: 0] < best.value { year = best.key }
        }
        if titled.contains(where: { $0.title.contains("决算") }) && !titled.contains(where: { $0.title.contains("预算") }) { stage = .final }
        guard let year else {
            throw IngestError.notADisclosure(file: document, reason: L("reason.noyear"))
        }
        guard !titled.isEmpty || narrative.contains(where: { $0.text.contains("预算") && $0.text.contains("元") }) else {
            throw IngestError.notADisclosure(file: document, reason: L("reason.notables"))
        }

        // Entity: 部门全称 of a table, else the heading, else a table title's prefix.
        let isBooklet = blocks.contains { $0.kind == .specialFundCatalogue }
        // A left-in template placeholder ("部门全称：XXX局") is never the entity: the audit reports it.
        var entity = blocks.compactMap(\.entityHint).map(Self.stripCode).map { Self.trailingCode($0).name }
            .first { $0.count >= 4 && !Self.isPlaceholder($0) }
        if entity == nil, let h = headingEntity, !Self.isPlaceholder(h) { entity = h }
        if entity == nil {
            for b in titled {
                let t = Clean.key(b.title)
                if let cut = NarrativeWords.titleEntityEnd
                    .compactMap({ LiteralSearch.firstRange(of: $0, in: t)?.lowerBound }).min() {
                    var e = String(t[..<cut])
                    if let y = yearsMentioned(e).first, let r = e.range(of: "\(y)年") { e.removeSubrange(e.startIndex..<r.upperBound) }
                    // The start of a table's own name (“国有资本经营预算…”) is no department.
                    if e.count >= 4, !Self.isPlaceholder(e), !NarrativeWords.tableName.contains(where: { e.contains($0) }) { entity = e; break }
                }
            }
        }
        let head = narrative.prefix(12).map { (Clean.label($0.text), $0.number) }.filter { !$0.0.isEmpty && Clean.characterCount($0.0) <= 60 }
        let entityLine = entity.flatMap { e in narrative.first { Clean.labelKey($0.text).contains(Clean.key(e)) }?.number }
            ?? blocks.first { $0.entityHint != nil }?.titleLine ?? 1
        let found = try RegionIdentity.read(
            entity: entity.map { ($0, entityLine) }, head: head, titles: titled.map { ($0.title, $0.titleLine) },
            narrative: narrative.prefix(40).map { (String($0.text), $0.number) },
            entityName: entity.map(Self.canonicalEntity), hints: hints, document: document)
        warnings = found.warnings.map { ($0.line, $0.rule.rawValue, $0.key, $0.args) }
        let region = found.region
        if isBooklet && (entity == nil || entity == region) {
            entity = "\(region)重点专项资金"
        }
        // A blank form names its department only by a placeholder (“上海市XX局”): that, rather than nothing.
        if entity == nil {
            entity = blocks.compactMap(\.entityHint).first { $0.count >= 4 } ?? headingEntity
        }
        guard let entity = entity.map(Self.canonicalEntity) else {
            throw IngestError.notADisclosure(file: document, reason: L("reason.noentity"))
        }
        return DocumentIdentity(region: region, entity: entity, entityCode: nil, year: year, stage: stage,
                                regionCode: found.code, province: found.province)
    }

    /// A line that may be part of a cover name wrapped over lines: short, no figure, no document word.
    static func isNameFragment(_ line: String, longest: Int) -> Bool {
        Clean.characterCount(line) <= longest && !line.contains { "0123456789０１２３４５６７８９".contains($0) } && !(NarrativeWords.tableName + NarrativeWords.notCoverName).contains { line.contains($0) }
    }

    /// Marks of a line that names a reference year, not the document's (an amount, a comparison).
    static let referenceMarks = ["元", "较", "比", "上年", "截至", "同期"]

    /// A template's filler left in a name: two or more filler marks in a row ("XX局", "XXX单位",
    /// "××区", "某某"); a rule of shape, so it is code, not a word list.
    static func isPlaceholder(_ s: String) -> Bool {
        var run = 0
        for c in s {
            if "XxＸｘ×＊*某".contains(c) { run += 1; if run >= 2 { return true } } else { run = 0 }
        }
        return false
    }

    /// `重庆市江津第二中学校（131005）` → (the name, “131005”); a name without a code stays whole.
    static func trailingCode(_ s: String) -> (name: String, code: String?) {
        guard let open = s.lastIndex(where: { $0 == "(" || $0 == "（" }), s.hasSuffix(")") || s.hasSuffix("）") else { return (s, nil) }
        let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
        guard (3...9).contains(inner.count), inner.allSatisfy({ $0.isASCIIDigit }) else { return (s, nil) }
        return (String(s[..<open]), String(inner))
    }

    /// `109-重庆经济技术开发区管理委员会` → the name.
    static func stripCode(_ s: String) -> String {
        PerformanceReader.splitCoded(s).name
    }

    /// The entity's name as printed, without `（本级）` and stray spaces.
    static func canonicalEntity(_ s: String) -> String {
        NameFolding.withoutOwnLevel(Clean.label(Substring(s)).replacingOccurrences(of: " ", with: ""))
    }

    /// The entity's code: printed as `109-名称` somewhere, or as a unit code like `715001-…`.
    /// The entity's code as printed with it: `109-名称`, `单位编码：131005`, `名称（131005）`, or a
    /// three-digit department code on the 三公 row (a six-digit code there is a sub-unit's).
    static func entityCode(lines: DocumentLines, blocks: [Block], entity: String, sangongCode: String?) -> String? {
        let key = Clean.key(entity)
        // Only lines with a hyphen are split into cells (found in the whole text at once).
        for i in lines.indices(holding: UInt8(ascii: "-")) where ByteSearch.has(UInt8(ascii: "-"), in: lines.text(at: i)) {
            for cell in lines[i].cells where ByteSearch.has(UInt8(ascii: "-"), in: cell) && cell.utf8.count < 200 {
                let (code, name) = PerformanceReader.splitCoded(String(cell))
                if let code, Clean.key(name) == key { return code }
            }
        }
        if let hint = blocks.lazy.compactMap(\.codeHint).first { return hint }
        if let code = blocks.lazy.compactMap({ $0.entityHint.flatMap { Self.trailingCode($0).code } }).first { return code }
        if let s = sangongCode, s.count == 3 { return s }
        return nil
    }
}
