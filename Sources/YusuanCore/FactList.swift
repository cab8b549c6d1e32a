/// The facts of one document as they wait to be stored, held compactly (issue #16: peak memory
/// under ~4× the input). A `Fact` takes about 200 bytes, most of them fields that are the same in
/// every fact of a document (its name, region, entity, year, stage): those are kept once per
/// combination, codes once per distinct code, and each fact in a row of 48 bytes. Rows sit in
/// fixed-size chunks, so a table of 10⁶ rows never copies its facts to grow. Reading a fact builds
/// the `Fact`: the public type and the order of the facts are unchanged.
public struct FactList: RandomAccessCollection, Sendable {
    struct Context: Hashable, Sendable {
        var document: String, region: String, regionCode: String?, province: String
        var entity: String, entityCode: String?, year: Int, stage: Stage
    }
    struct Row: Sendable {
        var amount: Int64
        var item: String
        var line: Int32, column: Int32
        /// `Int32.min` for no page.
        var page: Int32
        var context: UInt32
        /// Index into `codes`; `UInt32.max` for no code.
        var code: UInt32
        var table: TableKind, measure: Measure, unit: MoneyUnit, derived: Bool
    }
    static let chunkSize = 4096
    private var chunks: [[Row]] = []
    private var contexts: [Context] = []
    private var contextIndex: [Context: UInt32] = [:]
    private var codes: [String] = []
    private var codeIndex: [String: UInt32] = [:]
    public private(set) var count = 0

    public init() {}
    public init<S: Sequence>(_ facts: S) where S.Element == Fact {
        for f in facts { append(f) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> Fact {
        let r = chunks[i / Self.chunkSize][i % Self.chunkSize]
        let c = contexts[Int(r.context)]
        return Fact(document: c.document, line: Int(r.line), column: Int(r.column), region: c.region, entity: c.entity,
                    entityCode: c.entityCode, year: c.year, stage: c.stage, table: r.table,
                    code: r.code == .max ? nil : codes[Int(r.code)], item: r.item, measure: r.measure,
                    amount: Money(fen: r.amount), sourceUnit: r.unit, derived: r.derived,
                    page: r.page == .min ? nil : Int(r.page), regionCode: c.regionCode, province: c.province)
    }

    /// Where a fact stands, without building it (for sorting).
    public func position(_ i: Int) -> (line: Int, column: Int) {
        let r = chunks[i / Self.chunkSize][i % Self.chunkSize]
        return (Int(r.line), Int(r.column))
    }

    /// A fact's amount in fen and whether it is derived, without building it.
    public func amount(_ i: Int) -> (fen: Int64, derived: Bool) {
        let r = chunks[i / Self.chunkSize][i % Self.chunkSize]
        return (r.amount, r.derived)
    }

    public mutating func append(_ f: Fact) {
        let c = Context(document: f.document, region: f.region, regionCode: f.regionCode, province: f.province,
                        entity: f.entity, entityCode: f.entityCode, year: f.year, stage: f.stage)
        let ci: UInt32
        if let last = contexts.last, last == c { ci = UInt32(contexts.count - 1) } else if let k = contextIndex[c] { ci = k } else {
            ci = UInt32(contexts.count); contexts.append(c); contextIndex[c] = ci
        }
        var code = UInt32.max
        if let s = f.code {
            if let k = codeIndex[s] { code = k } else { code = UInt32(codes.count); codes.append(s); codeIndex[s] = code }
        }
        // The facts of one row share their item: one string, not one per column.
        var item = f.item
        if count > 0, let prev = chunks.last?.last, prev.item == item { item = prev.item }
        let row = Row(amount: f.amount.fen, item: item, line: Int32(clamping: f.line), column: Int32(clamping: f.column),
                      page: f.page.map { Int32(clamping: $0) } ?? .min, context: ci, code: code,
                      table: f.table, measure: f.measure, unit: f.sourceUnit, derived: f.derived)
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        chunks[chunks.count - 1].append(row)
        count += 1
    }

    /// Puts the facts in the order `order` gives (`order[k]`: the fact that goes to position k),
    /// moving each row once along the cycles of the permutation: no second copy of the rows.
    public mutating func permute(_ order: [Int32]) {
        var order = order
        let n = Self.chunkSize
        for i in order.indices where Int(order[i]) != i {
            let first = chunks[i / n][i % n]
            var j = i
            while Int(order[j]) != i {
                let next = Int(order[j])
                chunks[j / n][j % n] = chunks[next / n][next % n]
                order[j] = Int32(j)
                j = next
            }
            chunks[j / n][j % n] = first
            order[j] = Int32(j)
        }
    }
}
