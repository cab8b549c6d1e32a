import Foundation
import XCTest

/// Runs the built `yusuan` executable, as a user would.
enum CLI {
    struct Result {
        var out: String
        var err: String
        var status: Int32
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Next to the test bundle in the build folder.
    static var binary: URL {
        let b = Bundle(for: Marker.self).bundleURL
        let candidates = [b.appendingPathComponent("yusuan"), b.deletingLastPathComponent().appendingPathComponent("yusuan"),
                          packageRoot.appendingPathComponent(".build/debug/yusuan")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }
    final class Marker {}

    @discardableResult
    static func run(_ args: [String], db: String? = nil, in dir: URL? = nil, env: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "YUSUAN_DB")
        environment.removeValue(forKey: "COLUMNS")
        if let db { environment["YUSUAN_DB"] = db }
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        if let dir { p.currentDirectoryURL = dir }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read before waiting: a large output would fill the pipe.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self),
                      status: p.terminationStatus)
    }

    /// A store with the four samples and the unseen-form fixtures, made once per test run.
    static let store: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-cli-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("store.sqlite").path
        let r = try? run(["ingest", "-q", "--db", db, packageRoot.appendingPathComponent("Samples").path,
                          packageRoot.appendingPathComponent("Tests/YusuanIngestTests/Fixtures/unseen").path])
        precondition(r?.status == 0, "ingest failed: \(r?.err ?? "could not run \(binary.path)")")
        return db
    }()

    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// The text of a PDF chart (poppler's pdftotext), to read what the chart prints.
    static func pdfText(_ url: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = ["-layout", url.path, "-"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
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
