// Deflate for the PNG encoder: the only matches repeat the previous byte (distance 1, lengths
// 3–258), what zlib's `Z_RLE` strategy finds, without its per-byte search. The input is turned
// into symbols as it comes; `finish` codes them in one block with Huffman codes built from their
// counts (RFC 1951 §3.2.7), so the file is as small as zlib's at level 1.

/// A zlib stream (RFC 1950) of one dynamic-Huffman deflate block.
struct RunDeflater {
    /// Literal/length symbols (0–255 a byte, 256 + n a run of n copies of the previous byte),
    /// `count` of `capacity` (grown by doubling; `finish` frees it).
    private var symbols = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << 18)
    private var capacity = 1 << 18, count = 0
    /// How often each literal/length code (0–285) is used (`finish` frees it).
    private let frequencies: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 286)
        p.initialize(repeating: 0, count: 286)
        return p
    }()
    /// The byte a pending run repeats (the last literal); -1 before the first.
    private var last = -1
    /// Copies of `last` read but not yet made a symbol.
    private var run = 0
    /// Adler-32 sums, reduced modulo 65521 before they can overflow.
    private var s1: UInt64 = 1, s2: UInt64 = 0, unreduced = 0
    /// Held here: a global's lazy initialisation would be checked on every run.
    private let lengths = lengthCodes

    /// One byte of input.
    @inline(__always) mutating func byte(_ b: UInt8) {
        s1 &+= UInt64(b); s2 &+= s1; unreduced += 1
        if unreduced == 5552 { reduce() }   // zlib's NMAX: the sums cannot overflow 32 bits before
        if Int(b) == last {
            run += 1
            if run == 258 { emitRun(258); run = 0 }
            return
        }
        flushRun()
        emit(UInt16(b))
        last = Int(b)
    }

    /// `n` zero bytes of input.
    mutating func zeros(_ n: Int) {
        guard n > 0 else { return }
        s2 &+= s1 &* UInt64(n)   // adding zeros leaves s1 and adds s1 to s2 for each
        reduce()
        var n = n
        if last != 0 {
            flushRun()
            emit(0)
            last = 0
            n -= 1
        }
        run += n
        while run >= 258 { emitRun(258); run -= 258 }
    }

    /// The whole stream: zlib header, the block, the Adler-32.
    mutating func finish() -> [UInt8] {
        flushRun()
        defer { symbols.deallocate(); frequencies.deallocate() }
        var out = BitWriter()
        out.bytes += [0x78, 0x01]   // deflate, 32 KiB window, no dictionary
        frequencies[256] += 1       // end of block
        let literal = HuffmanCode(frequencies: Array(UnsafeBufferPointer(start: frequencies, count: 286)), limit: 15)
        // Every match is at distance 1, distance code 0: one code of one bit (RFC 1951 §3.2.7).
        let literalCount = max(257, (literal.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
        let codeLengths = Array(literal.lengths[0..<literalCount]) + [1]
        var lengthFrequencies = [Int](repeating: 0, count: 19)
        for l in codeLengths { lengthFrequencies[l] += 1 }
        // A code of one symbol is incomplete, which inflaters refuse for code lengths.
        if lengthFrequencies.filter({ $0 > 0 }).count < 2 { lengthFrequencies[lengthFrequencies[0] > 0 ? 1 : 0] += 1 }
        let lengthCode = HuffmanCode(frequencies: lengthFrequencies, limit: 7)
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        let lengthCodeCount = max(4, (order.lastIndex { lengthCode.lengths[$0] > 0 } ?? 0) + 1)
        out.put(0b101, 3)   // BFINAL = 1, BTYPE = 10 (dynamic Huffman)
        out.put(UInt32(literalCount - 257), 5)
        out.put(0, 5)       // one distance code
        out.put(UInt32(lengthCodeCount - 4), 4)
        for s in order.prefix(lengthCodeCount) { out.put(UInt32(lengthCode.lengths[s]), 3) }
        for l in codeLengths { out.put(lengthCode.codes[l], lengthCode.lengths[l]) }
        // Each symbol's whole code in one table: a literal's, or a run's length code with its
        // extra bits and the one-bit code of distance 1 (0) after them.
        let table: [(bits: UInt32, count: Int)] = (0..<256).map { (literal.codes[$0], literal.lengths[$0]) }
            + [(0, 0), (0, 0), (0, 0)] + lengths.map { m in
                (literal.codes[m.symbol] | m.extra << UInt32(literal.lengths[m.symbol]), literal.lengths[m.symbol] + m.extraBits + 1)
            }
        out.reserve(count * 2)
        table.withUnsafeBufferPointer { t in
            for i in 0..<count {
                let c = t[Int(symbols[i])]
                out.put(c.bits, c.count)
            }
        }
        out.put(literal.codes[256], literal.lengths[256])
        out.flush()
        reduce()
        let adler = UInt32(s2) << 16 | UInt32(s1)
        out.bytes += [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
        return out.bytes
    }

    private mutating func reduce() { s1 %= 65521; s2 %= 65521; unreduced = 0 }

    /// The pending copies of `last`: a run symbol when there are three or more, else literals.
    @inline(__always) private mutating func flushRun() {
        if run >= 3 { emitRun(run) } else if run > 0, last >= 0 {
            for _ in 0..<run { emit(UInt16(last)) }
        }
        run = 0
    }

    @inline(__always) private mutating func emitRun(_ length: Int) {
        frequencies[lengths[length - 3].symbol] += 1
        append(UInt16(256 + length))
    }

    @inline(__always) private mutating func emit(_ literal: UInt16) {
        frequencies[Int(literal)] += 1
        append(literal)
    }

    @inline(__always) private mutating func append(_ s: UInt16) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<UInt16>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: symbols, count: count)
            symbols.deallocate()
            symbols = bigger; capacity *= 2
        }
        symbols[count] = s; count += 1
    }
}

