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
        let k = Clean.key(header)
        if k.contains("一般公共") { return .generalBudget }
        if k.contains("政府性基金") { return .fundBudget }
        if k.contains("国有资本") { return .stateCapital }
        if k.contains("预算数") || k.contains("合计") || k.contains("总计") || k.contains("金额") || k.contains("决算数") { return .total }
        return nil
    }

    /// The header row is the one naming both sides' label columns (项目 … 项目/支出科目).
    static func sides(from line: SourceLine) -> [Side]? {
        let labels = line.cells.indices.filter { i in
            let k = Clean.key(String(line.cells[i]))
            return k == "项目" || k.hasSuffix("科目") || k == "收入项目" || k == "支出项目"
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

    func read(_ blocks: [Block], unit: MoneyUnit) -> Int {
        var n = 0
        var sides: [Side]? = nil
        for block in blocks {
            var pageHeaderSeen = false
            for line in block.lines {
                if let s = Self.sides(from: line) { sides = s; pageHeaderSeen = true; continue }
                let hasNumber = line.filled.contains { Numbers.cell($0.text, unit: unit).money != nil }
                guard let sides, hasNumber || pageHeaderSeen else {
                    if hasNumber { ctx.warn(line.number, "stray-line", "numbers above the header of the summary table; not read") }
                    continue
                }
                if !pageHeaderSeen && hasNumber && block.lines.first?.number == line.number && sides.isEmpty { continue }
                // 栏次 rows number the columns; a repeated header ("收入 ⇥ 支出") is no data even
                // when extraction left digits in it.
                let firstLabel = Clean.key(Clean.label(line.filled.first?.text ?? ""))
                if ["栏次", "行次", "收入", "支出", "项目", "收入项目", "支出项目", "支出科目"].contains(firstLabel) {
                    if hasNumber && !["栏次", "行次"].contains(firstLabel) {
                        ctx.warn(line.number, "stray-line", "header-like line of the summary table with digits in it; not read")
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
                                ctx.warn(line.number, "unlabelled-amount", "column \(col + 1) of the summary table has an amount without a label; not read")
                                continue
                            }
                            ctx.emit(line: line.number, column: col, table: .summary, code: nil, item: label,
                                     measure: measure, amount: m, unit: unit)
                            n += 1
                        case .blank: break
                        default: ctx.warnCell(line.number, column: col, v, context: "summary line “\(label)”")
                        }
                    }
                }
            }
        }
        return n
    }
}

/// “三公”经费: one or two year groups of six columns (total, outbound, vehicles subtotal,
/// purchase, operation, reception), for the 合计 row and any unit rows.
struct SangongReader {
    let ctx: ReadingContext
    static let six: [Measure] = [.total, .outbound, .vehicleTotal, .vehiclePurchase, .vehicleOperation, .reception]
    static let five: [Measure] = [.total, .outbound, .vehiclePurchase, .vehicleOperation, .reception]

    func read(_ blocks: [Block], unit: MoneyUnit) -> (count: Int, printed: Set<String>, entityCode: String?) {
        // Year groups as printed, each with its stage: a 决算 prints 预算数 and 决算数 of one year.
        var groups: [(year: Int, stage: Stage)] = []
        var n = 0
        // "year|measure" pairs the 合计 row prints: the narrative fills in only the others.
        var printed = Set<String>()
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
                        if k.contains("小计") { sawSubtotal = true }
                        guard k.contains("预算") || k.contains("决算") || k.contains("执行") || k.contains("实际") else { continue }
                        let year = yearsMentioned(k).first ?? ctx.identity.year
                        let stage: Stage = k.contains("决算") || k.contains("执行") || k.contains("实际") ? .final : .budget
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
                    ctx.warn(line.number, "sangong-columns", "the “三公” row has \(cells.count) amount columns but the header names \(groups.count) year group(s); the extra columns were not read")
                }
                let measures = width == 6 ? Self.six : Self.five
                if let pair = interleaved, rowGroup == nil {
                    n += emitInterleaved(cells, start: start, label: label, line: line.number, unit: unit, stages: pair,
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
                            n += 1
                            if label == "合计" && stage == ctx.identity.stage { printed.insert("\(year)|\(measure.rawValue)") }
                        case .blank: break
                        default: ctx.warnCell(line.number, column: start + idx, cells[idx], context: "the “三公” row")
                        }
                    }
                }
            }
        }
        return (n, printed, entityCode)
    }
}

