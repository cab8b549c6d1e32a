import Foundation
import YusuanCore

/// Table titles → kinds, and each kind's name in warnings: `table-titles.tsv` (YusuanCore's
/// resources), read once. The rules that use them are in `TitleKind.classify`.
enum TitleCatalogue {
    struct Rule: Sendable {
        /// nil: a line these words match is no title.
        var kind: TitleKind?
        var words: WordPattern
    }
    private static let loaded = load()
    static let rules: [Rule] = loaded.rules
    static let names: [TitleKind: String] = loaded.names

    /// The rows, the names, and what is wrong with any row (an unknown kind, a kind without a name).
    static func load() -> (rules: [Rule], names: [TitleKind: String], problems: [String]) {
        var rules: [Rule] = [], names: [TitleKind: String] = [:], problems: [String] = []
        for (n, c) in Knowledge.rows("table-titles").enumerated() {
            guard c.count >= 2 else { problems.append("row \(n + 1): fewer than two cells"); continue }
            let kind = TitleKind(rawValue: c[0])
            if kind == nil && c[0] != "-" { problems.append("row \(n + 1): unknown kind “\(c[0])”"); continue }
            rules.append(Rule(kind: kind, words: WordPattern(c[1])))
            if let kind, c.count > 2, !c[2].isEmpty {
                if names[kind] != nil { problems.append("row \(n + 1): a second name for \(kind.rawValue)") }
                names[kind] = c[2]
            }
        }
        for k in TitleKind.allCases where names[k] == nil { problems.append("no name for \(k.rawValue)") }
        return (rules, names, problems)
    }
}

/// Header words → measures, per table where they differ, and the other words of tables' headers
/// and labels: `header-words.tsv` (YusuanCore's resources), read once.
enum HeaderWords {
    /// Which tables a row speaks of.
    enum Table: String, CaseIterable, Sendable, CaseKeyed {
        case codeTable = "code_table", income, basic, projectEconomic = "project_economic", functional
        case summary, procurement, basicSideBySide = "basic_side_by_side", sangong, project
        case specialFund = "special_fund", any
    }
    /// What the words name.
    enum Role: Hashable, Sendable {
        case measure(Measure)
        /// `-`: not an amount column.
        case notAmount
        case quiet, priorYear, header, codeColumn, nameColumn, labelColumn, itemColumn, totalRow, columnNumbers
        case governmentEconomic, departmentEconomic, budgetStage, finalStage, nameLabel, budgetLabel
        case departmentColumn, amountColumn

        static let named: [String: Role] = [
            "-": .notAmount, "quiet": .quiet, "prior_year": .priorYear, "header": .header, "code_column": .codeColumn,
            "name_column": .nameColumn, "label_column": .labelColumn, "item_column": .itemColumn,
            "total_row": .totalRow, "column_numbers": .columnNumbers,
            "government_economic": .governmentEconomic, "department_economic": .departmentEconomic,
            "budget_stage": .budgetStage, "final_stage": .finalStage, "name_label": .nameLabel, "budget_label": .budgetLabel,
            "department_column": .departmentColumn, "amount_column": .amountColumn,
        ]
        init?(_ s: String) {
            if let r = Self.named[s] { self = r } else if let m = Measure(rawValue: s) { self = .measure(m) } else { return nil }
        }
    }
    struct Rule: Sendable { var role: Role; var words: WordPattern }

    static let rules: [Table: [Rule]] = load().rules

    /// The measure the first matching measure row of `table` names, if any.
    static func measure(_ table: Table, _ key: String) -> Measure? {
        for r in rules[table] ?? [] { if case .measure(let m) = r.role, r.words.matches(key) { return m } }
        return nil
    }

    /// The rows' words by table and role: `holds` runs on every cell of some tables, and walking
    /// all of a table's rows to compare their roles cost more than matching the words.
    static let byRole: [Table: [Role: [WordPattern]]] = rules.mapValues { Dictionary(grouping: $0, by: \.role).mapValues { $0.map(\.words) } }

    /// Whether a row of `table` with `role` matches `key`.
    static func holds(_ table: Table, _ role: Role, _ key: String) -> Bool {
        patterns(table, role).contains { $0.matches(key) }
    }

    /// The words of `table`'s rows with `role` (for a reader that asks of every cell: taken once).
    static func patterns(_ table: Table, _ role: Role) -> [WordPattern] { byRole[table]?[role] ?? [] }

    /// The rows by table, and what is wrong with any row (an unknown table or role, no words).
    static func load() -> (rules: [Table: [Rule]], problems: [String]) {
        var rules: [Table: [Rule]] = [:], problems: [String] = []
        for (n, c) in Knowledge.rows("header-words").enumerated() {
            guard c.count == 3, let table = Table(rawValue: c[0]), let role = Role(c[1]), !c[2].isEmpty else {
                problems.append("row \(n + 1): “\(c.joined(separator: " | "))” names an unknown table or role, or no words")
                continue
            }
            rules[table, default: []].append(Rule(role: role, words: WordPattern(c[2])))
        }
        return (rules, problems)
    }
}

