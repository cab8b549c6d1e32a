import Foundation
import YusuanCore

/// Nothing lost in silence: every amount printed in a table region is either a fact or a warning.
enum CoverageCount {
    /// Counts the amounts printed in `chains` and those that became facts on their line; warns
    /// once for each line whose amounts were not all read (unless a reader already warned there).
    static func count(_ chains: [DocumentReader.Chain], narrative: [SourceLine], ctx: ReadingContext) -> Coverage {
        var read: [Int: [Int64]] = [:]
        for f in ctx.facts where !f.derived { read[f.line, default: []].append(f.amount.fen) }
        let warned = Set(ctx.warnings.map(\.line))
        var coverage = Coverage()
        for chain in chains where chain.kind != .directory {
            // 绩效 tables print targets (5000 人次, 7.5%) beside the money: only what they gave counts.
            let indicators = chain.kind == .projectPerformance || chain.kind == .overallPerformance
            for block in chain.blocks {
                for line in block.lines {
                    var missed: [String] = []
                    var matched = 0
                    for cell in line.cells where isAmount(cell) {
                        guard case .number(let m) = Numbers.cell(cell, unit: chain.unit) else { continue }
                        if let k = read[line.number]?.firstIndex(of: m.fen) {
                            read[line.number]!.remove(at: k)
                            matched += 1
                        } else if !indicators {
                            missed.append(Clean.label(cell))
                        }
                    }
                    coverage.printed += matched + missed.count
                    coverage.read += matched
                    // A row that gave facts and no warning: its other amounts are columns the
                    // contract has no measure for, left out by design.
                    if matched > 0, !warned.contains(line.number) {
                        coverage.outside += missed.count
                        missed = []
                    }
                    if !missed.isEmpty, !warned.contains(line.number) {
                        ctx.warn(line.number, .unreadAmounts, key: "warn.unread-amounts", ["count": String(missed.count), "title": chain.title,
                                                                                     "amounts": missed.prefix(4).joined(separator: ", ") + (missed.count > 4 ? ", …" : "")])
                    }
                }
            }
        }
        // Rows of cells outside any recognised table (a table whose title was lost): their
        // amounts count too, so a table that was not found at all cannot go unnoticed.
        for line in narrative where line.cells.count >= 2 {
            let amounts = line.cells.filter { isAmount($0) }
            guard !amounts.isEmpty else { continue }
            var matched = 0
            var missed: [String] = []
            for cell in amounts {
                guard case .number(let m) = Numbers.cell(cell, unit: ctx.defaultUnit) else { continue }
                if let k = read[line.number]?.firstIndex(of: m.fen) { read[line.number]!.remove(at: k); matched += 1 } else { missed.append(Clean.label(cell)) }
            }
            coverage.printed += matched + missed.count
            coverage.read += matched
            if !missed.isEmpty, !warned.contains(line.number) {
                ctx.warn(line.number, .unreadAmounts, key: "warn.unread-amounts-outside", ["count": String(missed.count),
                                                                                             "amounts": missed.prefix(4).joined(separator: ", ") + (missed.count > 4 ? ", …" : "")])
            }
        }
        return coverage
    }

    /// Looks like money rather than a code, a row number, a year or a column number (栏次).
    static func isAmount(_ cell: Substring) -> Bool {
        let t = Clean.label(cell)
        guard let first = t.unicodeScalars.first, first.properties.numericType != nil || first == "-" else { return false }
        if t.contains(".") || t.contains(",") || t == "0" { return true }
        guard t.count >= 4, t.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if CodeTableReader.isCode(cell) != nil { return false }
        if let y = Int(t), (1990...2100).contains(y) { return false }
        return true
    }
}
