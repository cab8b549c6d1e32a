import XCTest
import YusuanCore
import YusuanIngest

/// What `pdftotext -layout` makes of a PDF: space-aligned text, read by how its figures line up.
/// Weaker than the PDF itself (pdftotext shifts CJK text against figures, and prints amounts of a
/// top-aligned cell on a line of their own); what is not read must be said, loudly.
final class LayoutTextTests: XCTestCase {
    func layoutText(_ pdf: String) throws -> Data {
        guard let out = try runTool("/usr/bin/pdftotext", ["-layout", pdfFixtures.appendingPathComponent(pdf).path, "-"]) else {
            throw XCTSkip("pdftotext (poppler-utils) is not installed: `make test` installs it")
        }
        return out
    }

    func testPutuoLayoutText() throws {
        let doc = try DocumentReader().read(data: layoutText("putuo-caizhengju-2024-final.pdf"), name: "putuo.txt")
        XCTAssertEqual(doc.identity.regionCode, "310107")
        XCTAssertEqual(doc.identity.stage, .final)
        XCTAssertNil(doc.pageCount)
        let transcribed = try DocumentReader().read(fileAt: repoRoot.appendingPathComponent("Tests/YusuanIngestTests/Fixtures/unseen/putuo-2024-final-caizhengju.txt"))
        // A table printed without offsets reads exactly.
        let general: (ParsedDocument) -> [Fact] = { $0.facts.filter { $0.table == .generalBudgetByFunction } }
        XCTAssertEqual(general(doc).count, 44)
        XCTAssertEqual(missing(general(transcribed), from: general(doc)).map(\.description), [])
        // The rest is not all read, and that is said: coverage below 95 %, a warning on each row.
        XCTAssertTrue(doc.coverage.isLow, "\(doc.coverage)")
        XCTAssertGreaterThan(doc.coverage.missed, 0)
        XCTAssertGreaterThanOrEqual(doc.warnings.filter { ["unread-amounts", "unread-row", "unmapped-column"].contains($0.rule) }.count, doc.coverage.missed / 4)
    }

    /// The 渝北 sample printed to PDF and back through pdftotext: the version before this one read 61
    /// of its 290 facts and warned of nothing.
    func testYubeiLayoutTextIsReadOrSaidSo() throws {
        let doc = try DocumentReader().read(data: layoutText("roundtrip/yubei-2024-linkong-chromium.pdf"), name: "yubei.txt")
        let sample = try DocumentReader().read(fileAt: repoRoot.appendingPathComponent("Samples/yubei-2024-linkong.txt"))
        XCTAssertGreaterThanOrEqual(doc.facts.count, 200)
        // Not all of it is right (pdftotext moves figures against their columns), and that is said.
        XCTAssertTrue(doc.coverage.isLow, "\(doc.coverage)")
        XCTAssertGreaterThanOrEqual(doc.warnings.count, 20)
        XCTAssertEqual(doc.identity.entity, sample.identity.entity)
        XCTAssertEqual(doc.facts.filter { $0.table == .narrative }.count, sample.facts.filter { $0.table == .narrative }.count)
    }
}