/// The words of the narrative's sentences by role: `narrative-words.tsv` (YusuanCore's resources),
/// read once. The rules that use them are in `NarrativeReader`, `ExecutionNarrative` and `FinalForms`.
enum NarrativeWords {
    enum Role: String, CaseIterable, Sendable, CaseKeyed {
        case filler, priorYear = "prior_year", change, increase, explanation, unchanged
        case executionBudget = "execution_budget", executionFinal = "execution_final", emptyTableNote = "empty_table_note"
        case executionRate = "execution_rate", finalAbove = "final_above", finalBelow = "final_below", finalEqual = "final_equal"
        case heading, headingEntityEnd = "heading_entity_end", titleEntityEnd = "title_entity_end"
        case tableName = "table_name", notCoverName = "not_cover_name"
    }
    private static let loaded = load()
    static let words: [Role: [String]] = loaded.words

    static let fillers = words[.filler] ?? []
    static let priorYear = words[.priorYear] ?? []
    /// Change verbs, in the order tried; `increase` holds those that add.
    static let change = words[.change] ?? []
    static let increase = Set(words[.increase] ?? [])
    static let explanation = words[.explanation] ?? []
    static let unchanged = words[.unchanged] ?? []
    /// Words before a figure that make it the budget (预算数) of the subject; longest first.
    static let budget = words[.executionBudget] ?? []
    /// Words before a figure that make it the final (决算数) of the subject; longest first.
    static let final = words[.executionFinal] ?? []
    static let emptyNote = words[.emptyTableNote] ?? []
    static let executionRate = words[.executionRate] ?? []
    static let finalAbove = words[.finalAbove] ?? [], finalBelow = words[.finalBelow] ?? [], finalEqual = words[.finalEqual] ?? []
    /// Words that make a line with a year the document's heading (besides ending in 预算/决算).
    static let heading = words[.heading] ?? []
    /// Where the entity named after the heading's year ends (“2024年某局部门预算情况说明”).
    static let headingEntityEnd = words[.headingEntityEnd] ?? []
    /// Where an entity name before a table title ends (“某局2024年部门收支总表”).
    static let titleEntityEnd = words[.titleEntityEnd] ?? []
    /// Words of a table's name, never of a department's.
    static let tableName = words[.tableName] ?? []
    /// Words of a line that is no piece of a cover name (besides `tableName`).
    static let notCoverName = words[.notCoverName] ?? []

    /// The words by role, and what is wrong (an unknown role, a role twice or missing, no words).
    static func load() -> (words: [Role: [String]], problems: [String]) {
        var words: [Role: [String]] = [:], problems: [String] = []
        for (n, c) in Knowledge.rows("narrative-words").enumerated() {
            guard c.count == 2, let role = Role(rawValue: c[0]), !c[1].isEmpty else {
                problems.append("row \(n + 1): “\(c.joined(separator: " | "))” names an unknown role or no words"); continue
            }
            if words[role] != nil { problems.append("row \(n + 1): \(role.rawValue) a second time") }
            words[role] = c[1].split(separator: "|").map(String.init)
        }
        for r in Role.allCases where words[r] == nil { problems.append("no words for \(r.rawValue)") }
        return (words, problems)
    }
}

/// The lines printed with a table that are none of its rows (units, entity and code labels, notes,
/// furniture): `table-lines.tsv` (YusuanCore's resources), read once. The rules are in `MetaLine`.
enum TableLines {
    enum Role: String, CaseIterable, Sendable, CaseKeyed {
        case tableNumber = "table_number", besideTitle = "beside_title", unit, unitLine = "unit_line"
        case unitLabel = "unit_label", code, entity, note, furniture, subtitle
    }
    private static let loaded = load()
    static let patterns: [Role: WordPattern] = loaded.patterns

    static func holds(_ role: Role, _ key: String) -> Bool { patterns[role]?.matches(key) ?? false }

    /// Each role's `WordPattern.firstScalars`.
    private static let firstScalars: [Role: Set<UInt32>] = patterns.compactMapValues(\.firstScalars)

    /// false when `Clean.key` of `cell` surely holds none of `role`'s words: its first scalar past
    /// the spaces (which the key drops; the others it folds one for one) folds to none of the
    /// scalars they start with. true when it may (and for a role some of whose words are not
    /// anchored).
    static func mayHold(_ role: Role, cell: Substring) -> Bool {
        guard let starts = firstScalars[role] else { return true }
        var scalars = cell.unicodeScalars.makeIterator()
        while let u = scalars.next() {
            let v = NameFolding.folded(u.value, .words)
            if v == NameFolding.dropped { continue }
            return starts.contains(v)
        }
        return false
    }
    /// The labels of a role, in file order (for the code labels: the digits follow them).
    static func words(_ role: Role) -> [String] { patterns[role]?.words ?? [] }

    static func load() -> (patterns: [Role: WordPattern], problems: [String]) {
        var patterns: [Role: WordPattern] = [:], problems: [String] = []
        for (n, c) in Knowledge.rows("table-lines").enumerated() {
            guard c.count == 2, let role = Role(rawValue: c[0]), !c[1].isEmpty else {
                problems.append("row \(n + 1): “\(c.joined(separator: " | "))” names an unknown role or no words"); continue
            }
            if patterns[role] != nil { problems.append("row \(n + 1): \(role.rawValue) a second time") }
            patterns[role] = WordPattern(c[1])
        }
        for r in Role.allCases where patterns[r] == nil { problems.append("no words for \(r.rawValue)") }
        return (patterns, problems)
    }
}
