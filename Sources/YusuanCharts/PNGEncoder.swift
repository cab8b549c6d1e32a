// PNG encoding of an RGB24 image surface through zlib (the CZlib module map), about three times
// faster than `cairo_surface_write_to_png`: libpng's adaptive filtering and zlib level 6 were two
// thirds of the time of a 1600×900 chart.
import CCairo
import CGraphics
import CZlib
import Foundation

enum PNGEncoder {
    /// The PNG file of `surface`; nil (the caller then falls back to Cairo's encoder) for a surface
    /// that is not RGB24 or if zlib fails.
    static func encode(_ surface: OpaquePointer) -> Data? {
        guard gx.cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24,
              let pixels = gx.cairo_image_surface_get_data(surface) else { return nil }
        let w = Int(gx.cairo_image_surface_get_width(surface)), h = Int(gx.cairo_image_surface_get_height(surface))
        let stride = Int(gx.cairo_image_surface_get_stride(surface))
        return encode(UnsafeRawPointer(pixels), width: w, height: h, stride: stride)
    }

    /// The PNG file of native-endian `0x00RRGGBB` pixels (Cairo's RGB24), `stride` bytes a row;
    /// nil if zlib fails. The compressed parts are copied once, into the file: the IDAT chunk's
    /// checksum is taken as they go in.
    static func encode(_ pixels: UnsafeRawPointer, width w: Int, height h: Int, stride: Int) -> Data? {
        guard let parts = deflateParts(pixels, width: w, height: h, stride: stride) else { return nil }
        var adler: UInt = 1
        for p in parts { adler = adler32_combine(adler, p.adler, off_t(p.length)) }
        let zlibHeader: [UInt8] = [0x78, 0x01]   // deflate, 32 KB window, fastest level
        let idatLength = zlibHeader.count + parts.reduce(0) { $0 + $1.bytes.count } + 4
        var png = Data(capacity: 8 + 25 + 12 + idatLength + 12)
        png.append(contentsOf: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        /// Appends `bytes` to the file and to the running CRC of the chunk being written.
        func put(_ bytes: [UInt8], _ crc: inout UInt) {
            png.append(contentsOf: bytes)
            crc = bytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        }
        func chunk(_ type: String, length: Int, _ body: (inout UInt) -> Void) {
            png.append(contentsOf: be32(length))
            var crc: UInt = 0
            put(Array(type.utf8), &crc)
            body(&crc)
            png.append(contentsOf: be32(Int(crc)))
        }
        // 8-bit truecolour, no interlace.
        chunk("IHDR", length: 13) { put(be32(w) + be32(h) + [8, 2, 0, 0, 0], &$0) }
        chunk("IDAT", length: idatLength) { crc in
            put(zlibHeader, &crc)
            for p in parts { put(p.bytes, &crc) }
            put(be32(Int(adler)), &crc)
        }
        chunk("IEND", length: 0) { _ in }
        return png
    }

    /// The image as the parts of one zlib stream's deflate data: level 1 with the Z_RLE strategy
    /// (matches at distance one only), every row with the "Up" filter, so flat chart areas become
    /// runs of zeros that RLE compresses almost as well as a full search, in a fraction of the time.
    /// The top and bottom halves are deflated at once on two threads (as pigz does: the first ends
    /// on a byte boundary, the checksums are combined), a fixed split whatever the machine, so the
    /// file is the same everywhere.
    static func deflateParts(_ pixels: UnsafeRawPointer, width w: Int, height h: Int,
                             stride: Int) -> [(bytes: [UInt8], adler: UInt, length: Int)]? {
        let parts = h >= 32 ? 2 : 1
        let bounds = (0...parts).map { h * $0 / parts }
        var results = [(bytes: [UInt8], adler: UInt, length: Int)?](repeating: nil, count: parts)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer, image = pixels
            DispatchQueue.concurrentPerform(iterations: parts) { i in
                out[i] = deflatePart(image, width: w, rows: bounds[i]..<bounds[i + 1], stride: stride, last: i == parts - 1)
            }
        }
        let done = results.compactMap { $0 }
        return done.count == parts ? done : nil
    }

