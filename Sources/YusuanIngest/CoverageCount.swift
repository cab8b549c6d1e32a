import Foundation
import YusuanCore

/// Nothing lost in silence: every amount printed in a table region is either a fact or a warning.
enum CoverageCount {
    /// Counts the amounts printed in `chains` and those that became facts on their line; warns
    /// once for each line whose amounts were not all read (unless a reader already warned there).
    /// `order`: the facts' export order (`DocumentReader.order`).
    static func count(_ chains: [DocumentReader.Chain], narrative: [SourceLine], ctx: ReadingContext, order: [Int32]) -> Coverage {
        var read = ReadAmounts(ctx.facts, order: order)
        let warned = Set(ctx.warnings.map(\.line))
        var coverage = Coverage()
        for chain in chains where chain.kind != .directory {
            // 绩效 tables print targets (5000 人次, 7.5%) beside the money: only what they gave counts.
            let indicators = chain.kind == .projectPerformance || chain.kind == .overallPerformance
            for block in chain.blocks {
                // Only rows with a digit can print an amount: the others are not split into cells.
                for i in block.lines.indices where Numbers.mayHoldNumber(block.lines.text(at: i)) {
                    let line = block.lines[i]
                    var missed: [String] = []
                    var matched = 0
                    for cell in line.cells where isAmount(cell) {
                        guard case .number(let m) = Numbers.cell(cell, unit: chain.unit) else { continue }
                        if read.take(line.number, m.fen) {
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
                if read.take(line.number, m.fen) { matched += 1 } else { missed.append(Clean.label(cell)) }
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
        asciiIsAmount(cell) ?? anyIsAmount(cell)
    }

    /// A digit of any script, or a minus: what an amount's cleaned text starts with.
    private static func mayStartAmount(_ u: Unicode.Scalar) -> Bool { u.properties.numericType != nil || u == "-" }

    /// `isAmount` by the general path (what `asciiIsAmount` must agree with).
    static func anyIsAmount(_ cell: Substring) -> Bool {
        // Most cells are names with no point or comma: settled by their bytes in one look (the
        // steps below, each a search of its own, were a twentieth of reading).
        if let name = cell.utf8.withContiguousStorageIfAvailable(isPlainName), name { return false }
        // Most cells are names: told by their first character before a cleaned copy is made. Tags
        // aside, cleaning only trims the front of a cell, so the copy starts with that character.
        let tagged = ByteSearch.has(UInt8(ascii: "<"), in: cell)
        if !tagged {
            guard let first = cell.unicodeScalars.first(where: { !Clean.isSpaceScalar($0.value) }) else { return false }
            // Past a non-ASCII first character only a point or a comma can make an amount (a
            // string of ASCII digits cannot start with it): most name cells are settled here,
            // before the character's numeric property is looked up.
            if !first.isASCII, !ByteSearch.has(UInt8(ascii: "."), in: cell), !ByteSearch.has(UInt8(ascii: ","), in: cell) { return false }
            guard mayStartAmount(first) else { return false }
        }
        let t = Clean.label(cell)
        if tagged {
            guard let first = t.unicodeScalars.first, mayStartAmount(first) else { return false }
        }
        if ByteSearch.has(UInt8(ascii: "."), in: t) || ByteSearch.has(UInt8(ascii: ","), in: t) || t == "0" { return true }
        guard Clean.characterCount(t) >= 4, t.allSatisfy({ $0.isASCIIDigit }) else { return false }
        if CodeTableReader.isCode(cell) != nil { return false }
        if let y = Int(t), (1990...2100).contains(y) { return false }
        return true
    }
}

extension CoverageCount {
    /// Whether a cell is, by `anyIsAmount`'s first rules, no amount: no tag, and a first scalar
    /// past the spaces that is absent or not ASCII, with neither a point nor a comma in the cell.
    static func isPlainName(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress else { return true }
        if memchr(base, Int32(UInt8(ascii: "<")), u.count) != nil { return false }
        var j = 0
        while j < u.count, case let n = Clean.spaceLength(u, j), n > 0 { j += n }
        if j == u.count { return true }
        return u[j] >= 0x80 && memchr(base, Int32(UInt8(ascii: ".")), u.count) == nil
            && memchr(base, Int32(UInt8(ascii: ",")), u.count) == nil
    }

    /// `isAmount` of a cell of ASCII digits, points, commas and minus signs only (most amounts),
    /// by the byte: cleaning would change nothing, so no cleaned copy is made. nil for other cells.
    static func asciiIsAmount(_ cell: Substring) -> Bool? {
        var n = 0, allDigits = true, separated = false
        for b in cell.utf8 {
            switch b {
            case 0x30...0x39: break
            case 0x2E, 0x2C: separated = true; allDigits = false
            case 0x2D: allDigits = false
            default: return nil
            }
            n += 1
        }
        guard let first = cell.utf8.first else { return nil }
        guard (0x30...0x39).contains(first) || first == 0x2D else { return false }
        if separated || (n == 1 && first == 0x30) { return true }
        guard n >= 4, allDigits else { return false }
        if CodeTableReader.isCode(cell) != nil { return false }
        if let y = Int(cell), (1990...2100).contains(y) { return false }
        return true
    }
}

/// The amounts the facts read, by line, each to be matched once: the facts in export order (by
/// line), 5 bytes a fact instead of a dictionary entry and an array per line. Which of two equal
/// amounts on a line is matched first does not change the counts.
struct ReadAmounts {
    private let facts: FactList
    private let order: [Int32]
    private var used: [Bool]

    init(_ facts: FactList, order: [Int32]) {
        self.facts = facts
        self.order = order
        used = Array(repeating: false, count: order.count)
    }

    /// Whether `fen` was read on `line` and not yet matched; marks the first such amount matched.
    mutating func take(_ line: Int, _ fen: Int64) -> Bool {
        var lo = 0, hi = order.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if facts.position(Int(order[mid])).line < line { lo = mid + 1 } else { hi = mid }
        }
        var k = lo
        while k < order.count, facts.position(Int(order[k])).line == line {
            let a = facts.amount(Int(order[k]))
            if !used[k], !a.derived, a.fen == fen { used[k] = true; return true }
            k += 1
        }
        return false
    }
}