/// 政府采购预算: either rows per category (合计/货物类/工程类/服务类) or columns per category.
struct ProcurementReader {
    let ctx: ReadingContext

    static func category(_ s: String) -> Measure? {
        let k = Clean.key(s)
        if k.contains("货物") { return .goods }
        if k.contains("工程") { return .works }
        if k.contains("服务") { return .services }
        if k == "合计" || k == "总计" || k.hasSuffix("合计") { return .total }
        return nil
    }

    func read(_ blocks: [Block], unit: MoneyUnit) -> Int {
        var n = 0
        var columnMeasures: [Int: Measure] = [:]
        var itemColumn: Int?
        for block in blocks {
            for line in block.lines {
                let values = line.cells.map { Numbers.cell($0, unit: unit) }
                if !values.contains(where: { $0.money != nil }) {
                    // A header: category columns, and the column naming the purchase.
                    for (i, c) in line.cells.enumerated() {
                        if let m = Self.category(String(c)) { columnMeasures[i] = m }
                        let k = Clean.key(String(c))
                        if k.contains("采购项目") || k == "项目名称" || k == "品目" { itemColumn = i }
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
                            n += 1
                        }
                    }
                } else if let m = Self.category(label), let money = values[firstNumber].money {
                    ctx.emit(line: line.number, column: firstNumber, table: .procurement, code: nil,
                             item: label, measure: m, amount: money, unit: unit)
                    n += 1
                } else {
                    ctx.warn(line.number, "unread-row", "procurement row “\(label.prefix(30))” names no category (货物/工程/服务/合计); not read")
                }
            }
        }
        return n
    }
}

/// 项目支出明细表: one row per project, read by content (the project id, the code, the first
/// amount after the name) because merged header cells make positions unreliable.
struct ProjectDetailReader {
    let ctx: ReadingContext

    /// `50015224T000004308874-招商 引资(常年性项目)` → `招商引资(常年性项目)`.
    static func projectName(_ raw: Substring) -> (name: String, hadID: Bool) {
        let l = Clean.label(raw)
        if let dash = l.firstIndex(where: { $0 == "-" || $0 == "－" }) {
            let id = l[..<dash]
            if id.count >= 8, id.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }), id.contains(where: \.isNumber) {
                return (Clean.label(l[l.index(after: dash)...]), true)
            }
        }
        return (l, false)
    }

    /// A project id printed alone in its cell: `500114250T000012001`.
    static func isProjectID(_ cell: Substring) -> Bool {
        let k = Clean.key(String(cell))
        return k.count >= 12 && k.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) } && k.contains(where: \.isLetter)
            || (k.count >= 15 && k.allSatisfy { $0.isASCII && $0.isNumber })
    }

    func read(_ blocks: [Block], unit: MoneyUnit) -> Int {
        var n = 0
        for block in blocks {
            for line in block.lines {
                let values = line.cells.map { Numbers.cell($0, unit: unit) }
                // The project cell carries the long project id; else it is the last text before the amounts.
                let idCell = line.cells.indices.first { Self.projectName(line.cells[$0]).hadID }
                    ?? line.cells.indices.first(where: { Self.isProjectID(line.cells[$0]) }).flatMap { id in
                        values.indices.first { i in
                            guard i > id, case .text = values[i] else { return false }
                            return true
                        }
                    }
                let nameIndex = idCell ?? values.indices.last { i in
                    if case .text = values[i] { return values[(i + 1)...].contains { $0.money != nil } } else { return false }
                }
                // The amount is the first number after the name that is not a 科目 code.
                guard let nameIndex, let firstNumber = values.indices.first(where: {
                    $0 > nameIndex && values[$0].money != nil && CodeTableReader.isCode(line.cells[$0]).map { $0.count < 5 } != false
                }) else {
                    if values.contains(where: { $0.money != nil }) && !line.filled.allSatisfy({ CodeTableReader.isCode($0.text) != nil || Numbers.cell($0.text, unit: unit).money != nil }) {
                        ctx.warn(line.number, "unread-row", "project row without a project name before its amounts; not read")
                    }
                    continue
                }
                var code = (0..<firstNumber).lazy.compactMap { CodeTableReader.isCode(line.cells[$0]) }.first { $0.count >= 5 }
                let name: String? = Self.projectName(line.cells[nameIndex]).name
                guard var item = name, !item.isEmpty, let money = values[firstNumber].money else {
                    ctx.warn(line.number, "unread-row", "project row without a project name; not read")
                    continue
                }
                if CodeTableReader.isTotalLabel(item) { item = "合计"; code = nil }
                ctx.emit(line: line.number, column: firstNumber, table: .project, code: code, item: item,
                         measure: .total, amount: money, unit: unit)
                n += 1
            }
        }
        return n
    }
}