    /// Rows `rows` as raw deflate data (ending in a final block if `last`, else on a byte boundary),
    /// their Adler-32 and length. Row by row, so no image-sized buffer is filled twice (each page of
    /// one is a page fault); zlib writes straight into the result, sized by `deflateBound` (pages it
    /// never reaches are never touched).
    ///
    /// The stream is flushed to a byte boundary and reset every `segmentBytes` of rows: zlib slides
    /// its 32 KB window and rebases every entry of its hash tables (64 K of them) each 32 KB of input,
    /// which RLE, matching at distance one only, never reads; that sliding was over half of zlib's
    /// instructions for a chart. A reset costs a few bytes (an empty stored block and a new block's
    /// code tables) and the one match that would have crossed the boundary.
    private static func deflatePart(_ pixels: UnsafeRawPointer, width w: Int, rows: Range<Int>, stride: Int,
                                    last: Bool) -> (bytes: [UInt8], adler: UInt, length: Int)? {
        var strm = z_stream()
        // deflateInit2 is a macro over deflateInit2_, which checks the header's version and struct size.
        guard deflateInit2_(&strm, 1, Z_DEFLATED, -15, 8, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&strm) }
        let lineLength = 1 + 3 * w
        let rowsPerSegment = max(1, segmentBytes / lineLength)
        let segments = (rows.count + rowsPerSegment - 1) / rowsPerSegment
        // What the stream may need for these rows, plus room for each segment's closing flush.
        let bound = Int(deflateBound(&strm, uLong(rows.count * lineLength))) + 64 * (segments + 1)
        let line = UnsafeMutablePointer<UInt8>.allocate(capacity: lineLength)
        defer { line.deallocate() }
        line.initialize(repeating: 0, count: lineLength)
        line[0] = 2   // filter type Up
        var lineIsZero = true   // but for its filter byte
        // What "Up" subtracts from the first row of the image.
        let zeros = UnsafeMutablePointer<UInt32>.allocate(capacity: w)
        defer { zeros.deallocate() }
        zeros.initialize(repeating: 0, count: w)
        var adler = Adler32()
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            strm.next_out = buffer.baseAddress; strm.avail_out = uInt(buffer.count)
            /// Feeds `count` bytes of `input`; false on a zlib error or if the output is full.
            func feed(_ input: UnsafeMutablePointer<UInt8>, _ count: Int, flush: Int32) -> Bool {
                strm.next_in = input; strm.avail_in = uInt(count)
                let status = deflate(&strm, flush)
                return (status == Z_OK || status == Z_STREAM_END) && strm.avail_in == 0
                    && (flush != Z_FINISH || status == Z_STREAM_END)
            }
            func row(_ y: Int) -> UnsafePointer<UInt32> {
                UnsafePointer(pixels.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self))
            }
            for y in rows {
                let cur = row(y), above = y > 0 ? row(y - 1) : UnsafePointer(zeros)
                if memcmp(cur, above, 4 * w) == 0 {
                    // The row repeats the one above (Cairo leaves the unused byte alone, so equal words
                    // are equal pixels): all zeros but the filter byte.
                    if !lineIsZero { (line + 1).update(repeating: 0, count: lineLength - 1); lineIsZero = true }
                    adler.add(2)
                    adler.addZeros(lineLength - 1)
                    adler.reduce()
                } else {
                    // Cairo's RGB24 is a native-endian 0x00RRGGBB word per pixel: each channel less the
                    // one above it, in one pass over the two rows, summed as it is written.
                    adler.add(2)
                    for x in 0..<w {
                        let c = cur[x], a = above[x]
                        if c == a {
                            line[1 + 3 * x] = 0; line[2 + 3 * x] = 0; line[3 + 3 * x] = 0
                            adler.addZeros(3)
                        } else {
                            let r = UInt8(truncatingIfNeeded: c >> 16) &- UInt8(truncatingIfNeeded: a >> 16)
                            let g = UInt8(truncatingIfNeeded: c >> 8) &- UInt8(truncatingIfNeeded: a >> 8)
                            let b = UInt8(truncatingIfNeeded: c) &- UInt8(truncatingIfNeeded: a)
                            line[1 + 3 * x] = r; line[2 + 3 * x] = g; line[3 + 3 * x] = b
                            adler.add(r); adler.add(g); adler.add(b)
                        }
                    }
                    adler.reduce()
                    lineIsZero = false
                }
                guard feed(line, lineLength, flush: Z_NO_FLUSH) else { failed = true; return }
                let done = y + 1 - rows.lowerBound
                if done % rowsPerSegment == 0 && y + 1 < rows.upperBound {
                    guard feed(line, 0, flush: Z_SYNC_FLUSH), deflateReset(&strm) == Z_OK else { failed = true; return }
                }
            }
            failed = !feed(line, 0, flush: last ? Z_FINISH : Z_SYNC_FLUSH)
            count = failed ? 0 : buffer.count - Int(strm.avail_out)
        }
        return failed ? nil : (out, adler.value, rows.count * lineLength)
    }

    /// Input between resets of the stream: whole rows, less than zlib's window and a half less its
    /// look-ahead (65,274 bytes), after which it would slide.
    static let segmentBytes = 60_000

    /// Adler-32 summed as the filtered bytes are made: a run of zeros adds its length times the
    /// first sum to the second (the filtered rows of a chart are mostly zeros), without reading it.
    struct Adler32 {
        private var a: UInt64 = 1, b: UInt64 = 0
        private static let modulus: UInt64 = 65_521
        @inline(__always) mutating func add(_ byte: UInt8) { a &+= UInt64(byte); b &+= a }
        @inline(__always) mutating func addZeros(_ n: Int) { b &+= UInt64(n) &* a }
        /// Brings both sums below the modulus; due once a row (a row's sums stay far from 2⁶⁴ for
        /// any width an image can have).
        mutating func reduce() { a %= Self.modulus; b %= Self.modulus }
        var value: UInt { var s = self; s.reduce(); return UInt(s.b << 16 | s.a) }
    }
}
