import Foundation
import YusuanCore

/// One row of the catalogue: a code's canonical name for a span of fiscal years.
public struct SubjectEntry: Hashable, Sendable {
    public var code: SubjectCode
    public var name: String
    /// First fiscal year the name is valid (inclusive); nil = since ever.
    public var since: Int?
    /// Last fiscal year the name is valid (inclusive); nil = still valid.
    public var until: Int?
    /// Codes that took over from this one (a split or a move), empty when none.
    public var replacedBy: [SubjectCode]
    public var note: String

    public func isValid(in year: Int) -> Bool {
        (since.map { year >= $0 } ?? true) && (until.map { year <= $0 } ?? true)
    }
}

/// A code placed in the classification: its level, family, name and parents (known even when
/// a document omits the parent rows).
public struct ResolvedSubject: Hashable, Sendable {
    public var code: SubjectCode
    public var level: SubjectCode.Level
    public var family: SubjectCode.Family
    /// Canonical name for the year asked (or the latest name), nil when the code is not catalogued.
    public var name: String?
    /// 类 first, then 款; each with its canonical name when catalogued.
    public var parents: [(code: SubjectCode, name: String?)]

    public static func == (a: ResolvedSubject, b: ResolvedSubject) -> Bool {
        a.code == b.code && a.name == b.name && a.parents.map(\.code) == b.parents.map(\.code)
            && a.parents.map(\.name) == b.parents.map(\.name)
    }
    public func hash(into h: inout Hasher) { h.combine(code); h.combine(name) }
}

/// The outcome of checking a printed name against the catalogue. Never replaces the printed name.
public enum NameCheck: Hashable, Sendable {
    /// Same name, up to width/bracket/space differences.
    case matches
    /// The printed name differs from the canonical name of that year.
    case differs(printed: String, canonical: String)
    /// The printed name is a name the code carried in another year (e.g. before a rename).
    case otherYearName(printed: String, canonical: String, validFor: String)
    /// The code is not in the catalogue.
    case unknownCode
}

public enum SubjectCatalogueError: Error, CustomStringConvertible {
    case badRow(line: Int, text: String)
    case missingResource
    public var description: String {
        switch self {
        case let .badRow(line, text): "subjects.tsv:\(line): cannot read row: \(text)"
        case .missingResource: "subjects.tsv is missing from the YusuanAnalysis bundle"
        }
    }
}

/// The 政府收支分类科目 catalogue, read from `Resources/subjects.tsv`.
public struct SubjectCatalogue: Sendable {
    private var byCode: [SubjectCode: [SubjectEntry]]

    /// The catalogue shipped with yusuan.
    public static let standard: SubjectCatalogue = {
        guard let url = Bundle.module.url(forResource: "subjects", withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "subjects", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              let cat = try? SubjectCatalogue(tsv: text) else {
            // A build without the resource is a packaging defect, not a user error.
            fatalError(SubjectCatalogueError.missingResource.description)
        }
        return cat
    }()

    /// Reads the TSV: `code name since until replaced_by note`; `#` lines and the header are skipped.
    public init(tsv: String) throws {
        var map: [SubjectCode: [SubjectEntry]] = [:]
        for (i, raw) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("code\t") { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2, let code = SubjectCode(cols[0]), !cols[1].isEmpty else {
                throw SubjectCatalogueError.badRow(line: i + 1, text: line)
            }
            func year(_ k: Int) throws -> Int? {
                guard cols.count > k, !cols[k].isEmpty else { return nil }
                guard let y = Int(cols[k]) else { throw SubjectCatalogueError.badRow(line: i + 1, text: line) }
                return y
            }
            let replaced = cols.count > 4
                ? cols[4].split(separator: ",").compactMap { SubjectCode(String($0).trimmingCharacters(in: .whitespaces)) }
                : []
            let entry = SubjectEntry(code: code, name: cols[1], since: try year(2), until: try year(3),
                                     replacedBy: replaced, note: cols.count > 5 ? cols[5] : "")
            map[code, default: []].append(entry)
        }
        for k in map.keys { map[k]!.sort { ($0.since ?? 0) < ($1.since ?? 0) } }
        byCode = map
    }

    public var count: Int { byCode.values.reduce(0) { $0 + $1.count } }
    public var codes: [SubjectCode] { byCode.keys.sorted() }

    /// Every catalogued name of a code, oldest first.
    public func entries(for code: SubjectCode) -> [SubjectEntry] { byCode[code] ?? [] }

    /// The canonical name in `year` (nil year: the latest name).
    public func name(of code: SubjectCode, year: Int? = nil) -> String? {
        guard let list = byCode[code], !list.isEmpty else { return nil }
        guard let year else { return list.last!.name }
        return list.first { $0.isValid(in: year) }?.name
    }

    /// Level, family, canonical name and parents of any 3/5/7-digit code.
    public func resolve(_ code: SubjectCode, year: Int? = nil) -> ResolvedSubject {
        ResolvedSubject(code: code, level: code.level, family: code.family,
                        name: name(of: code, year: year),
                        parents: code.ancestors.map { ($0, name(of: $0, year: year)) })
    }

    public func resolve(_ text: String, year: Int? = nil) -> ResolvedSubject? {
        SubjectCode(text).map { resolve($0, year: year) }
    }

    /// Compares a printed name with the catalogue, ignoring width, bracket, quote and space differences.
    public func check(printed: String, code: SubjectCode, year: Int? = nil) -> NameCheck {
        guard let list = byCode[code], !list.isEmpty else { return .unknownCode }
        let valid = year.map { y in list.filter { $0.isValid(in: y) } } ?? [list.last!]
        if valid.contains(where: { NameFolding.equivalent($0.name, printed) }) { return .matches }
        let canonical = valid.first?.name ?? list.last!.name
        if let other = list.first(where: { NameFolding.equivalent($0.name, printed) }) {
            let span = "\(other.since.map(String.init) ?? "")–\(other.until.map(String.init) ?? "")"
            return .otherYearName(printed: printed, canonical: canonical, validFor: span)
        }
        return .differs(printed: printed, canonical: canonical)
    }
}
