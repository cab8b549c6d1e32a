import XCTest
@testable import YusuanCharts
import YusuanTestSupport

/// Renders every chart kind in every format and checks the files, not just that no error was thrown.
final class RenderTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try TempDir.make("charts")
    }
    override func tearDownWithError() throws {
        // YUSUAN_CHART_SAMPLES=/some/dir keeps a copy of every PNG for eyeballing.
        if let keep = ProcessInfo.processInfo.environment["YUSUAN_CHART_SAMPLES"] {
            try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            for f in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
                let dst = URL(fileURLWithPath: keep).appendingPathComponent(f)
                try? FileManager.default.removeItem(at: dst)
                try? FileManager.default.copyItem(at: dir.appendingPathComponent(f), to: dst)
            }
        }
        try? FileManager.default.removeItem(at: dir)
    }

    enum Chart { case bar(BarChartSpec), treemap(TreemapSpec) }
    static let charts: [(String, Chart)] = [
        ("sangong-stacked", .bar(Fixtures.sangongStacked())),
        ("sangong-bars", .bar(Fixtures.sangongBars())),
        ("classes-grouped", .bar(Fixtures.classesGrouped())),
        ("classes-diverging", .bar(Fixtures.classesDiverging())),
        ("treemap-class", .treemap(Fixtures.classTreemap())),
        ("treemap-nested", .treemap(Fixtures.nestedTreemap())),
        ("treemap-change", .treemap(Fixtures.nestedTreemap(mode: .byChange))),
    ]

    func render(_ c: Chart, to url: URL, _ o: RenderOptions = RenderOptions()) throws {
        switch c {
        case .bar(let s): try ChartRenderer.render(s, to: url, options: o)
        case .treemap(let s): try ChartRenderer.render(s, to: url, options: o)
        }
    }

    /// Width and height from the IHDR chunk.
    func pngSize(_ d: Data) -> (Int, Int)? {
        let b = [UInt8](d.prefix(24))
        guard b.count == 24, b[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], b[12..<16] == [73, 72, 68, 82] else { return nil }
        func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (be(16), be(20))
    }

    func tool(_ name: String) -> String? {
        for d in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(d)/\(name)") {
            return "\(d)/\(name)"
        }
        return nil
    }

    /// Status and everything the tool printed (standard output, then standard error).
    func run(_ path: String, _ args: [String]) throws -> (Int32, String) {
        let o = try Program.run(URL(fileURLWithPath: path), args)
        return (o.status, o.out + o.err)
    }

    func testPNGSizeAndDeterminism() throws {
        for (name, c) in Self.charts {
            let a = dir.appendingPathComponent("\(name).png"), b = dir.appendingPathComponent("\(name)-again.png")
            try render(c, to: a)
            try render(c, to: b)
            let da = try Data(contentsOf: a)
            XCTAssertEqual(pngSize(da).map { [$0.0, $0.1] }, [1600, 900], name)
            XCTAssertEqual(da, try Data(contentsOf: b), "\(name): PNG differs between two renders")
            try FileManager.default.removeItem(at: b)
        }
        let hi = dir.appendingPathComponent("treemap-class@2x.png")
        try render(Self.charts[4].1, to: hi, RenderOptions(width: 1200, height: 675, scale: 2))
        XCTAssertEqual(pngSize(try Data(contentsOf: hi)).map { [$0.0, $0.1] }, [2400, 1350])
    }

    /// Python that checks every chunk's CRC, inflates the image data with zlib and undoes the row
    /// filters (None or Up) of the PNG named by its first argument: `w`, `h`, `rb` (bytes a row),
    /// `rows` (RGB bytes) for the lines a test appends.
    static let decodePNG = """
        import zlib, struct, sys
        d = open(sys.argv[1], 'rb').read(); i = 8; idat = b''
        while i < len(d):
            n = struct.unpack('>I', d[i:i+4])[0]; t = d[i+4:i+8]; body = d[i+8:i+8+n]
            assert zlib.crc32(t + body) & 0xffffffff == struct.unpack('>I', d[i+8+n:i+12+n])[0], t
            if t == b'IHDR': w, h = struct.unpack('>II', body[:8])
            if t == b'IDAT': idat += body
            i += 12 + n
        raw = zlib.decompress(idat); rb = 3 * w; prev = bytearray(rb); rows = []
        for y in range(h):
            f = raw[y * (rb + 1)]; row = bytearray(raw[y * (rb + 1) + 1:(y + 1) * (rb + 1)])
            assert f in (0, 2), f
            if f == 2: row = bytearray((a + b) & 255 for a, b in zip(row, prev))
            rows.append(row); prev = row

        """

    func testPNGDecodes() throws {
        // Our PNG encoder (Up-filtered rows through zlib) must give a valid file: check every chunk CRC,
        // inflate the image data and undo the row filters with Python's zlib, then read pixels.
        guard let python = tool("python3") else { throw XCTSkip("python3 not installed") }
        let url = dir.appendingPathComponent("decode.png")
        try render(Self.charts[1].1, to: url, RenderOptions(width: 320, height: 180))
        let script = Self.decodePNG + """
        dark = sum(1 for r in rows for k in range(0, rb, 3) if r[k] < 128)
        print(w, h, tuple(rows[0][0:3]), dark > 100)
        """
        let py = dir.appendingPathComponent("png.py")
        try script.write(to: py, atomically: true, encoding: .utf8)
        let (status, out) = try run(python, [py.path, url.path])
        XCTAssertEqual(status, 0, out)
        XCTAssertEqual(out.trimmingCharacters(in: .whitespacesAndNewlines), "320 180 (255, 255, 255) True")
    }

    func testSVGRendersAndIsByteIdentical() throws {
        let rsvg = tool("rsvg-convert")
        for (name, c) in Self.charts {
            let a = dir.appendingPathComponent("\(name).svg"), b = dir.appendingPathComponent("\(name)-2.svg")
            try render(c, to: a)
            try render(c, to: b)
            let da = try Data(contentsOf: a)
            XCTAssertEqual(da, try Data(contentsOf: b), "\(name): SVG differs between two renders")
            let text = String(decoding: da, as: UTF8.self)
            XCTAssertTrue(text.contains("<svg"), name)
            XCTAssertTrue(text.contains("width=\"1600px\""), name)
            if let rsvg {
                let png = dir.appendingPathComponent("\(name)-svg.png")
                let (status, out) = try run(rsvg, ["-o", png.path, a.path])
                XCTAssertEqual(status, 0, "\(name): rsvg-convert failed: \(out)")
                XCTAssertEqual(pngSize(try Data(contentsOf: png)).map { [$0.0, $0.1] }, [1600, 900], name)
            }
        }
        if rsvg == nil { throw XCTSkip("rsvg-convert not installed (librsvg2-bin): the SVGs were compared, not rasterised") }
    }

    func testPDFIsOnePageAndByteIdentical() throws {
        let pdfinfo = tool("pdfinfo")
        for (name, c) in Self.charts {
            let a = dir.appendingPathComponent("\(name).pdf"), b = dir.appendingPathComponent("\(name)-2.pdf")
            try render(c, to: a)
            try render(c, to: b)
            let da = try Data(contentsOf: a)
            XCTAssertEqual(da, try Data(contentsOf: b), "\(name): PDF differs between two renders")
            XCTAssertTrue(da.starts(with: Array("%PDF-".utf8)))
            if let pdfinfo {
                let (status, out) = try run(pdfinfo, [a.path])
                XCTAssertEqual(status, 0, out)
                XCTAssertTrue(out.range(of: #"Pages:\s+1\n"#, options: .regularExpression) != nil, "\(name): \(out)")
                XCTAssertTrue(out.range(of: #"Page size:\s+1600 x 900 pts"#, options: .regularExpression) != nil, "\(name): \(out)")
            }
        }
        if pdfinfo == nil { throw XCTSkip("pdfinfo not installed (poppler-utils): pages and size not checked") }
    }

    func testPDFEmbedsTheCJKFont() throws {
        guard let pdffonts = tool("pdffonts") else { throw XCTSkip("pdffonts not installed") }
        let a = dir.appendingPathComponent("fonts.pdf")
        try render(Self.charts[0].1, to: a)
        let (status, out) = try run(pdffonts, [a.path])
        XCTAssertEqual(status, 0)
        XCTAssertTrue(out.contains("NotoSansCJK"), out)
    }

    func testErrors() throws {
        XCTAssertThrowsError(try render(Self.charts[0].1, to: dir.appendingPathComponent("x.gif"))) { e in
            XCTAssertEqual(e as? ChartError, .unsupportedFormat("gif"))
            XCTAssertTrue("\(e)".contains(".png、.svg 或 .pdf"))
        }
        XCTAssertThrowsError(try PangoTextMeasurer(font: "No Such Font Family 123")) { e in
            guard case let .fontNotFound(name, available)? = e as? ChartError else { return XCTFail("\(e)") }
            XCTAssertEqual(name, "No Such Font Family 123")
            XCTAssertTrue(available.contains("Noto Sans CJK SC"), "\(available)")
        }
        // A Latin-only font cannot draw the labels: refused, not drawn as tofu.
        if FontResolver.installedFamilies().contains("DejaVu Sans") {
            XCTAssertThrowsError(try PangoTextMeasurer(font: "DejaVu Sans"))
        }
        XCTAssertEqual(try PangoTextMeasurer(font: "noto sans cjk sc").family, "Noto Sans CJK SC")
        XCTAssertThrowsError(try render(Self.charts[0].1, to: dir.appendingPathComponent("x.png"),
                                        RenderOptions(width: 10, height: 10)))
        XCTAssertThrowsError(try render(Self.charts[0].1, to: URL(fileURLWithPath: "/nonexistent-dir/x.png"))) { e in
            guard case .writeFailed? = e as? ChartError else { return XCTFail("\(e)") }
        }
    }

    /// A chart replaces the file whole (written beside it, then renamed), leaves nothing else
    /// behind, and a failed write leaves what was there.
    func testChartFilesAreReplacedWhole() throws {
        let folder = dir.appendingPathComponent("whole")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("c.svg")
        try Data("old".utf8).write(to: target)
        try render(Self.charts[0].1, to: target)
        let svg = try String(contentsOf: target, encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<?xml"), String(svg.prefix(40)))
        XCTAssertTrue(svg.hasSuffix("</svg>\n"), String(svg.suffix(40)))
        let inFolder = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(inFolder, ["c.svg"])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub.png"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try render(Self.charts[0].1, to: folder.appendingPathComponent("sub.png"))) { e in
            guard case .writeFailed? = e as? ChartError else { return XCTFail("\(e)") }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["c.svg", "sub.png"])
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), svg)
    }

    func testPangoMetricsAreScaleIndependent() throws {
        // Layout measures once; PNG at scale 2 must use the same advances or labels would move.
        let m = try PangoTextMeasurer()
        let w = m.width(of: "资源勘探工业信息等支出 32,378.89 万元", style: TextStyle(size: 18))
        XCTAssertGreaterThan(w, 18 * 11)
        XCTAssertLessThan(w, 18 * 22)
        XCTAssertEqual(m.lineHeight(TextStyle(size: 20)), 2 * m.lineHeight(TextStyle(size: 10)), accuracy: 0.05)
    }

    /// A PNG is drawn in two bands at once (`drawInHalves`): byte for byte the image one surface
    /// gives, for every chart kind, at both scales, with text, cells and lines across the seam.
    func testPNGDrawnInTwoBandsIsTheImageOfOneSurface() throws {
        let measurer = try PangoTextMeasurer()
        var scenes: [Scene] = Self.charts.map { (_, c) in
            switch c {
            case .bar(let s): return BarChartLayout(spec: s, size: Size(width: 800, height: 450), measurer: measurer).scene
            case .treemap(let s): return TreemapLayout(spec: s, size: Size(width: 800, height: 450), measurer: measurer).scene
            }
        }
        // Labels and shapes straddling the seam (row 450 of a 900-row image) at fractional positions.
        var seam = Scene(size: Size(width: 400, height: 300), background: Color(hex: 0xFFFFFF), items: [])
        for k in 0..<24 {
            let y = 139.3 + Double(k) * 0.9, x = 3.7 + Double(k) * 16.1
            seam.items.append(.rect(Rect(x: x, y: y, width: 13.3, height: 7.9), fill: Color(hex: 0x2F5D8A), stroke: Color(hex: 0x111111), lineWidth: 0.7))
            seam.items.append(.text(TextBox(lines: ["跨缝\(k)号 1,234.5"], widths: [80], lineHeight: 14, style: TextStyle(size: 9 + Double(k % 5)),
                                            color: Color(hex: 0x222222), in: Rect(x: x, y: y - 4, width: 80, height: 14), alignment: .leading)))
        }
        seam.items.append(.line(from: Point(x: 0, y: 150.1), to: Point(x: 400, y: 149.6), color: Color(hex: 0xAA3333), width: 1.3))
        seam.items.append(.gradient(Rect(x: 10, y: 146.2, width: 380, height: 6.6), stops: [Color(hex: 0xFFEEDD), Color(hex: 0x3366AA)]))
        seam.items.append(.circle(center: Point(x: 200.4, y: 150.2), radius: 5.3, fill: Color(hex: 0x44AA66)))
        scenes.append(seam)
        for scene in scenes {
            for scale in [1.0, 2.0] {
                let banded = try renderWithCairo(scene, format: .png, scale: scale, family: measurer.family, title: "")
                let single = try renderWithCairo(scene, format: .png, scale: scale, family: measurer.family, title: "", inBands: false)
                XCTAssertEqual(banded, single, "\(scene.size) at \(scale)×")
            }
        }
    }
}
