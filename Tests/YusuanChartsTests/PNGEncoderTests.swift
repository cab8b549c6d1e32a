import XCTest
@testable import YusuanCharts
import YusuanTestSupport

/// The PNG encoder's file, decoded by an independent reader (Python's zlib, which also checks the
/// Adler-32, and the chunks' CRC-32): every pixel must come back, whatever runs and literals the rows make.
final class PNGEncoderTests: XCTestCase {
    func testEveryPixelComesBack() throws {
        // 701 px rows (odd: the last pixel is compared alone): zero runs longer than one 258-byte
        // match; a stride with padding; the unused top byte of each pixel set, which must not reach
        // the file.
        try checkRoundTrip(width: 701, height: 60) { x, y, random in
            switch y % 6 {
            case 0: return 0xFF_FFFF                                    // white: runs of 255 after the Up filter of row 0
            case 1: return x < 300 ? 0xFF_FFFF : 0x33_6699            // equal to the row above, then a new colour
            case 2: return random() & 0xFF_FFFF                         // noise: literals only
            case 3: return x % 90 < 2 ? random() & 0xFF_FFFF : 0x10_2030 // flat with specks
            case 4: return 0x10_2030                                     // runs across rows
            default: return UInt32(x % 256) * 0x01_0101                  // a grey ramp: equal non-zero differences
            }
        }
    }

    /// A tall image crosses many of the stream's resets (`segmentBytes`) in both halves: bands of
    /// rows repeating the one above (filtered to zeros without being read pixel by pixel), rows
    /// equal to the one above but for the unused byte (which must not count as a difference),
    /// noise, and a first row equal to the zeros "Up" subtracts from it.
    func testTallImagesAcrossTheStreamsResets() throws {
        let w = 333, h = 2_000
        XCTAssertGreaterThan(h / 2 * (1 + 3 * w), 8 * PNGEncoder.segmentBytes)
        try checkRoundTrip(width: w, height: h, unused: { y in y % 7 == 3 ? 0x5500_0000 : 0xAB00_0000 }) { x, y, random in
            switch (y / 37) % 5 {
            case _ where y == 0: return 0
            case 0: return 0x2F_5D8A                                  // one colour for rows on end
            case 1: return y % 3 == 0 ? random() & 0xFF_FFFF : 0x2F_5D8A
            case 2: return x < y % 333 ? 0xEE_EEEE : 0x11_2233        // an edge moving along
            case 3: return random() & 0xFF_FFFF
            default: return (y / 4) % 2 == 0 ? 0xFF_FFFF : 0           // stripes of four equal rows
            }
        }
    }

    /// Encodes `pixel(x, y, random)` (with `unused(y)` in the top byte Cairo leaves alone) and has an
    /// independent decoder give every pixel back.
    private func checkRoundTrip(width w: Int, height h: Int, unused: (Int) -> UInt32 = { _ in 0xAB00_0000 },
                                _ pixel: (Int, Int, () -> UInt32) -> UInt32) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 not installed") }
        let dir = try TempDir.make("png")
        defer { try? FileManager.default.removeItem(at: dir) }
        let stride = 4 * w + 16
        var words = [UInt32](repeating: 0xAB00_0000, count: stride / 4 * h)
        var rgb: [UInt8] = []
        rgb.reserveCapacity(3 * w * h)
        var seed: UInt32 = 12345
        func random() -> UInt32 { seed = seed &* 1_103_515_245 &+ 12345; return seed >> 8 }
        for y in 0..<h {
            for x in 0..<w {
                let p = pixel(x, y, random)
                words[y * stride / 4 + x] = unused(y) | p
                rgb += [UInt8(p >> 16 & 0xFF), UInt8(p >> 8 & 0xFF), UInt8(p & 0xFF)]
            }
        }
        let png = try XCTUnwrap(words.withUnsafeBytes { PNGEncoder.encode($0.baseAddress!, width: w, height: h, stride: stride) })
        let file = dir.appendingPathComponent("t.png"), raw = dir.appendingPathComponent("t.rgb")
        try png.write(to: file)
        try Data(rgb).write(to: raw)
        let script = dir.appendingPathComponent("check.py")
        try (RenderTests.decodePNG + """
        print(w, h, b''.join(rows) == open(sys.argv[2], 'rb').read())
        """).write(to: script, atomically: true, encoding: .utf8)
        let result = try Program.run(URL(fileURLWithPath: "/usr/bin/python3"), [script.path, file.path, raw.path])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(result.out.trimmingCharacters(in: .whitespacesAndNewlines), "\(w) \(h) True")
    }
}
