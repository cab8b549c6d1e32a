import Foundation
import YusuanCore

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
            || (k.count >= 15 && k.allSatisfy { $0.isASCIIDigit })
    }

    func read(_ blocks: [Block], unit: MoneyUnit) {
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
                        ctx.warn(line.number, .unreadRow, "project row without a project name before its amounts; not read")
                    }
                    continue
                }
                var code = (0..<firstNumber).lazy.compactMap { CodeTableReader.isCode(line.cells[$0]) }.first { $0.count >= 5 }
                let name: String? = Self.projectName(line.cells[nameIndex]).name
                guard var item = name, !item.isEmpty, let money = values[firstNumber].money else {
                    ctx.warn(line.number, .unreadRow, "project row without a project name; not read")
                    continue
                }
                if CodeTableReader.isTotalLabel(item) { item = "合计"; code = nil }
                ctx.emit(line: line.number, column: firstNumber, table: .project, code: code, item: item,
                         measure: .total, amount: money, unit: unit)
            }
        }
    }
}

/// The project lines of 项目（支出）绩效目标表 and 重点专项资金绩效目标表: name and budget.
struct PerformanceReader {
    let ctx: ReadingContext
    /// In a booklet of many entities the 主管部门 of each table is the fact's entity.
    let entityFromDepartment: Bool

    // The words first, then the length: counting the characters of every cell of a 绩效 form
    // (grapheme breaking) cost more than looking for the words.
    static let nameLabels = HeaderWords.patterns(.project, .nameLabel)
    static let budgetLabels = HeaderWords.patterns(.project, .budgetLabel)
    static let departmentColumns = HeaderWords.patterns(.project, .departmentColumn)

    static func isNameLabel(_ k: String) -> Bool {
        nameLabels.contains { $0.matches(k) } && Clean.characterCount(k) <= 8
    }
    static func isBudgetLabel(_ k: String) -> Bool {
        if k.utf8.count > 60 { return false }
        let k = ByteSearch.has(UInt8(ascii: "("), in: k) ? k.replacingOccurrences(of: "(万元)", with: "").replacingOccurrences(of: "(元)", with: "") : k
        return budgetLabels.contains { $0.matches(k) } && Clean.characterCount(k) <= 10
    }

