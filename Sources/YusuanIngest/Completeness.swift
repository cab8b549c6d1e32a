import Foundation
import YusuanCore

/// Signs that a file was cut short although each of its tables reads: what the document itself
/// promises (its 目录, its catalogue of funds, a narrative that announces tables) against what
/// follows. Each becomes an error finding on the document, which is still stored — its facts are
/// right, only some are missing — so that `docs`, `check --warnings` and the summary say so.
enum Completeness {
    static func check(_ ctx: ReadingContext, lines: [SourceLine], segmented: Segmented, chains: [DocumentReader.Chain]) {
        let lastLine = lines.last(where: { !$0.isBlank })?.number ?? 0
        let found = Set(chains.map { $0.kind == .untitledFunctional ? TitleKind.expenditure : $0.kind })
        let tables = chains.filter { $0.kind != .directory }

        // 1. The 目录 lists tables in order; entries after the last one printed never came.
        let listed = segmented.directoryLines.compactMap { line -> (kind: TitleKind, title: String)? in
            for c in line.filled.reversed() {
                if let k = TitleKind.classify(text: String(c.text)), k != .directory { return (k, Clean.label(c.text)) }
            }
            return nil
        }
        if let lastPrinted = listed.lastIndex(where: { found.contains($0.kind) }) {
            let missing = listed[(lastPrinted + 1)...].filter { !found.contains($0.kind) }
            if let first = missing.first {
                ctx.warn(lastLine, "truncated", "the file looks cut short: its 目录 lists \(listed.count) tables, but “\(first.title)”\(missing.count > 1 ? " and \(missing.count - 1) more" : "") never come; the stored facts are incomplete", severity: .error)
                return
            }
        } else if !listed.isEmpty, tables.isEmpty {
            ctx.warn(lastLine, "truncated", "the file looks cut short: its 目录 lists \(listed.count) tables and none of them follows", severity: .error)
            return
        }

        // 2. A disclosure is its tables: a narrative with no table after it was cut before them.
        if tables.isEmpty, segmented.directoryLines.isEmpty, !ctx.facts.isEmpty {
            ctx.warn(lastLine, "truncated", "the file looks cut short: the narrative is not followed by any table (expected 收支总表 and the other tables)", severity: .error)
            return
        }

        // 3. A booklet of special funds prints one performance table per fund of its catalogue.
        if chains.contains(where: { $0.kind == .specialFundCatalogue }) {
            let funds = ctx.facts.filter { $0.table == .specialFund && !$0.item.contains("合计") && !$0.item.contains("总计") }.count
            let performance = chains.filter { $0.kind == .projectPerformance }.reduce(0) { $0 + $1.blocks.count }
            if performance > 0, performance < funds, tables.last?.kind == .projectPerformance {
                ctx.warn(lastLine, "truncated", "the file looks cut short: its catalogue lists \(funds) funds, but only \(performance) performance tables follow", severity: .error)
            } else if performance == 0, segmented.narrative.contains(where: { $0.text.contains("绩效目标表") }) {
                ctx.warn(lastLine, "truncated", "the file looks cut short: the text announces 绩效目标表 for the \(funds) funds of its catalogue, and none follows", severity: .error)
            }
        }
    }
}
