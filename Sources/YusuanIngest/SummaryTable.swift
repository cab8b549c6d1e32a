import Foundation
import YusuanCore

extension CellValue {
    var money: Money? { if case .number(let m) = self { m } else { nil } }
    var isBlank: Bool { self == .blank }
}

/// 收支总表: income lines on the left, expenditure lines on the right, each side with its label.
struct SummaryReader {
    let ctx: ReadingContext

    struct Side { var label: Int; var amounts: [(Int, Measure)] }

    static func measure(_ header: String) -> Measure? {
        HeaderWords.measure(.summary, Clean.key(header))
    }

    /// The header row is the one naming both sides' label columns (项目 … 项目/支出科目).
    static func sides(from line: SourceLine) -> [Side]? {
        let labels = line.cells.indices.filter { i in
            HeaderWords.holds(.summary, .labelColumn, Clean.key(String(line.cells[i])))
        }
        guard labels.count >= 2 || (labels.count == 1 && line.filled.count >= 2) else { return nil }
        var sides: [Side] = []
        for (n, l) in labels.enumerated() {
            let end = n + 1 < labels.count ? labels[n + 1] : line.cells.count
            var amounts: [(Int, Measure)] = []
            for i in (l + 1)..<max(l + 1, end) {
                if let m = measure(String(line.cells[i])), !amounts.contains(where: { $0.1 == m }) { amounts.append((i, m)) }
            }
            if amounts.isEmpty { amounts = [(l + 1, .total)] }
            sides.append(Side(label: l, amounts: amounts))
        }
        return sides
    }

    func read(_ blocks: [Block], unit: MoneyUnit) {
        var sides: [Side]? = nil
        for block in blocks {
            var pageHeaderSeen = false
            for line in block.lines {
                if let s = Self.sides(from: line) { sides = s; pageHeaderSeen = true; continue }
                let hasNumber = line.filled.contains { Numbers.cell($0.text, unit: unit).money != nil }
                guard let sides, hasNumber || pageHeaderSeen else {
                    if hasNumber { ctx.warn(line.number, .strayLine, "numbers above the header of the summary table; not read") }
                    continue
                }
                if !pageHeaderSeen && hasNumber && block.lines.first?.number == line.number && sides.isEmpty { continue }
                // 栏次 rows number the columns; a repeated header ("收入 ⇥ 支出") is no data even
                // when extraction left digits in it.
                let firstLabel = Clean.labelKey(line.filled.first?.text ?? "")
                let numbersColumns = HeaderWords.holds(.any, .columnNumbers, firstLabel)
                if numbersColumns || HeaderWords.holds(.summary, .header, firstLabel) {
                    if hasNumber && !numbersColumns {
                        ctx.warn(line.number, .strayLine, "header-like line of the summary table with digits in it; not read")
                    }
                    continue
                }
                for side in sides {
                    let label = side.label < line.cells.count ? Clean.label(line.cells[side.label]) : ""
                    for (col, measure) in side.amounts where col < line.cells.count {
                        let v = Numbers.cell(line.cells[col], unit: unit)
                        switch v {
                        case .number(let m):
                            if label.isEmpty {
                                ctx.warn(line.number, .unlabelledAmount, "column \(col + 1) of the summary table has an amount without a label; not read")
                                continue
                            }
                            ctx.emit(line: line.number, column: col, table: .summary, code: nil, item: label,
                                     measure: measure, amount: m, unit: unit)
                        case .blank: break
                        default: ctx.warnCell(line.number, column: col, v, context: "“\(label)”")
                        }
                    }
                }
            }
        }
    }
}
