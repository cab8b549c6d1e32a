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
    /// nil if zlib fails.
    static func encode(_ pixels: UnsafeRawPointer, width w: Int, height h: Int, stride: Int) -> Data? {
        guard let compressed = deflateRows(pixels, width: w, height: h, stride: stride) else { return nil }
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ body: [UInt8]) {
            let typed = Array(type.utf8) + body
            png.append(contentsOf: be32(body.count))
            png.append(contentsOf: typed)
            let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
            png.append(contentsOf: be32(Int(crc)))
        }
        // 8-bit truecolour, no interlace.
        chunk("IHDR", be32(w) + be32(h) + [8, 2, 0, 0, 0])
        chunk("IDAT", compressed)
        chunk("IEND", [])
        return png
    }

    /// The image as a zlib stream of PNG scanlines: level 1 with the Z_RLE strategy (matches at
    /// distance one only), every row with the "Up" filter, so flat chart areas become runs of zeros
    /// that RLE compresses almost as well as a full search, in a fraction of the time.
    /// The top and bottom halves are deflated at once on two threads (as pigz does: the first
    /// ends on a byte boundary, the checksums are combined), a fixed split whatever the machine,
    /// so the file is the same everywhere.
    static func deflateRows(_ pixels: UnsafeRawPointer, width w: Int, height h: Int, stride: Int) -> [UInt8]? {
        let parts = h >= 32 ? 2 : 1
        let bounds = (0...parts).map { h * $0 / parts }
        var results = [(bytes: [UInt8], adler: UInt, length: Int)?](repeating: nil, count: parts)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer, image = pixels
            DispatchQueue.concurrentPerform(iterations: parts) { i in
                out[i] = deflatePart(image, width: w, rows: bounds[i]..<bounds[i + 1], stride: stride, last: i == parts - 1)
            }
        }
        var stream: [UInt8] = [0x78, 0x01]   // deflate, 32 KB window, fastest level
        var adler: UInt = 1
        for r in results {
            guard let r else { return nil }
            stream += r.bytes
            adler = adler32_combine(adler, r.adler, off_t(r.length))
        }
        return stream + [UInt8(adler >> 24 & 0xFF), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
    }

    /// Rows `rows` as raw deflate data (ending in a final block if `last`, else on a byte boundary),
    /// their Adler-32 and length. Row by row, so no image-sized buffer is filled twice (each page of
    /// one is a page fault).
    private static func deflatePart(_ pixels: UnsafeRawPointer, width w: Int, rows: Range<Int>, stride: Int,
                                    last: Bool) -> (bytes: [UInt8], adler: UInt, length: Int)? {
        var strm = z_stream()
        // deflateInit2 is a macro over deflateInit2_, which checks the header's version and struct size.
        guard deflateInit2_(&strm, 1, Z_DEFLATED, -15, 8, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&strm) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var prev = [UInt8](repeating: 0, count: 3 * w), cur = prev
        var line = [UInt8](repeating: 0, count: 1 + 3 * w)
        line[0] = 2   // filter type Up
        var adler = adler32(0, nil, 0)
        /// Feeds `input` (all of it) and collects what zlib writes; false on a zlib error.
        func feed(_ input: inout [UInt8], count: Int, flush: Int32) -> Bool {
            input.withUnsafeMutableBufferPointer { src in
                strm.next_in = src.baseAddress; strm.avail_in = uInt(count)
                repeat {
                    let status: Int32 = chunk.withUnsafeMutableBufferPointer { dst in
                        strm.next_out = dst.baseAddress; strm.avail_out = uInt(dst.count)
                        return deflate(&strm, flush)
                    }
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { return false }
                    out.append(contentsOf: chunk[0..<(chunk.count - Int(strm.avail_out))])
                    if status == Z_STREAM_END { return true }
                } while strm.avail_out == 0 || strm.avail_in > 0 || flush == Z_FINISH
                return true
            }
        }
        /// Cairo's RGB24 is a native-endian 0x00RRGGBB word per pixel.
        func unpack(_ y: Int, into rgb: inout [UInt8]) {
            let row = pixels.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<w {
                let p = row[x]
                rgb[3 * x] = UInt8(truncatingIfNeeded: p >> 16)
                rgb[3 * x + 1] = UInt8(truncatingIfNeeded: p >> 8)
                rgb[3 * x + 2] = UInt8(truncatingIfNeeded: p)
            }
        }
        if rows.lowerBound > 0 { unpack(rows.lowerBound - 1, into: &prev) }   // what "Up" subtracts
        for y in rows {
            unpack(y, into: &cur)
            for i in 0..<(3 * w) { line[1 + i] = cur[i] &- prev[i] }
            swap(&prev, &cur)
            adler = line.withUnsafeBufferPointer { adler32(adler, $0.baseAddress, uInt($0.count)) }
            guard feed(&line, count: line.count, flush: Z_NO_FLUSH) else { return nil }
        }
        var none: [UInt8] = [0]
        guard feed(&none, count: 0, flush: last ? Z_FINISH : Z_SYNC_FLUSH) else { return nil }
        return (out, adler, rows.count * line.count)
    }
}