/// The project lines of 项目（支出）绩效目标表 and 重点专项资金绩效目标表: name and budget.
struct PerformanceReader {
    let ctx: ReadingContext
    /// In a booklet of many entities the 主管部门 of each table is the fact's entity.
    let entityFromDepartment: Bool

    static func isNameLabel(_ k: String) -> Bool {
        (k.hasSuffix("项目名称") || k.hasSuffix("目名称") || k.hasSuffix("资金名称")) && k.count <= 8
    }
    static func isBudgetLabel(_ k: String) -> Bool {
        if k.utf8.count > 60 { return false }
        let k = k.utf8.contains(UInt8(ascii: "(")) ? k.replacingOccurrences(of: "(万元)", with: "").replacingOccurrences(of: "(元)", with: "") : k
        if k.count > 10 { return false }
        return k == "当年预算" || k.hasSuffix("年预算") || k.hasPrefix("资金总额") || k.hasPrefix("资金总") || k == "预算金额" || k == "年度预算"
    }

    /// `211-重庆市…局` → (“211”, “重庆市…局”).
    static func splitCoded(_ s: String) -> (code: String?, name: String) {
        guard s.utf8.contains(UInt8(ascii: "-")) || s.contains("－") else { return (nil, Clean.label(Substring(s))) }
        let l = Clean.label(Substring(s))
        if let dash = l.firstIndex(where: { $0 == "-" || $0 == "－" }) {
            let c = l[..<dash].trimmingCharacters(in: .whitespaces)
            if (2...9).contains(c.count), c.allSatisfy({ $0.isASCII && $0.isNumber }) {
                return (c, Clean.label(l[l.index(after: dash)...]).replacingOccurrences(of: " ", with: ""))
            }
        }
        return (nil, l)
    }

    /// The leading number of a cell such as `300 项目性质(常年或一次)`.
    static func leadingNumber(_ cell: Substring, unit: MoneyUnit) -> Money? {
        if let m = Numbers.cell(cell, unit: unit).money { return m }
        let tokens = cell.split(whereSeparator: { Clean.isSpace($0) })
        guard let first = tokens.first else { return nil }
        return Numbers.cell(first, unit: unit).money
    }

