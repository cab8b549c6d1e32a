import ArgumentParser
import YusuanCore

/// `--stage budget|final` (also 预算|决算): which figures an analysis, chart or export uses.
enum StageOption: String, ExpressibleByArgument, CaseIterable {
    case budget, final

    init?(argument: String) {
        switch argument {
        case "budget", "预算": self = .budget
        case "final", "决算": self = .final
        default: return nil
        }
    }
    var stage: Stage { self == .final ? .final : .budget }
    /// The word a title uses: 预算 or 决算.
    var word: String { self == .final ? "决算" : "预算" }
}
