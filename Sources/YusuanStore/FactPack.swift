import Foundation
import YusuanCore

/// One document's facts of one origin, in one blob: store v10's `fact_pack` rows. A row per fact
/// (store v9) cost SQLite ~6,800 instructions to insert, whatever yusuan did around it: the issue's
/// million facts a second is out of SQLite's reach on this machine one row a fact, and within it
/// one row an origin (`scripts/sqlite-insert-ceiling.c`, docs/PERFORMANCE.md, tenth session).
///
/// A pack's facts are in export order (line, column, seq: `seq` is the fact's index in its
/// document), so that a document's facts are read in that order by merging its packs, each read
/// one fact at a time, without holding them all. Each fact is a byte of flags, then its
/// seq, page (when it has one), line, column and amount in fen as variable-length integers (LEB128,
/// zigzagged), then those of its code, item, measure and source unit (the measure and unit as their
/// raw values in the facts contract) that are not the fact before's, each as its length and UTF-8.
/// A line's facts of one origin share their code and item, and an origin's facts their unit: said
/// once, the pack is half the size and read with a string made once for all of them.
enum FactPack {
    /// An origin's facts past this many bytes go on in another part (the next row): one long table
    /// would otherwise be one blob of megabytes, held whole by the writer and by SQLite.
    static let partBytes = 64 << 10