/// Bits packed least significant first, as deflate writes them.
private struct BitWriter {
    var bytes: [UInt8] = []
    private var acc: UInt64 = 0, bits = 0

    mutating func reserve(_ n: Int) { bytes.reserveCapacity(bytes.count + n) }

    /// Appends `n` bits of `value` (at most 32).
    @inline(__always) mutating func put(_ value: UInt32, _ n: Int) {
        acc |= UInt64(value) << UInt64(bits)
        bits += n
        if bits >= 32 {
            let word = UInt32(truncatingIfNeeded: acc)
            bytes.append(UInt8(truncatingIfNeeded: word)); bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word >> 16)); bytes.append(UInt8(truncatingIfNeeded: word >> 24))
            acc >>= 32; bits -= 32
        }
    }

    /// Writes out the bits held, the last byte padded with zero bits.
    mutating func flush() {
        while bits > 0 {
            bytes.append(UInt8(truncatingIfNeeded: acc))
            acc >>= 8; bits = max(0, bits - 8)
        }
    }
}

/// A canonical Huffman code (RFC 1951 §3.2.2) for symbol frequencies, no code longer than
/// `limit` bits: the counts are halved until the tree is shallow enough. Codes are bit-reversed,
/// ready for an LSB-first stream; an unused symbol has length 0.
struct HuffmanCode {
    private(set) var lengths: [Int]
    private(set) var codes: [UInt32]

    init(frequencies: [Int], limit: Int) {
        var f = frequencies
        var lengths = Self.lengths(f)
        while (lengths.max() ?? 0) > limit {
            f = f.map { $0 == 0 ? 0 : ($0 + 1) / 2 }
            lengths = Self.lengths(f)
        }
        self.lengths = lengths
        // Canonical codes: by length, then by symbol.
        var next = [UInt32](repeating: 0, count: limit + 2)
        var perLength = [UInt32](repeating: 0, count: limit + 2)
        for l in lengths where l > 0 { perLength[l] += 1 }
        var code: UInt32 = 0
        for bits in 1...(limit + 1) {
            code = (code + perLength[bits - 1]) << 1
            next[bits] = code
        }
        codes = lengths.map { l in
            guard l > 0 else { return 0 }
            defer { next[l] += 1 }
            var c = next[l], r: UInt32 = 0
            for _ in 0..<l { r = r << 1 | c & 1; c >>= 1 }
            return r
        }
    }

    /// Code lengths of a Huffman tree over the used symbols (one used symbol gets one bit).
    static func lengths(_ frequencies: [Int]) -> [Int] {
        var lengths = [Int](repeating: 0, count: frequencies.count)
        let used = frequencies.indices.filter { frequencies[$0] > 0 }
        guard used.count > 1 else { for s in used { lengths[s] = 1 }; return lengths }
        // Nodes: leaves are the used symbols, then the merged pairs; repeatedly merge the two
        // lightest (ties by order of creation, so the tree is the same on every run).
        var weight = used.map { frequencies[$0] }, parent = [Int](repeating: -1, count: used.count)
        let queue = Array(weight.indices).sorted { (weight[$0], $0) < (weight[$1], $1) }
        var merged: [Int] = [], qi = 0, mi = 0
        func lightest() -> Int {
            if mi < merged.count, qi >= queue.count || weight[merged[mi]] < weight[queue[qi]] { mi += 1; return merged[mi - 1] }
            qi += 1; return queue[qi - 1]
        }
        for _ in 1..<used.count {
            let a = lightest(), b = lightest()
            weight.append(weight[a] + weight[b]); parent.append(-1)
            parent[a] = weight.count - 1; parent[b] = weight.count - 1
            merged.append(weight.count - 1)
        }
        for (k, s) in used.enumerated() {
            var depth = 0, n = k
            while parent[n] >= 0 { n = parent[n]; depth += 1 }
            lengths[s] = depth
        }
        return lengths
    }
}

/// For each match length 3–258: its length symbol (257–285) and extra bits (RFC 1951 §3.2.5).
private let lengthCodes: [(symbol: Int, extra: UInt32, extraBits: Int)] = {
    let bases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227]
    let extra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5]
    return (3...258).map { length in
        if length == 258 { return (285, 0, 0) }   // 258 has its own symbol, not 284 with extra bits
        let i = bases.lastIndex { $0 <= length }!
        return (257 + i, UInt32(length - bases[i]), extra[i])
    }
}()