    func read(_ blocks: [Block], unit: MoneyUnit) -> Int {
        var n = 0
        // A project's name and its budget may stand on two pages: the open project carries over.
        var name: (text: String, line: Int)?
        var department: (code: String?, name: String)?
        var emittedForName = false
        // An empty template (no name, no budget) is not worth a warning; a budget without a name is.
        var unnamedAt: Int?
        for block in blocks {
            for line in block.lines {
                let filled = line.filled
                guard !filled.isEmpty else { continue }
                let keys = filled.map { Clean.key(Clean.label($0.text)) }
                // Labels may be split over two cells by the extraction ("项目" | "名称").
                let joined2 = keys.count > 1 ? keys[0] + keys[1] : keys[0]
                var labelEnd: Int? = nil
                if Self.isNameLabel(keys[0]) { labelEnd = 0 } else if keys.count > 1, Self.isNameLabel(joined2), keys[0].count <= 3 { labelEnd = 1 }
                if keys.count > 1, labelEnd == nil, keys[0].count <= 2, Self.isNameLabel(keys[1]) { labelEnd = 1 }
                if let end = labelEnd {
                    if let prev = name, !emittedForName {
                        ctx.warn(prev.line, "project-without-budget", "project “\(prev.text)”: no budget line found; not read")
                    }
                    var parts: [String] = []
                    department = nil
                    var i = end + 1
                    while i < filled.count {
                        let k = keys[i]
                        if k.contains("主管部门") || k.contains("主管单位") {
                            if i + 1 < filled.count { department = Self.splitCoded(String(filled[i + 1].text)) }
                            break
                        }
                        parts.append(Clean.label(filled[i].text))
                        i += 1
                    }
                    let text = Clean.label(Substring(parts.joined(separator: " ")))
                    name = text.isEmpty ? nil : (text, line.number)
                    emittedForName = false
                    unnamedAt = text.isEmpty ? line.number : nil
                    continue
                }
                if let hint = keys.firstIndex(where: { $0.contains("主管部门") }), hint + 1 < filled.count, department == nil {
                    department = Self.splitCoded(String(filled[hint + 1].text))
                }
                let budgetAt = keys.firstIndex(where: Self.isBudgetLabel) ?? (keys.count > 1 && Self.isBudgetLabel(joined2) ? 1 : nil)
                if let b = budgetAt, name == nil, let u = unnamedAt,
                   filled[(b + 1)...].contains(where: { Self.leadingNumber($0.text, unit: unit) != nil }) {
                    ctx.warn(u, "project-without-name", "project table without a readable project name; its budget (line \(line.number)) is not read")
                    unnamedAt = nil
                }
                guard let b = budgetAt, let current = name, !emittedForName else { continue }
                let labelUnit = MoneyUnit.detect(in: keys[b]) ?? unit
                guard let (col, money) = filled[(b + 1)...].lazy.compactMap({ c -> (Int, Money)? in
                    Self.leadingNumber(c.text, unit: labelUnit).map { (c.index, $0) }
                }).first else {
                    ctx.warn(line.number, "project-without-budget", "project “\(current.text)”: budget line without a readable amount; not read")
                    emittedForName = true
                    continue
                }
                var entity: String? = nil
                var entityCode: String?? = nil
                if entityFromDepartment, let d = department {
                    entity = d.name; entityCode = .some(d.code)
                }
                ctx.emit(line: line.number, column: col, table: .project, code: nil, item: current.text,
                         measure: .total, amount: money, unit: labelUnit, entity: entity, entityCode: entityCode)
                n += 1
                emittedForName = true
            }
        }
        if let prev = name, !emittedForName {
            ctx.warn(prev.line, "project-without-budget", "project “\(prev.text)”: no budget line found; not read")
        }
        return n
    }
}

/// 重点专项资金目录: fund name, 主管部门 (code-name), budget.
struct SpecialFundReader {
    let ctx: ReadingContext

    func read(_ blocks: [Block], unit: MoneyUnit) -> Int {
        var n = 0
        var nameCol = 1, deptCol = 2, amountCol = 3
        var year: Int? = nil
        for block in blocks {
            for line in block.lines {
                let keys = line.cells.map { Clean.key(String($0)) }
                if keys.contains(where: { $0.contains("专项资金名称") || $0.contains("资金名称") }) {
                    for (i, k) in keys.enumerated() {
                        if k.contains("名称") { nameCol = i }
                        if k.contains("主管部门") || k.contains("主管单位") { deptCol = i }
                        if k.contains("预算") || k.contains("金额") { amountCol = i; year = yearsMentioned(k).first ?? year }
                    }
                    continue
                }
                guard amountCol < line.cells.count, nameCol < line.cells.count else {
                    if !line.filled.isEmpty { ctx.warn(line.number, "unread-row", "catalogue row with fewer columns than its header; not read") }
                    continue
                }
                let v = Numbers.cell(line.cells[amountCol], unit: unit)
                let name = Clean.label(line.cells[nameCol])
                guard let money = v.money, !name.isEmpty else {
                    if !v.isBlank || !name.isEmpty { ctx.warnCell(line.number, column: amountCol, v, context: "fund “\(name)”") }
                    continue
                }
                let dept: (code: String?, name: String) = deptCol < line.cells.count ? PerformanceReader.splitCoded(String(line.cells[deptCol])) : (nil, "")
                if dept.name.isEmpty {
                    ctx.warn(line.number, "missing-department", "fund “\(name)” has no 主管部门; stored under the document's entity")
                }
                ctx.emit(line: line.number, column: amountCol, table: .specialFund, code: nil, item: name,
                         measure: .total, amount: money, unit: unit, year: year,
                         entity: dept.name.isEmpty ? nil : dept.name, entityCode: .some(dept.code))
                n += 1
            }
        }
        return n
    }
}
