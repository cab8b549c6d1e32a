import Foundation
import YusuanCore

/// 政府采购预算: either rows per category (合计/货物类/工程类/服务类) or columns per category.
struct ProcurementReader {
    let ctx: ReadingContext

    static func category(_ s: String) -> Measure? {
        HeaderWords.measure(.procurement, Clean.key(s))
    }

    func read(_ blocks: [Block], unit: MoneyUnit) {
        var columnMeasures: [Int: Measure] = [:]
        var itemColumn: Int?
        for block in blocks {
            for line in block.lines {
                let values = line.cells.map { Numbers.cell($0, unit: unit) }
                if !values.contains(where: { $0.money != nil }) {
                    // A header: category columns, and the column naming the purchase.
                    for (i, c) in line.cells.enumerated() {
                        if let m = Self.category(String(c)) { columnMeasures[i] = m }
                        if HeaderWords.holds(.procurement, .itemColumn, Clean.key(String(c))) { itemColumn = i }
                    }
                    continue
                }
                let firstNumber = values.firstIndex { $0.money != nil }!
                let label = (0..<firstNumber).compactMap { i -> String? in
                    let l = Clean.label(line.cells[i]); return l.isEmpty || values[i].money != nil ? nil : l
                }.last ?? ""
                if columnMeasures.values.contains(.goods) {
                    // Columns per category; the row is one purchase (or the total).
                    let item = itemColumn.flatMap { $0 < line.cells.count ? Clean.label(line.cells[$0]) : nil } ?? label
                    for (i, m) in columnMeasures.sorted(by: { $0.key < $1.key }) where i < values.count {
                        if let money = values[i].money {
                            ctx.emit(line: line.number, column: i, table: .procurement, code: nil,
                                     item: item.isEmpty ? "合计" : item, measure: m, amount: money, unit: unit)
                        }
                    }
                } else if let m = Self.category(label), let money = values[firstNumber].money {
                    ctx.emit(line: line.number, column: firstNumber, table: .procurement, code: nil,
                             item: label, measure: m, amount: money, unit: unit)
                } else {
                    ctx.warn(line.number, .unreadRow, key: "warn.procurement-row", ["label": String(label.prefix(30))])
                }
            }
        }
    }
}
