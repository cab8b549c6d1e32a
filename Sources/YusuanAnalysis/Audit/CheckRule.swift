import Foundation
import YusuanCore

/// The closed vocabulary of `yusuan check` rules (their raw values are the JSON `rule`).
public enum CheckRule: String, CaseIterable, Sendable {
    case parentSum = "parent-sum"
    case totalSum = "total-sum"
    case totalOfParts = "total-of-parts"
    case sameFigure = "same-figure"
    case codeName = "code-name"
    case sangongParts = "sangong-parts"
    case narrative
    case summaryIdentity = "summary-identity"
    case basicParts = "basic-parts"
    case requiredTable = "required-table"
    case listedTable = "listed-table"
    case emptyTableNote = "empty-table-note"
    case narrativeFigure = "narrative-figure"
    case performanceProjects = "performance-projects"
    case narrativeShare = "narrative-share"
    case narrativeRate = "narrative-rate"
    case comparisonWord = "comparison-word"
    case headingYear = "heading-year"
    case headingEntity = "heading-entity"
    case placeholder
    /// A sum beyond the range of exact amounts (Int64 fen): not checked, said.
    case overflow

    /// One line per rule for `--help`, in the language of the command line (`--lang`).
    public static var helpText: String {
        let m = AuditMessages.forLanguage(Messages.language.rawValue)
        return allCases.map { "  \($0.rawValue): \(m.text("rule.\($0.rawValue)"))" }.joined(separator: "\n")
    }
}

/// Message templates per language, keyed by rule (`resources messages.zh.tsv`, `messages.en.tsv`):
/// `key<TAB>template` with `{name}` placeholders. Kept as data so that the CLI's catalogue can
/// absorb them.
public struct AuditMessages: Sendable {
    public let language: String
    let templates: [String: String]

    public static let zh = AuditMessages(language: "zh")
    public static let en = AuditMessages(language: "en")
    public static func forLanguage(_ lang: String) -> AuditMessages { lang == "en" ? en : zh }

    init(language: String) {
        self.language = language
        // By the byte (every command's help loads this catalogue at start).
        if let url = Bundle.module.url(forResource: "messages.\(language)", withExtension: "tsv", subdirectory: "Resources"),
           let text = try? String(contentsOf: url, encoding: .utf8) {
            templates = Knowledge.entries(in: text, unescapingNewlines: false)
        } else {
            templates = [:]
        }
    }

    public func has(_ key: String) -> Bool { templates[key] != nil }

    /// The template of `key` with `{name}` replaced by `args[name]`; the key itself when missing.
    public func text(_ key: String, _ args: [String: String] = [:]) -> String {
        guard var s = templates[key] else { return key }
        for (k, v) in args { s = s.replacingOccurrences(of: "{\(k)}", with: v) }
        return s
    }

    /// A table's name for people (`table.general_budget_by_function`).
    public func table(_ t: TableKind) -> String { has("table.\(t.rawValue)") ? text("table.\(t.rawValue)") : t.rawValue }
    public func measure(_ m: Measure) -> String { has("measure.\(m.rawValue)") ? text("measure.\(m.rawValue)") : m.rawValue }
    /// Where a figure is printed: "第6页第12行" for a PDF, "第12行" for text.
    public func place(page: Int?, line: Int) -> String {
        page.map { text("place.page", ["page": String($0), "line": String(line)]) } ?? text("place.line", ["line": String(line)])
    }
}
