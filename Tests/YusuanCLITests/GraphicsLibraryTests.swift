import Foundation
import XCTest
import YusuanTestSupport

/// Cairo, Pango and fontconfig are called through a table loaded with dlopen (Sources/CGraphics):
/// `make release` takes them off the libraries the executable loads at start
/// (scripts/unlink-graphics.sh), and the commands that draw load them themselves, on the other
/// core while they start.
final class GraphicsLibraryTests: XCTestCase {
    private let bash = URL(fileURLWithPath: "/bin/bash")
    private let script = Repo.root.appendingPathComponent("scripts/unlink-graphics.sh")

    /// A copy of the executable that does not load them at start draws the same charts byte for
    /// byte and runs the commands that draw nothing.
    func testTheExecutableDrawsWithTheGraphicsLibrariesUnlinked() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let exe = try Yusuan.binary()
        let copy = dir.appendingPathComponent("yusuan")
        try FileManager.default.copyItem(at: exe, to: copy)
        let unlinked = try Program.run(bash, [script.path, copy.path])
        XCTAssertEqual(unlinked.status, 0, unlinked.err)
        XCTAssertTrue(unlinked.out.contains("libcairo.so.2") && unlinked.out.contains("libpangocairo-1.0.so.0"), unlinked.out)
        let ldd = URL(fileURLWithPath: "/usr/bin/ldd")
        XCTAssertTrue(try Program.run(ldd, [exe.path]).out.contains("libcairo.so.2"))
        let libraries = try Program.run(ldd, [copy.path]).out
        for name in ["libcairo", "libpango", "libglib", "libgobject", "libharfbuzz", "libfontconfig", "libfreetype", "libX11"] {
            XCTAssertFalse(libraries.contains(name), "\(name) in\n\(libraries)")
        }

        let db = dir.appendingPathComponent("s.sqlite").path
        func run(_ binary: URL, _ args: [String], env: [String: String] = [:]) throws -> Outcome {
            try Program.run(binary, args + ["--db", db], env: env, removing: ["YUSUAN_DB", "COLUMNS"])
        }
        let ingest = try run(copy, ["ingest", "-q", Repo.sample("yubei-2024-linkong.txt").path])
        XCTAssertEqual(ingest.status, 0, ingest.err)
        XCTAssertTrue(try run(copy, ["export", "--format", "csv"]).out.contains("临空"))
        for ext in ["png", "svg", "pdf"] {
            let a = dir.appendingPathComponent("a.\(ext)"), b = dir.appendingPathComponent("b.\(ext)")
            let chart = ["chart", "treemap", "--entity", "临空", "--year", "2024"]
            let linked = try run(exe, chart + ["-o", a.path]), loaded = try run(copy, chart + ["-o", b.path])
            XCTAssertEqual(linked.status, 0, linked.err)
            XCTAssertEqual(loaded.status, 0, loaded.err)
            XCTAssertEqual(try Data(contentsOf: a), try Data(contentsOf: b), ext)
        }

        // Where the libraries cannot be loaded, a chart is refused with the loader's reason and
        // what to install; a command that draws nothing does not notice.
        let broken = dir.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("not a library".utf8).write(to: broken.appendingPathComponent("libpangocairo-1.0.so.0"))
        let env = ["LD_LIBRARY_PATH": broken.path]
        let refused = try run(copy, ["chart", "treemap", "--entity", "临空", "--year", "2024", "-o", dir.appendingPathComponent("c.png").path], env: env)
        XCTAssertEqual(refused.status, 1, refused.err)
        XCTAssertTrue(refused.err.contains("无法载入绘图库 Cairo、Pango 和 fontconfig：\(broken.path)/libpangocairo-1.0.so.0"), refused.err)
        XCTAssertTrue(refused.err.contains("apt-get install libpangocairo-1.0-0"), refused.err)
        XCTAssertFalse(refused.signalled, refused.err)
        XCTAssertEqual(try run(copy, ["export", "--format", "csv"], env: env).status, 0)
    }

    /// The script refuses a binary that calls the libraries directly, and leaves it as it was:
    /// the test runner does (these tests draw with Cairo themselves).
    func testABinaryCallingCairoDirectlyKeepsItsLibraries() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let copy = dir.appendingPathComponent("runner")
        try FileManager.default.copyItem(at: runner, to: copy)
        let before = try Data(contentsOf: copy)
        let r = try Program.run(bash, [script.path, copy.path])
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("calls libcairo.so.2 directly"), r.err)
        XCTAssertTrue(r.err.contains("cairo_create"), r.err)
        XCTAssertEqual(try Data(contentsOf: copy), before)
    }
}
