import Foundation
import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanPDF

/// `check --annotate`'s drawing: each finding boxed in red where its line (or quoted cell) stands,
/// on the right page, text still selectable, same bytes on every run.
final class AnnotateTests: XCTestCase {
    static let pdf = pdfFixtures.appendingPathComponent("putuo-caizhengju-2024-final.pdf")

    func testBoxesWhereTheFindingsPoint() throws {
        guard let data = FileManager.default.contents(atPath: Self.pdf.path) else { throw XCTSkip("the 普陀 PDF fixture is missing") }
        let text = try SourceText.load(data: data, name: "putuo.pdf")
        // The 财政拨款收入支出决算总表's 社会保障和就业支出 line and a narrative line (p21).
        let tableLine = try XCTUnwrap(text.lines.lastIndex { $0.contains("社会保障和就业支出") && $0.contains("326.71") }) + 1
        let proseLine = try XCTUnwrap(text.lines.firstIndex { $0.contains("占71.73%") }) + 1
        let findings = [
            Diagnostic(document: "putuo.pdf", line: tableLine, severity: .error, rule: "same-figure", message: "印 326.71 万元，应为 326.72 万元"),
            Diagnostic(document: "putuo.pdf", line: proseLine, severity: .error, rule: "narrative-share", message: "第21页称占 71.73%，按 2,106.66 万元 ÷ 2,940.05 万元应为 71.65%"),
        ]
        let marks = FindingMarks.marks(findings, source: text, pdf: try PDFFile(data: data)) { "〔错误〕\($0.rule == "same-figure" ? "同数不符" : "占比")：\($0.message)" }
        XCTAssertEqual(marks.map(\.page), [12, 21])
        // The margin note is the caller's (in its language), never the raw severity and rule.
        XCTAssertEqual(marks[0].note, "〔错误〕同数不符：印 326.71 万元，应为 326.72 万元")
        XCTAssertEqual(marks.map(\.light), [false, false])
        // The ingested text is recognised as this PDF's; another PDF's is not.
        let doc = try DocumentReader().read(source: text, name: "putuo.pdf", byteCount: data.count)
        XCTAssertTrue(FindingMarks.isSource(text, ofHash: doc.contentHash))
        let template = try SourceText.load(data: Data(contentsOf: pdfFixtures.appendingPathComponent("template-final-2024.pdf")), name: "t.pdf")
        XCTAssertFalse(FindingMarks.isSource(template, ofHash: doc.contentHash))
        // The table finding is boxed at the quoted cell, the prose one at the glyphs of "71.73" (the
        // first figure it quotes), each narrower than its line and inside it.
        let g = try XCTUnwrap(text.geometry[tableLine - 1])
        XCTAssertLessThan(marks[0].box.width, g.box.width / 3)
        let p = try XCTUnwrap(text.geometry[proseLine - 1]?.box)
        XCTAssertLessThan(marks[1].box.width, p.width / 8)
        XCTAssertTrue(marks[1].box.x0 >= p.x0 - 1 && marks[1].box.x1 <= p.x1 + 1 && marks[1].box.midY > p.y0 && marks[1].box.midY < p.y1)
        let page21 = try XCTUnwrap(PDFFile(data: data).page(20)).glyphs().filter { $0.box.midY > p.y0 && $0.box.midY < p.y1 }
        let inside = page21.filter { $0.box.midX > marks[1].box.x0 && $0.box.midX < marks[1].box.x1 }
        XCTAssertEqual(String(inside.map(\.char)), "71.73")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-annotate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.pdf").path, b = dir.appendingPathComponent("b.pdf").path
        let drawn = try PDFAnnotator.write(source: try PDFFile(data: data), marks: marks, to: a)
        try PDFAnnotator.write(source: try PDFFile(data: data), marks: marks, to: b)
        XCTAssertEqual(FileManager.default.contents(atPath: a), FileManager.default.contents(atPath: b))

        let out = try PDFFile(data: Data(contentsOf: URL(fileURLWithPath: a)))
        XCTAssertEqual(out.pageCount, 25)
        // Text stays text: the page's words are still there to select.
        let p12 = try XCTUnwrap(out.page(11))
        XCTAssertTrue(String(p12.glyphs().map(\.char)).contains("社会保障和就业支出"))
        XCTAssertEqual(p12.width, try XCTUnwrap(PDFFile(data: data).page(11)).width + PDFAnnotator.margin, accuracy: 0.01)
        // Red pixels on the drawn box's edges, none a little outside it.
        let scale = 2.0
        let px = p12.rgbPixels(scale: scale)
        func red(_ x: Double, _ y: Double) -> Bool {
            let i = (Int(y * scale) * px.width + Int(x * scale)) * 3
            return px.pixels[i] > 150 && px.pixels[i + 1] < 80 && px.pixels[i + 2] < 80
        }
        let box = drawn[0].box
        XCTAssertTrue(red(box.midX, box.y0) || red(box.midX, box.y0 + 0.5) || red(box.midX, box.y0 - 0.5))
        XCTAssertTrue(red(box.x0, box.midY) || red(box.x0 + 0.5, box.midY) || red(box.x0 - 0.5, box.midY))
        XCTAssertFalse(red(box.midX, box.y0 - 6))
        XCTAssertFalse(red(box.midX, box.midY))

        // A rounding finding is drawn too, in a lighter colour (orange, not red).
        let rounding = FindingMarks.marks([Diagnostic(document: "putuo.pdf", line: tableLine, severity: .rounding, rule: "same-figure", message: "印 326.71 万元，应为 326.72 万元")],
                                          source: text, pdf: try PDFFile(data: data))
        XCTAssertEqual(rounding.map(\.light), [true])
        let c = dir.appendingPathComponent("c.pdf").path
        let lightBox = try XCTUnwrap(PDFAnnotator.write(source: try PDFFile(data: data), marks: rounding, to: c).first).box
        let lp = try XCTUnwrap(PDFFile(data: Data(contentsOf: URL(fileURLWithPath: c))).page(11)).rgbPixels(scale: scale)
        func orange(_ x: Double, _ y: Double) -> Bool {
            let i = (Int(y * scale) * lp.width + Int(x * scale)) * 3
            return lp.pixels[i] > 200 && lp.pixels[i + 1] > 90 && lp.pixels[i + 1] < 200 && lp.pixels[i + 2] < 120
        }
        XCTAssertTrue(orange(lightBox.midX, lightBox.y0) || orange(lightBox.midX, lightBox.y0 + 0.5) || orange(lightBox.midX, lightBox.y0 - 0.5))
    }
}