    static let insert = "INSERT INTO fact_pack (document_id, origin, part, fact_count, facts) VALUES (?, ?, ?, ?, ?)"
    /// The flags byte.
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let derived = Flags(rawValue: 1), hasPage = Flags(rawValue: 2), hasCode = Flags(rawValue: 4)
        static let sameCode = Flags(rawValue: 8), sameItem = Flags(rawValue: 16), sameMeasure = Flags(rawValue: 32)
        static let sameUnit = Flags(rawValue: 64)
    }

    /// Builds one pack. `reset` between packs keeps the buffer.
    struct Writer {
        private(set) var bytes: [UInt8] = []
        private(set) var count = 0
        /// Where the texts of the fact before are in `bytes`: code, item, measure, unit.
        private var last: [Range<Int>?] = [nil, nil, nil, nil]

        mutating func reset() {
            bytes.removeAll(keepingCapacity: true)
            count = 0
            last = [nil, nil, nil, nil]
        }

        mutating func append(seq: Int, page: Int?, line: Int, column: Int, amountFen: Int64, derived: Bool,
                             code: String?, item: UnsafeBufferPointer<UInt8>, measure: UnsafeBufferPointer<UInt8>,
                             unit: UnsafeBufferPointer<UInt8>) {
            var flags: Flags = []
            if derived { flags.insert(.derived) }
            if page != nil { flags.insert(.hasPage) }
            let flagsAt = bytes.count
            bytes.append(0)
            signed(Int64(seq))
            if let page { signed(Int64(page)) }
            signed(Int64(line))
            signed(Int64(column))
            signed(amountFen)
            if var code {
                flags.insert(.hasCode)
                code.withUTF8 { if text($0, slot: 0) { flags.insert(.sameCode) } }
            } else {
                last[0] = nil
            }
            if text(item, slot: 1) { flags.insert(.sameItem) }
            if text(measure, slot: 2) { flags.insert(.sameMeasure) }
            if text(unit, slot: 3) { flags.insert(.sameUnit) }
            bytes[flagsAt] = flags.rawValue
            count += 1
        }

        /// Writes `t` unless it is the fact before's text in `slot`; true when it is.
        private mutating func text(_ t: UnsafeBufferPointer<UInt8>, slot: Int) -> Bool {
            if let r = last[slot], r.count == t.count,
               bytes.withUnsafeBufferPointer({ t.count == 0 || memcmp($0.baseAddress! + r.lowerBound, t.baseAddress!, t.count) == 0 }) {
                return true
            }
            varint(UInt64(t.count))
            last[slot] = bytes.count..<bytes.count + t.count
            bytes.append(contentsOf: t)
            return false
        }
        private mutating func signed(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }
        private mutating func varint(_ v: UInt64) {
            var v = v
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }
    }

    /// Facts in pack order into `fact_pack` rows: a row at each new `Key` (origin, or document and
    /// origin), the next part of it past `partBytes`. The writer and migration v10 both split so,
    /// and a migrated store holds the packs an ingest writes.
    struct Rows<Key: Equatable> {
        var pack = Writer()
        private var key: Key?, part = 0

        /// Before a fact of `next` is appended: stores the pack it does not go on (`store(key,
        /// part, pack)`), if any.
        mutating func start(_ next: Key, store: (Key, Int, Writer) throws -> Void) throws {
            if next == key, pack.bytes.count < FactPack.partBytes { return }
            try finish(store)
            part = next == key ? part + 1 : 0
            key = next
        }

        /// Stores the last pack.
        mutating func finish(_ store: (Key, Int, Writer) throws -> Void) throws {
            if let key, pack.count > 0 { try store(key, part, pack) }
            pack.reset()
        }
    }

    /// A fact's own fields as a pack holds them (its origin's are the row's).
    struct Fields {
        let seq: Int, page: Int?, line: Int, column: Int, amountFen: Int64, derived: Bool
        let code: String?, item: String, measure: Measure, unit: MoneyUnit
    }

    /// What is wrong with a pack, said as where in it.
    struct Damage: Error {
        let detail: String
    }

    /// Reads a pack's facts one at a time; throws `Damage` where the bytes are not a pack of that
    /// many facts in export order (cut short, an unknown measure or unit, bytes left over).
    struct Cursor {
        private var reader: Reader
        private let count: Int
        private var read = 0
        private var code: String?, item: String?, measure: Measure?, unit: MoneyUnit?
        private var last: (line: Int, column: Int, seq: Int)?

        init(_ bytes: [UInt8], count: Int) {
            reader = Reader(bytes: bytes)
            self.count = count
        }

        /// The next fact, nil after the last.
        mutating func next() throws -> Fields? {
            guard read < count else {
                guard reader.atEnd else { throw Damage(detail: "bytes after its \(count) facts: \(reader.bytes.count - reader.offset)") }
                return nil
            }
            read += 1
            do {
                let flags = Flags(rawValue: try reader.byte())
                guard flags.rawValue < 0x80 else { throw Damage(detail: "unknown flags \(flags.rawValue)") }
                let seq = try reader.signed(), page = flags.contains(.hasPage) ? try reader.signed() : nil
                let line = try reader.signed(), column = try reader.signed(), amount = try reader.signedWide()
                if let last, (last.line, last.column, last.seq) >= (line, column, seq) {
                    throw Damage(detail: "out of order (line \(line), column \(column) after line \(last.line), column \(last.column))")
                }
                last = (line, column, seq)
                if !flags.contains(.hasCode) {
                    guard !flags.contains(.sameCode) else { throw Damage(detail: "the code of no code") }
                    code = nil
                } else if flags.contains(.sameCode) {
                    guard code != nil else { throw Damage(detail: "the code before, with none before") }
                } else {
                    code = try reader.text()
                }
                if !flags.contains(.sameItem) { item = try reader.text() }
                if !flags.contains(.sameMeasure) {
                    let raw = try reader.text()
                    guard let m = Measure(rawValue: raw) else { throw Damage(detail: "unknown measure “\(raw.prefix(40))”") }
                    measure = m
                }
                if !flags.contains(.sameUnit) {
                    let raw = try reader.text()
                    guard let u = MoneyUnit(rawValue: raw) else { throw Damage(detail: "unknown unit “\(raw.prefix(40))”") }
                    unit = u
                }
                guard let item, let measure, let unit else { throw Damage(detail: "the text before, with none before") }
                return Fields(seq: seq, page: page, line: line, column: column, amountFen: amount,
                              derived: flags.contains(.derived), code: code, item: item, measure: measure, unit: unit)
            } catch let damage as Damage {
                throw Damage(detail: "fact \(read) of \(count): \(damage.detail)")
            }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var atEnd: Bool { offset == bytes.count }

        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw Damage(detail: "cut short") }
            defer { offset += 1 }
            return bytes[offset]
        }
        mutating func varint() throws -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw Damage(detail: "a number of more than 64 bits") }
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }
        mutating func signedWide() throws -> Int64 {
            let z = try varint()
            return Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1)
        }
        mutating func signed() throws -> Int {
            guard let i = Int(exactly: try signedWide()) else { throw Damage(detail: "a number out of range") }
            return i
        }
        mutating func text() throws -> String {
            let length = try varint()
            guard length <= UInt64(bytes.count - offset) else { throw Damage(detail: "cut short") }
            let range = offset..<offset + Int(length)
            offset += Int(length)
            guard let s = String(validating: bytes[range], as: UTF8.self) else { throw Damage(detail: "text that is not UTF-8") }
            return s
        }
    }
}

/// The raw values of a vocabulary's cases as UTF-8, by case tag, made once and kept for the process
/// (a few bytes a case), for the packs without making a string for each fact.
// Safe to share: the bytes are written once, at init, and never change or go.
final class CaseTexts<V: CaseKeyed>: @unchecked Sendable {
    private let utf8: [UnsafeBufferPointer<UInt8>]
    init() {
        var utf8 = [UnsafeBufferPointer<UInt8>](repeating: UnsafeBufferPointer(start: nil, count: 0), count: 256)
        for c in V.allCases {
            let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: c.rawValue.utf8.count)
            _ = bytes.initialize(from: c.rawValue.utf8)
            utf8[Int(c.caseTag)] = UnsafeBufferPointer(bytes)
        }
        self.utf8 = utf8
    }
    subscript(_ v: V) -> UnsafeBufferPointer<UInt8> { utf8[Int(v.caseTag)] }
}
