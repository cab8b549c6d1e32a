/// The facts of one document as they wait to be stored, held compactly (issue #16: peak memory
/// under ~4× the input). A `Fact` takes about 200 bytes, most of them fields that are the same in
/// every fact of a document (its name, region, entity, year, stage): those are kept once per
/// combination, codes once per distinct code, items as bytes, pages as their lines' pages, and
/// each fact in a row of 32 bytes. Rows sit in
/// fixed-size chunks, so a table of 10⁶ rows never copies its facts to grow. Reading a fact builds
/// the `Fact`: the public type and the order of the facts are unchanged.
public struct FactList: RandomAccessCollection, Sendable {
    struct Context: Hashable, Sendable {
        var document: String, region: String, regionCode: String?, province: String
        var entity: String, entityCode: String?, year: Int, stage: Stage
    }
    struct Row: Sendable {
        var amount: Int64
        var line: Int32, column: Int32
        /// Indices into the items, `codes` (`UInt32.max`: no code) and `contexts`.
        var item: UInt32, code: UInt32, context: UInt32
        var table: TableKind, measure: Measure, unit: MoneyUnit, derived: Bool
    }
    static let chunkSize = 4096
    static let byteChunk = 1 << 20
    private var chunks: [[Row]] = []
    private var contexts: [Context] = []
    private var contextIndex: [Context: UInt32] = [:]
    private var codes: [String] = []
    private var codeIndex: [String: UInt32] = [:]
    /// Items as UTF-8 in chunks of `byteChunk` bytes; item k's place is `refs[k / chunkSize][k %
    /// chunkSize]`: chunk << 48 | offset << 24 | length. A long name is its bytes here, not a string
    /// of its own on the heap; the facts of one row share one item.
    private var bytes: [[UInt8]] = []
    private var refs: [[UInt64]] = []
    private var itemCount = 0
    /// Items of 16 MB and more (which no disclosure prints), by index.
    private var hugeItems: [UInt32: String] = [:]
    private var lastItem: String?
    /// Pages follow from lines (`pages`) unless a fact says otherwise: then each fact's is kept.
    private var pages: PageMap?
    private var explicitPages: [Int32]?
    public private(set) var count = 0

