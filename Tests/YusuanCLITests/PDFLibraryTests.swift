import Foundation
import XCTest
import YusuanTestSupport

/// PDFs are read by libYusuanPDFScan.so (poppler and the libraries under it), which the
/// executable loads at its first PDF: the other commands start without them.
final class PDFLibraryTests: XCTestCase {
    /// Without the library a PDF is refused with a message naming the file and what to do, and
    /// the rest of the batch is read; with it the same PDF is read.
    func testAMissingPDFLibraryRefusesThePDFsOnly() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("s.sqlite").path
        let pdf = Repo.pdfFixtures.appendingPathComponent("putuo-caizhengju-2024-final.pdf").path
        let missing = dir.appendingPathComponent("nowhere/libYusuanPDFScan.so").path
        let r = try CLI.run(["ingest", "--db", db, pdf, Repo.sample("yubei-2024-linkong.txt").path],
                            env: ["YUSUAN_PDF_LIBRARY": missing])
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("putuo-caizhengju-2024-final.pdf：读取 PDF 需要 libYusuanPDFScan.so，但未能载入（\(missing): cannot open shared object file: No such file or directory）；请把它放在 yusuan 可执行文件旁边"), r.err)
        XCTAssertTrue(r.out.contains("已导入 1 份文件") || r.err.contains("已导入 1 份文件"), r.out + r.err)
        let docs = try CLI.run(["docs", "--format", "csv"], db: db)
        XCTAssertTrue(docs.out.contains("yubei-2024-linkong.txt"), docs.out)
        XCTAssertFalse(docs.out.contains("putuo"), docs.out)
        // In English too.
        let en = try Yusuan.run(["ingest", "-q", "--db", db, pdf], lang: "en", env: ["YUSUAN_PDF_LIBRARY": missing])
        XCTAssertTrue(en.err.contains("putuo-caizhengju-2024-final.pdf: PDFs are read by libYusuanPDFScan.so, which could not be loaded"), en.err)

        let ok = try CLI.run(["ingest", "-q", "--db", db, pdf])
        XCTAssertEqual(ok.status, 0, ok.err)
        XCTAssertTrue(try CLI.run(["docs", "--format", "csv"], db: db).out.contains("putuo-caizhengju-2024-final.pdf"))
    }

    /// The executable does not need poppler to start; the library beside it does.
    func testOnlyThePDFLibraryLinksPoppler() throws {
        let exe = try Yusuan.binary()
        let ldd = URL(fileURLWithPath: "/usr/bin/ldd")
        let own = try Program.run(ldd, [exe.path])
        XCTAssertEqual(own.status, 0, own.err)
        XCTAssertTrue(own.out.contains("libcairo"), own.out)
        XCTAssertFalse(own.out.contains("poppler"), own.out)
        let library = exe.deletingLastPathComponent().appendingPathComponent("libYusuanPDFScan.so")
        XCTAssertTrue(try Program.run(ldd, [library.path]).out.contains("libpoppler.so"))
    }
}
