import XCTest
import CCairo
import YusuanCore
import YusuanIngest

/// PDFs that cannot be read: each refused by name with what to do; and a long one that can.
final class BadPDFTests: XCTestCase {
    func read(_ data: Data, _ name: String) -> IngestError? {
        do { _ = try DocumentReader().read(data: data, name: name); return nil } catch { return error as? IngestError }
    }

    func testEncrypted() throws {
        let data = try Data(contentsOf: pdfFixtures.appendingPathComponent("encrypted.pdf"))
        XCTAssertEqual(read(data, "locked.pdf"), .encryptedPDF(file: "locked.pdf"))
        XCTAssertTrue(IngestError.encryptedPDF(file: "locked.pdf").description.contains("密码"))
    }

    func testCutShort() throws {
        let data = try Data(contentsOf: pdfFixtures.appendingPathComponent("putuo-caizhengju-2024-final.pdf"))
        guard case .damagedPDF(let f, let why)? = read(data.prefix(data.count * 2 / 5), "cut.pdf") else { return XCTFail() }
        XCTAssertEqual(f, "cut.pdf")
        XCTAssertTrue(why.contains("cut short"))
        guard case .damagedPDF? = read(Data("%PDF-1.4\ngarbage\n%%EOF\n".utf8), "junk.pdf") else { return XCTFail() }
    }

    func testScannedPagesHaveNoText() throws {
        let data = Self.makePDF(pages: 3) { cr, _ in
            // A “scan”: one picture, no text.
            let img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 280)
            let ic = cairo_create(img)
            cairo_set_source_rgb(ic, 0.9, 0.9, 0.9); cairo_paint(ic)
            cairo_set_source_rgb(ic, 0, 0, 0); cairo_rectangle(ic, 20, 20, 160, 4); cairo_fill(ic)
            cairo_destroy(ic)
            cairo_set_source_surface(cr, img, 40, 40); cairo_paint(cr)
            cairo_surface_destroy(img)
        }
        XCTAssertEqual(read(data, "scan.pdf"), .scannedPDF(file: "scan.pdf", pages: [1, 2, 3]))
        XCTAssertTrue(IngestError.scannedPDF(file: "scan.pdf", pages: [1, 2, 3]).description.contains("第 1–3 页"))
    }

    func testNotADisclosure() throws {
        let data = Self.makePDF(pages: 2) { cr, page in
            Self.text(cr, "第\(page + 1)页：会议纪要。今天讨论了园区绿化和食堂管理工作。", x: 60, y: 80)
        }
        guard case .notADisclosure(let f, _)? = read(data, "notes.pdf") else { return XCTFail() }
        XCTAssertEqual(f, "notes.pdf")
    }

    /// 300 pages of one long table: read whole, every row a fact with its page.
    func testThreeHundredPages() throws {
        let rowsPerPage = 30
        let data = Self.makePDF(pages: 300) { cr, page in
            if page == 0 {
                Self.text(cr, "重庆市渝北区某某局2024年部门预算", x: 60, y: 40)
                Self.text(cr, "2024年渝北区部门项目支出明细表", x: 60, y: 60)
                Self.text(cr, "单位：元", x: 440, y: 60)
            }
            Self.text(cr, "项目名称", x: 60, y: 90); Self.text(cr, "金额", x: 420, y: 90)
            for r in 0..<rowsPerPage {
                let n = page * rowsPerPage + r + 1
                Self.text(cr, "第\(n)号项目", x: 60, y: 110 + Double(r) * 22)
                Self.text(cr, "\(n).00", x: 420, y: 110 + Double(r) * 22)
            }
        }
        let doc = try DocumentReader().read(data: data, name: "long.pdf")
        XCTAssertEqual(doc.pageCount, 300)
        let projects = doc.facts.filter { $0.table == .project && $0.item != "合计" }
        XCTAssertEqual(projects.count, 300 * rowsPerPage)
        let last = try XCTUnwrap(projects.last)
        XCTAssertEqual(last.item, "第9000号项目")
        XCTAssertEqual(last.amount.yuanString, "9000.00")
        XCTAssertEqual(last.page, 300)
    }

    // MARK: making PDFs

    static func text(_ cr: OpaquePointer?, _ s: String, x: Double, y: Double) {
        cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, 10)
        cairo_move_to(cr, x, y)
        cairo_show_text(cr, s)
    }

    /// An A4 PDF drawn page by page with Cairo.
    static func makePDF(pages: Int, draw: (OpaquePointer?, Int) -> Void) -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        let surface = cairo_pdf_surface_create(url.path, 595, 842)
        let cr = cairo_create(surface)
        for p in 0..<pages {
            cairo_set_source_rgb(cr, 0, 0, 0)
            draw(cr, p)
            cairo_show_page(cr)
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
        return (try? Data(contentsOf: url)) ?? Data()
    }
}