    public init(pages: PageMap? = nil) { self.pages = pages }
    public init<S: Sequence>(_ facts: S) where S.Element == Fact {
        for f in facts { append(f) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> Fact {
        let r = chunks[i / Self.chunkSize][i % Self.chunkSize]
        let c = contexts[Int(r.context)]
        let page = explicitPages.map { $0[i] == .min ? nil : Int($0[i]) } ?? pages?.page(ofLine: Int(r.line))
        return Fact(document: c.document, line: Int(r.line), column: Int(r.column), region: c.region, entity: c.entity,
                    entityCode: c.entityCode, year: c.year, stage: c.stage, table: r.table,
                    code: r.code == .max ? nil : codes[Int(r.code)], item: item(Int(r.item)), measure: r.measure,
                    amount: Money(fen: r.amount), sourceUnit: r.unit, derived: r.derived,
                    page: page, regionCode: c.regionCode, province: c.province)
    }

    private func item(_ k: Int) -> String {
        if let huge = hugeItems[UInt32(k)] { return huge }
        let ref = refs[k / Self.chunkSize][k % Self.chunkSize]
        let chunk = Int(ref >> 48), offset = Int((ref >> 24) & 0xFF_FFFF), length = Int(ref & 0xFF_FFFF)
        return String(decoding: bytes[chunk][offset..<offset + length], as: UTF8.self)
    }

    private mutating func add(item: String) -> UInt32 {
        if let lastItem, lastItem == item { return UInt32(itemCount - 1) }
        lastItem = item
        let k = UInt32(itemCount)
        var ref: UInt64 = 0
        let n = item.utf8.count
        if n >= 1 << 24 {
            hugeItems[k] = item
        } else {
            // A chunk never grows past what it reserved (no copy), and offsets stay under 2²⁰.
            if bytes.isEmpty || bytes[bytes.count - 1].count + n > Self.byteChunk {
                bytes.append([])
                bytes[bytes.count - 1].reserveCapacity(Swift.max(Self.byteChunk, n))
            }
            let offset = bytes[bytes.count - 1].count
            bytes[bytes.count - 1].append(contentsOf: item.utf8)
            ref = UInt64(bytes.count - 1) << 48 | UInt64(offset) << 24 | UInt64(n)
        }
        if itemCount % Self.chunkSize == 0 {
            refs.append([])
            refs[refs.count - 1].reserveCapacity(Self.chunkSize)
        }
        refs[refs.count - 1].append(ref)
        itemCount += 1
        return k
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

    /// A fact's own fields as the store binds them (the shared ones are its origin's,
    /// `originNumbers`): the item as its UTF-8.
    public struct Fields {
        public let line: Int, column: Int, page: Int?, code: String?
        public let item: UnsafeBufferPointer<UInt8>
        public let measure: Measure, amountFen: Int64, sourceUnit: MoneyUnit, derived: Bool
    }

    /// Each fact's own fields in order, with no `Fact` (nor item string) made for it: an ingest
    /// stores a million facts and more.
    public func forEachFact(_ body: (Int, Fields) throws -> Void) rethrows {
        for i in 0..<count { try withFields(i, body) }
    }

    /// The same, in the order of `indices` (facts' indices).
    public func forEachFact(in indices: [Int32], _ body: (Int, Fields) throws -> Void) rethrows {
        for i in indices { try withFields(Int(i), body) }
    }

    @inline(__always)
    private func withFields(_ i: Int, _ body: (Int, Fields) throws -> Void) rethrows {
        let r = chunks[i / Self.chunkSize][i % Self.chunkSize]
        let page = explicitPages.map { $0[i] == .min ? nil : Int($0[i]) } ?? pages?.page(ofLine: Int(r.line))
        func fields(_ item: UnsafeBufferPointer<UInt8>) -> Fields {
            Fields(line: Int(r.line), column: Int(r.column), page: page, code: r.code == .max ? nil : codes[Int(r.code)],
                   item: item, measure: r.measure, amountFen: r.amount, sourceUnit: r.unit, derived: r.derived)
        }
        if !hugeItems.isEmpty, var huge = hugeItems[r.item] {
            try huge.withUTF8 { try body(i, fields($0)) }
        } else {
            let ref = refs[Int(r.item) / Self.chunkSize][Int(r.item) % Self.chunkSize]
            let chunk = Int(ref >> 48), offset = Int((ref >> 24) & 0xFF_FFFF), length = Int(ref & 0xFF_FFFF)
            try bytes[chunk].withUnsafeBufferPointer { try body(i, fields(UnsafeBufferPointer(rebasing: $0[offset..<offset + length]))) }
        }
    }

    /// Where facts come from: region, entity, year, stage and table, what the store keeps once per
    /// document in `fact_origin` (store v9) and each fact refers to by number.
    public struct Origin: Hashable, Sendable {
        public let region: String, regionCode: String?, province: String, entity: String, entityCode: String?
        public let year: Int, stage: Stage, table: TableKind
    }

    /// The facts' distinct origins, in the order they first occur, and each fact's number among
    /// them: from each fact's shared fields (a few per document), without reading every fact's own.
    public func originNumbers() -> (origins: [Origin], ofFact: [UInt32]) {
        struct Key: Hashable { let context: UInt32, table: TableKind }
        // Contexts are distinct by value, their document's name included: those that differ by it
        // alone (a list of several documents' facts) share origins. Told apart by comparing their
        // fields with the few seen before (hashing their strings, normalised for hashing, was most
        // of the numbering's time), by a dictionary past a few dozen.
        var representative = [UInt32](repeating: .max, count: contexts.count)
        var representatives: [UInt32] = [], byFields: [Context: UInt32] = [:]
        func sameOrigin(_ a: Context, _ b: Context) -> Bool {
            a.region == b.region && a.regionCode == b.regionCode && a.province == b.province && a.entity == b.entity
                && a.entityCode == b.entityCode && a.year == b.year && a.stage == b.stage
        }
        func represented(_ k: UInt32) -> UInt32 {
            if representative[Int(k)] != .max { return representative[Int(k)] }
            var c = contexts[Int(k)]
            let r: UInt32
            if let found = representatives.first(where: { sameOrigin(contexts[Int($0)], c) }) { r = found } else if representatives.count < 48 {
                r = k; representatives.append(k)
            } else {
                c.document = ""
                if let found = byFields[c] { r = found } else { r = k; byFields[c] = k }
            }
            representative[Int(k)] = r
            return r
        }
        var numbers: [Key: UInt32] = [:], origins: [Origin] = []
        var ofFact: [UInt32] = []
        ofFact.reserveCapacity(count)
        var last: (context: UInt32, table: TableKind, number: UInt32)?
        for i in 0..<count {
            let r = chunks[i / Self.chunkSize][i % Self.chunkSize]
            // Runs of facts share their origin: looked up only where it changes.
            if let last, last.context == r.context, last.table == r.table { ofFact.append(last.number); continue }
            let key = Key(context: represented(r.context), table: r.table)
            let number: UInt32
            if let n = numbers[key] { number = n } else {
                let c = contexts[Int(key.context)]
                number = UInt32(origins.count)
                origins.append(Origin(region: c.region, regionCode: c.regionCode, province: c.province, entity: c.entity,
                                      entityCode: c.entityCode, year: c.year, stage: c.stage, table: r.table))
                numbers[key] = number
            }
            last = (r.context, r.table, number)
            ofFact.append(number)
        }
        return (origins, ofFact)
    }

    /// A fact's kind and place, without building it (for checks that walk every fact).
    public func brief(_ i: Int) -> (line: Int, year: Int, table: TableKind, measure: Measure, derived: Bool, code: String?) {
        let r = chunks[i / Self.chunkSize][i % Self.chunkSize]
        return (Int(r.line), contexts[Int(r.context)].year, r.table, r.measure, r.derived, r.code == .max ? nil : codes[Int(r.code)])
    }

    /// A fact's item, without building the rest of it.
    public func item(at i: Int) -> String { item(Int(chunks[i / Self.chunkSize][i % Self.chunkSize].item)) }

    public mutating func append(_ f: Fact) {
        let c = Context(document: f.document, region: f.region, regionCode: f.regionCode, province: f.province,
                        entity: f.entity, entityCode: f.entityCode, year: f.year, stage: f.stage)
        let ci: UInt32
        // A document's facts have a few contexts (a year, a stage, an entity), alternating row by row:
        // found among the last ones by comparing (their strings are the same storage, compared by
        // pointer) before hashing every string of the context.
        if let k = contexts.indices.reversed().prefix(8).first(where: { contexts[$0] == c }) { ci = UInt32(k) } else if let k = contextIndex[c] { ci = k } else {
            ci = UInt32(contexts.count); contexts.append(c); contextIndex[c] = ci
        }
        var code = UInt32.max
        if let s = f.code {
            if let k = codeIndex[s] { code = k } else { code = UInt32(codes.count); codes.append(s); codeIndex[s] = code }
        }
        let line = Int32(clamping: f.line)
        if explicitPages == nil, f.page != pages?.page(ofLine: Int(line)) {
            explicitPages = (0..<count).map { i in
                pages?.page(ofLine: position(i).line).map { Int32(clamping: $0) } ?? .min
            }
        }
        explicitPages?.append(f.page.map { Int32(clamping: $0) } ?? .min)
        let row = Row(amount: f.amount.fen, line: line, column: Int32(clamping: f.column), item: add(item: f.item), code: code,
                      context: ci, table: f.table, measure: f.measure, unit: f.sourceUnit, derived: f.derived)
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        chunks[chunks.count - 1].append(row)
        count += 1
    }

    /// Removes the facts from position `start` on that `remove` picks (what a reader takes back),
    /// keeping the others in order.
    public mutating func remove(from start: Int, where remove: (Fact) -> Bool) {
        guard start < count else { return }
        let kept = (start..<count).map { self[$0] }.filter { !remove($0) }
        let n = Self.chunkSize
        chunks.removeLast(chunks.count - (start + n - 1) / n)
        if start % n != 0 { chunks[chunks.count - 1].removeLast(chunks[chunks.count - 1].count - start % n) }
        explicitPages?.removeLast(count - start)
        count = start
        lastItem = nil
        for f in kept { append(f) }
    }

    /// Puts the facts in the order `order` gives (`order[k]`: the fact that goes to position k),
    /// moving each row once along the cycles of the permutation: no second copy of the rows.
    public mutating func permute(_ order: [Int32]) {
        var order = order
        // Pages kept per fact move with their facts.
        if let explicit = explicitPages { explicitPages = order.map { explicit[Int($0)] } }
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
