import Foundation
import YusuanCore

/// The audit rules' words, as data (`Resources/audit-words.tsv`), read once: each role is a case, so a
/// rule cannot ask for a role the file does not have, and the test checks the file has every case.
enum AuditWords: String, CaseIterable, Sendable {
    case placeholder, heading, headingReference = "heading_reference", headingPart = "heading_part", orgEnd = "org_end", city
    case up, down, comparison, comparisonSentence = "comparison_sentence", priorYear = "prior_year"
    case stageFinal = "stage_final", stageBudget = "stage_budget", figureFinal = "figure_final", figureBudget = "figure_budget"
    case performance, project, share, completion
    case finalBelow = "final_below", finalAbove = "final_above", finalEqual = "final_equal", roughly
    case labelFiller = "label_filler", directory, directoryLine = "directory_line", tableEnd = "table_end", cause, itemized
    case emptyNote = "empty_note", emptyBecause = "empty_because", noteStart = "note_start"
    case incomeTotal = "income_total", spendingTotal = "spending_total", surplusUsed = "surplus_used", carriedIn = "carried_in"
    case surplusSplit = "surplus_split", carriedOut = "carried_out"
    case grandTotal = "grand_total", grandIncome = "grand_income", grandSpending = "grand_spending"

    /// Every row of the file by its role (unknown roles kept, for the test to name them).
    static let table: [String: [String]] = Dictionary(
        Knowledge.rows("audit-words", in: .module).filter { $0.count >= 2 }.map { ($0[0], $0[1].split(separator: "|").map(String.init)) },
        uniquingKeysWith: { a, _ in a })

    /// This role's words in the file's order.
    var words: [String] {
        guard let w = Self.table[rawValue], !w.isEmpty else { fatalError("audit-words.tsv has no \(rawValue) row") }   // a packaging defect
        return w
    }

    /// This role's single word (for roles of one word).
    var word: String { words[0] }

    /// This role's alternatives as word patterns, tried in turn (summary lines: `使用+结余|用事业基金`).
    var patterns: [WordPattern] { words.map(WordPattern.init) }
}
