import Foundation
import XCTest
import YusuanTestSupport

/// Runs the built `yusuan` executable, as a user would.
enum CLI {
    typealias Result = Outcome
    static let packageRoot = Repo.root

    /// Runs `yusuan ARGS` (in `dir`), with `db` as `YUSUAN_DB`.
    @discardableResult
    static func run(_ args: [String], db: String? = nil, in dir: URL? = nil, env: [String: String] = [:]) throws -> Result {
        var e = env
        if let db { e["YUSUAN_DB"] = db }
        return try Yusuan.run(args, in: dir, env: e)
    }

    /// A store with the four samples and the unseen-form fixtures, made once per test run.
    static let store: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-cli-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("store.sqlite").path
        let r = Swift.Result { try run(["ingest", "-q", "--db", db, Repo.samples.path, Repo.unseen.path]) }
        precondition((try? r.get().status) == 0, "ingest failed: \((try? r.get().err) ?? "\(r)")")
        return db
    }()

    static func tempDir() throws -> URL { try TempDir.make("cli") }

    /// The text of a PDF chart (poppler's pdftotext), to read what the chart prints.
    static func pdfText(_ url: URL) throws -> String {
        try Program.run(URL(fileURLWithPath: "/usr/bin/pdftotext"), ["-layout", url.path, "-"]).out
    }

    /// Terminal columns: CJK and full-width characters take two.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || v == 0x201C || v == 0x201D
            return w + (wide ? 2 : 1)
        }
    }
}