    /// `211-重庆市…局` → (“211”, “重庆市…局”).
    static func splitCoded(_ s: String) -> (code: String?, name: String) {
        guard ByteSearch.has(UInt8(ascii: "-"), in: s) || s.contains("－") else { return (nil, Clean.label(Substring(s))) }
        let l = Clean.label(Substring(s))
        if let dash = l.firstIndex(where: { $0 == "-" || $0 == "－" }) {
            // Foundation's trimming only when there is a blank to trim: it bridged every department
            // cell to UTF-16.
            let c = Names.trimmed(String(l[..<dash]))
            if (2...9).contains(c.count), c.allSatisfy({ $0.isASCIIDigit }) {
                return (c, LiteralSearch.withoutSpaces(Clean.label(l[l.index(after: dash)...])))
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

    func read(_ blocks: [Block], unit: MoneyUnit) {
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
                // A cell's key made when a rule asks for it: most rows of a 绩效 table are indicators
                // after the project's budget was read, where only the first cells are looked at
                // (keys of every cell were a quarter of this reader's work).
                var made = [String?](repeating: nil, count: filled.count)
                func key(_ i: Int) -> String {
                    if let k = made[i] { return k }
                    let k = Clean.labelKey(filled[i].text)
                    made[i] = k
                    return k
                }
                let count = filled.count
                // Labels may be split over two cells by the extraction ("项目" | "名称").
                // Joined only when asked (most rows are neither label).
                var joined: String?
                func joined2() -> String {
                    if let joined { return joined }
                    joined = count > 1 ? key(0) + key(1) : key(0)
                    return joined!
                }
                var labelEnd: Int? = nil
                if Self.isNameLabel(key(0)) { labelEnd = 0 } else if count > 1, Clean.characterCount(key(0)) <= 3, Self.isNameLabel(joined2()) { labelEnd = 1 }
                if count > 1, labelEnd == nil, Clean.characterCount(key(0)) <= 2, Self.isNameLabel(key(1)) { labelEnd = 1 }
                if let end = labelEnd {
                    if let prev = name, !emittedForName {
                        ctx.warn(prev.line, .projectWithoutBudget, key: "warn.project-without-budget", ["name": prev.text])
                    }
                    var parts: [String] = []
                    department = nil
                    var i = end + 1
                    while i < filled.count {
                        let k = key(i)
                        if Self.departmentColumns.contains(where: { $0.matches(k) }) {
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
                if department == nil, let hint = filled.indices.first(where: { ByteSearch.contains(key($0), "主管部门") }),
                   hint + 1 < filled.count {
                    department = Self.splitCoded(String(filled[hint + 1].text))
                }
                // A budget matters only for a project named and not yet read, or before any name
                // (to say it has none): other rows do nothing below.
                guard (name == nil && unnamedAt != nil) || (name != nil && !emittedForName) else { continue }
                let budgetAt = filled.indices.first(where: { Self.isBudgetLabel(key($0)) })
                    ?? (count > 1 && key(0).utf8.count + key(1).utf8.count <= 60 && Self.isBudgetLabel(joined2()) ? 1 : nil)
                if let b = budgetAt, name == nil, let u = unnamedAt,
                   filled[(b + 1)...].contains(where: { Self.leadingNumber($0.text, unit: unit) != nil }) {
                    ctx.warn(u, .projectWithoutName, key: "warn.project-without-name", ["line": String(line.number)])
                    unnamedAt = nil
                }
                guard let b = budgetAt, let current = name, !emittedForName else { continue }
                let labelUnit = MoneyUnit.detect(in: key(b)) ?? unit
                guard let (col, money) = filled[(b + 1)...].lazy.compactMap({ c -> (Int, Money)? in
                    Self.leadingNumber(c.text, unit: labelUnit).map { (c.index, $0) }
                }).first else {
                    ctx.warn(line.number, .projectWithoutBudget, key: "warn.project-unreadable-budget", ["name": current.text])
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
                emittedForName = true
            }
        }
        if let prev = name, !emittedForName {
            ctx.warn(prev.line, .projectWithoutBudget, key: "warn.project-without-budget", ["name": prev.text])
        }
    }
}

/// 重点专项资金目录: fund name, 主管部门 (code-name), budget.
struct SpecialFundReader {
    let ctx: ReadingContext

    func read(_ blocks: [Block], unit: MoneyUnit) {
        var nameCol = 1, deptCol = 2, amountCol = 3
        var year: Int? = nil
        for block in blocks {
            for line in block.lines {
                let keys = line.cells.map { Clean.key(String($0)) }
                if keys.contains(where: { HeaderWords.holds(.specialFund, .header, $0) }) {
                    for (i, k) in keys.enumerated() {
                        if HeaderWords.holds(.specialFund, .nameColumn, k) { nameCol = i }
                        if HeaderWords.holds(.specialFund, .departmentColumn, k) { deptCol = i }
                        if HeaderWords.holds(.specialFund, .amountColumn, k) { amountCol = i; year = yearsMentioned(k).first ?? year }
                    }
                    continue
                }
                guard amountCol < line.cells.count, nameCol < line.cells.count else {
                    if !line.filled.isEmpty { ctx.warn(line.number, .unreadRow, "catalogue row with fewer columns than its header; not read") }
                    continue
                }
                let v = Numbers.cell(line.cells[amountCol], unit: unit)
                let name = Clean.label(line.cells[nameCol])
                guard let money = v.money, !name.isEmpty else {
                    if !v.isBlank || !name.isEmpty { ctx.warnCell(line.number, column: amountCol, v, context: "“\(name)”") }
                    continue
                }
                let dept: (code: String?, name: String) = deptCol < line.cells.count ? PerformanceReader.splitCoded(String(line.cells[deptCol])) : (nil, "")
                if dept.name.isEmpty {
                    ctx.warn(line.number, .missingDepartment, key: "warn.missing-department", ["name": name])
                }
                ctx.emit(line: line.number, column: amountCol, table: .specialFund, code: nil, item: name,
                         measure: .total, amount: money, unit: unit, year: year,
                         entity: dept.name.isEmpty ? nil : dept.name, entityCode: .some(dept.code))
            }
        }
    }
}
