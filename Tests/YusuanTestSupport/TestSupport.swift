import Foundation

/// What the test targets share: the repository's files, the built `yusuan`, running a program and
/// capturing what it did, temporary folders. Foundation only, so it knows nothing of XCTest.
public enum Repo {
    /// The repository root (this file is Tests/YusuanTestSupport/TestSupport.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    public static let samples = root.appendingPathComponent("Samples")
    /// The four samples, by file name.
    public static let sampleNames = [
        "cqjkq-2025-guanweihui.txt", "tongnan-2024-jingxinwei.txt",
        "wansheng-2025-special-funds.txt", "yubei-2024-linkong.txt",
    ]
    public static func sample(_ name: String) -> URL { samples.appendingPathComponent(name) }
    /// The text documents never tuned for (each with its `.expected.json`).
    public static let unseen = root.appendingPathComponent("Tests/YusuanIngestTests/Fixtures/unseen")
    public static let pdfFixtures = root.appendingPathComponent("Tests/YusuanPDFTests/Fixtures")
}

public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
}

/// What a program did: its exit status (or the signal that ended it) and what it wrote.
public struct Outcome: Sendable {
    public var status: Int32
    /// Ended by a signal (`status` is then the signal's number): a crash, or a kill.
    public var signalled: Bool
    public var out: String
    public var err: String
    public var outData: Data
}

public enum Yusuan {
    /// The `yusuan` executable built with the tests: in the build folder that holds the test
    /// runner (`swift build --build-tests` builds both), else `.build/debug/yusuan`.
    public static func binary() throws -> URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var starts = [exe.deletingLastPathComponent(), Bundle.main.bundleURL]
        // On macOS the runner is xctest and the tests are in `….xctest/Contents/MacOS`.
        starts += Bundle.allBundles.filter { $0.bundleURL.pathExtension == "xctest" }.map(\.bundleURL)
        for start in starts {
            var d = start
            for _ in 0..<4 {
                let u = d.appendingPathComponent("yusuan")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir), !isDir.boolValue,
                   FileManager.default.isExecutableFile(atPath: u.path) { return u }
                d = d.deletingLastPathComponent()
            }
        }
        let fallback = Repo.root.appendingPathComponent(".build/debug/yusuan")
        if FileManager.default.isExecutableFile(atPath: fallback.path) { return fallback }
        throw TestSupportError(description: "the yusuan executable was not found next to the tests (looked from \(starts.map(\.path))); build it with `swift build --build-tests`")
    }

    /// Runs `yusuan ARGS` in `dir`, in the messages' language `lang` (the tool's default is Chinese),
    /// without the caller's `YUSUAN_DB` and `COLUMNS`, then with `env`.
    @discardableResult
    public static func run(_ args: [String], in dir: URL? = nil, lang: String? = nil, env: [String: String] = [:],
                           stdin: Data? = nil) throws -> Outcome {
        var e = env
        if let lang { e["YUSUAN_LANG"] = lang }
        return try Program.run(try binary(), args, in: dir, env: e, removing: ["YUSUAN_DB", "COLUMNS"], stdin: stdin)
    }

    /// Starts `yusuan ARGS` without waiting; its standard error goes to the file `stderr` if given.
    public static func launch(_ args: [String], stderr: URL? = nil) throws -> Process {
        let p = Process()
        p.executableURL = try binary()
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        if let stderr {
            try Data().write(to: stderr)
            p.standardError = try FileHandle(forWritingTo: stderr)
        } else {
            p.standardError = FileHandle.nullDevice
        }
        try p.run()
        return p
    }
}

public enum Program {
    /// Runs `exe ARGS` and waits. Output goes through files, not pipes: a child that fills a pipe
    /// nobody is reading yet would block forever.
    public static func run(_ exe: URL, _ args: [String], in dir: URL? = nil, env: [String: String] = [:],
                           removing: [String] = [], stdin: Data? = nil) throws -> Outcome {
        let scratch = try TempDir.make("run")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        let inURL = scratch.appendingPathComponent("in")
        for u in [outURL, errURL] { try Data().write(to: u) }
        try (stdin ?? Data()).write(to: inURL)
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        if let dir { p.currentDirectoryURL = dir }
        var environment = ProcessInfo.processInfo.environment
        for k in removing { environment.removeValue(forKey: k) }
        p.environment = environment.merging(env) { $1 }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let input = try FileHandle(forReadingFrom: inURL)
        p.standardOutput = out; p.standardError = err; p.standardInput = input
        try p.run()
        p.waitUntilExit()
        try out.close(); try err.close(); try input.close()
        let o = try Data(contentsOf: outURL), e = try Data(contentsOf: errURL)
        return Outcome(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
                       out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self), outData: o)
    }

    /// Runs a tool installed on the system, or returns nil when it is not installed.
    public static func tool(_ path: String, _ args: [String], stdin: Data? = nil) throws -> Outcome? {
        guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
        return try run(URL(fileURLWithPath: path), args, stdin: stdin)
    }
}

public enum TempDir {
    /// A new empty folder under the system's temporary folder; the caller removes it.
    public static func make(_ label: String) throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }
}

/// Small, fast, seedable generator (Steele et al.'s SplitMix64), so that a failing mutant can be
/// replayed from its seed.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}
