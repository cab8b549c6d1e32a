import XCTest
@testable import YusuanCharts
import YusuanTestSupport

/// The PNG encoder's file, decoded by an independent reader (Python's zlib, which also checks the
/// Adler-32, and the chunks' CRC-32): every pixel must come back, whatever runs and literals the rows make.
final class PNGEncoderTests: XCTestCase {
    func testEveryPixelComesBack() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 not installed") }
        let dir = try TempDir.make("png")
        defer { try? FileManager.default.removeItem(at: dir) }
        // 701 px rows (odd: the last pixel is compared alone): zero runs longer than one 258-byte
        // match; a stride with padding; the unused top byte of each pixel set, which must not reach
        // the file.
        let w = 701, h = 60, stride = 4 * w + 16
        var words = [UInt32](repeating: 0xAB00_0000, count: stride / 4 * h)
        var rgb: [UInt8] = []
        var seed: UInt32 = 12345
        func random() -> UInt32 { seed = seed &* 1_103_515_245 &+ 12345; return seed >> 8 }
        for y in 0..<h {
            for x in 0..<w {
                let p: UInt32
                switch y % 6 {
                case 0: p = 0xFF_FFFF                                    // white: runs of 255 after the Up filter of row 0
                case 1: p = x < 300 ? 0xFF_FFFF : 0x33_6699            // equal to the row above, then a new colour
                case 2: p = random() & 0xFF_FFFF                         // noise: literals only
                case 3: p = x % 90 < 2 ? random() & 0xFF_FFFF : 0x10_2030 // flat with specks
                case 4: p = 0x10_2030                                     // runs across rows
                default: p = UInt32(x % 256) * 0x01_0101                  // a grey ramp: equal non-zero differences
                }
                words[y * stride / 4 + x] = 0xAB00_0000 | p
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
        XCTAssertEqual(result.out.trimmingCharacters(in: .whitespacesAndNewlines), "701 60 True")
    }
}
