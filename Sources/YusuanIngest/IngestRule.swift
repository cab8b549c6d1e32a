import Foundation
import YusuanCore

/// The closed vocabulary of the reader's warnings: a `Diagnostic`'s `rule` is the raw value, so the
/// exported and printed values stay the strings the facts contract and `yusuan check --warnings` show.
public enum IngestRule: String, CaseIterable, Sendable, CaseKeyed {
    case alignedColumns = "aligned-columns"
    case ambiguousRegion = "ambiguous-region"
    case blankForm = "blank-form"
    case codeRepaired = "code-repaired"
    case controlCharacters = "control-characters"
    case executionDirection = "execution-direction"
    case executionRate = "execution-rate"
    case invalidEncoding = "invalid-encoding"
    case missingCode = "missing-code"
    case missingDepartment = "missing-department"
    case missingHeader = "missing-header"
    case narrativeChange = "narrative-change"
    case narrativeRepeat = "narrative-repeat"
    case narrativeTooLong = "narrative-too-long"
    case projectWithoutBudget = "project-without-budget"
    case projectWithoutName = "project-without-name"
    case regionHint = "region-hint"
    case regionOverride = "region-override"
    case sangongColumns = "sangong-columns"
    case scannedPages = "scanned-pages"
    case strayLine = "stray-line"
    case truncated
    case unlabelledAmount = "unlabelled-amount"
    case unmappedColumn = "unmapped-column"
    case unreadAmounts = "unread-amounts"
    case unreadRow = "unread-row"
    case unreadTable = "unread-table"
    case unreadableNumber = "unreadable-number"
}
