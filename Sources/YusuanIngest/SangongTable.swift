import Foundation
import YusuanCore

/// “三公”经费: one or two year groups of six columns (total, outbound, vehicles subtotal,
/// purchase, operation, reception), for the 合计 row and any unit rows.
struct SangongReader {
    let ctx: ReadingContext
    static let six: [Measure] = [.total, .outbound, .vehicleTotal, .vehiclePurchase, .vehicleOperation, .reception]
    static let five: [Measure] = [.total, .outbound, .vehiclePurchase, .vehicleOperation, .reception]

    /// Emits the table's facts; returns the parts its 合计 row prints and the entity code on a row,
    /// which the document reader's first pass needs (the second pass only emits).
    @discardableResult
    func read(_ blocks: [Block], unit: MoneyUnit) -> (printed: Set<SangongPart>, entityCode: String?) {
        // Year groups as printed, each with its stage: a 决算 prints 预算数 and 决算数 of one year.
        var groups: [(year: Int, stage: Stage)] = []
        // The parts the 合计 row prints: the narrative fills in only the others.
        var printed = Set<SangongPart>()
        var entityCode: String?
        var sawSubtotal = false
        // 预算数 | 决算数 under each part (合计, 因公出国（境）费, …) rather than one group per stage.
        var interleaved: [(year: Int, stage: Stage)]?
        for block in blocks {
            for line in block.lines {
                let values = line.cells.map { Numbers.cell($0, unit: unit) }
                let numbers = values.filter { $0.money != nil }.count
                if numbers == 0, let pair = Self.interleavedStages(line, year: ctx.identity.year) { interleaved = pair; continue }
                // Header lines: collect the year groups in the order printed.
                if numbers == 0 || (numbers <= 2 && line.filled.contains { !yearsMentioned(Clean.key(String($0.text))).isEmpty }) {
                    for cell in line.cells {
                        let k = Clean.key(String(cell))
                        if HeaderWords.measure(.sangong, k) == .vehicleTotal { sawSubtotal = true }
                        guard let stage = Self.stage(ofHeader: k) else { continue }
                        let year = yearsMentioned(k).first ?? ctx.identity.year
                        if !groups.contains(where: { $0.year == year && $0.stage == stage }) { groups.append((year, stage)) }
                    }
                    continue
                }
                // Label cells are the texts; amounts start after the last one.
                let lastText = values.lastIndex { if case .text = $0 { true } else { false } }
                let start = lastText.map { $0 + 1 } ?? 0
                var label = lastText.map { Clean.label(line.cells[$0]) } ?? "合计"
                if CodeTableReader.isTotalLabel(label) { label = "合计" }
                // A row per year ("2025年预算数 ⇥ 3.20 ⇥ …"): the label names the year; the row is the 合计.
                var rowGroup: (year: Int, stage: Stage)?
                let labelKey = Clean.key(label)
                if let y = yearsMentioned(labelKey).first, labelKey.contains("预算") || labelKey.contains("决算") || labelKey.contains("执行") {
                    rowGroup = (y, labelKey.contains("决算") || labelKey.contains("执行") ? .final : .budget)
                    label = "合计"
                }
                if let t = lastText, t > 0, let codeCell = (0..<t).last(where: { values[$0].money != nil }) {
                    let k = Clean.key(String(line.cells[codeCell]))
                    if k.count >= 3, k.allSatisfy(\.isNumber) { entityCode = entityCode ?? k }
                }
                var cells = Array(values[start...])
                while let last = cells.last, last.isBlank { cells.removeLast() }
                let rowGroups = rowGroup.map { [$0] } ?? groups
                let groupCount = max(1, rowGroups.count)
                // Six columns per year with the vehicles subtotal (小计), five without it.
                let width = !sawSubtotal && cells.count <= 5 * groupCount ? 5 : 6
                let printedGroups = (cells.count + width - 1) / width
                if printedGroups > groupCount, interleaved == nil {
                    ctx.warn(line.number, .sangongColumns, key: "warn.sangong-columns", ["cells": String(cells.count), "groups": String(groups.count)])
                }
                let measures = width == 6 ? Self.six : Self.five
                if let pair = interleaved, rowGroup == nil {
                    emitInterleaved(cells, start: start, label: label, line: line.number, unit: unit, stages: pair,
                                         parts: !sawSubtotal && cells.count <= 10 ? Self.five : Self.six, printed: &printed)
                    continue
                }
                for g in 0..<min(printedGroups, groupCount) {
                    let year = rowGroups.isEmpty ? ctx.identity.year : rowGroups[g].year
                    let stage = rowGroups.isEmpty ? ctx.identity.stage : rowGroups[g].stage
                    for (j, measure) in measures.enumerated() {
                        let idx = g * width + j
                        guard idx < cells.count else { break }
                        switch cells[idx] {
                        case .number(let m):
                            ctx.emit(line: line.number, column: start + idx, table: .sangong, code: nil, item: label,
                                     measure: measure, amount: m, unit: unit, year: year, stage: stage)
                            if label == "合计" && stage == ctx.identity.stage { printed.insert(SangongPart(year: year, measure: measure)) }
                        case .blank: break
                        default: ctx.warnCell(line.number, column: start + idx, cells[idx], context: "“三公”")
                        }
                    }
                }
            }
        }
        return (printed, entityCode)
    }
}

extension SangongReader {
    /// A row under 预算数 | 决算数 pairs: cell 2k is part k's first stage, cell 2k + 1 its second.
    func emitInterleaved(_ cells: [CellValue], start: Int, label: String, line: Int, unit: MoneyUnit,
                         stages: [(year: Int, stage: Stage)], parts: [Measure], printed: inout Set<SangongPart>) {
        for (idx, cell) in cells.enumerated() {
            guard idx / 2 < parts.count else {
                ctx.warn(line, .sangongColumns, key: "warn.sangong-extra-column", ["column": String(start + idx + 1)])
                break
            }
            let (year, stage) = stages[idx % 2], measure = parts[idx / 2]
            switch cell {
            case .number(let m):
                ctx.emit(line: line, column: start + idx, table: .sangong, code: nil, item: label,
                         measure: measure, amount: m, unit: unit, year: year, stage: stage)
                if label == "合计" && stage == ctx.identity.stage { printed.insert(SangongPart(year: year, measure: measure)) }
            case .blank: break
            default: ctx.warnCell(line, column: start + idx, cell, context: "“三公”")
            }
        }
    }

    /// The stage a header cell names (预算数; 决算数, 执行数, 实际数), if any: words in `header-words.tsv`.
    static func stage(ofHeader k: String) -> Stage? {
        HeaderWords.holds(.sangong, .finalStage, k) ? .final : HeaderWords.holds(.sangong, .budgetStage, k) ? .budget : nil
    }

    /// A header row of alternating stage words (预算数 ⇥ 决算数 ⇥ 预算数 ⇥ 决算数 …): the two stages in order.
    static func interleavedStages(_ line: SourceLine, year: Int) -> [(year: Int, stage: Stage)]? {
        let keys = line.filled.map { Clean.key(String($0.text)) }
        guard keys.count >= 4 else { return nil }
        let stages: [Stage?] = keys.map { k in
            k.count > 12 ? nil : stage(ofHeader: k)
        }
        guard stages.allSatisfy({ $0 != nil }), stages[0] != stages[1],
              stages.enumerated().allSatisfy({ $0.element == stages[$0.offset % 2] }) else { return nil }
        return (0..<2).map { (yearsMentioned(keys[$0]).first ?? year, stages[$0]!) }
    }
}
