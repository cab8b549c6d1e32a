import ArgumentParser
import Foundation
import YusuanCore
import YusuanIngest
import YusuanStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: L("help.ingest"),
        discussion: L("disc.ingest"))

    @OptionGroup var store: StoreOptions
    @Option(name: .shortAndLong, help: ArgumentHelp(L("opt.29")))
    var jobs: Int?
    @Flag(name: .shortAndLong, help: ArgumentHelp(L("opt.20")))
    var quiet = false
    @Argument(help: ArgumentHelp(L("opt.14")))
    var paths: [String]
    @Option(help: ArgumentHelp(L("opt.04"),
                               valueName: "DOC"))
    var supersedes: [String] = []

    func run() throws {
        let files = try collectFiles(paths)
        if files.isEmpty { throw ValidationError("no files found in \(paths.joined(separator: " "))") }
        let factStore = try FactStore(path: store.path)
        try Supersede.check(supersedes, ingested: Set(files.map(\.lastPathComponent)), store: factStore)
        let summary = try IngestBatch(store: factStore, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            .run(files: files, progress: stderrIsTerminal) { line in if !quiet { print(line) } }
        fflush(stdout)   // per-document lines first, then the summary on stderr
        printError(summary.line)
        if summary.failures > 0 { throw ExitCode(1) }
        let corrections = Set(files.filter(Supersede.isCorrection).map(\.lastPathComponent))
        try Supersede.apply(supersedes, ingested: Set(files.map(\.lastPathComponent)), corrections: corrections, store: factStore)
    }
}

/// Files to ingest: each named file, and the .txt files under each named folder, sorted.
func collectFiles(_ paths: [String]) throws -> [URL] {
    var out: [URL] = []
    let fm = FileManager.default
    for p in paths {
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: p, isDirectory: &isDir) else { throw ValidationError("\(p): no such file or folder") }
        if isDir.boolValue {
            let base = URL(fileURLWithPath: p)
            let e = fm.enumerator(at: base, includingPropertiesForKeys: nil)
            var found: [URL] = []
            while let u = e?.nextObject() as? URL {
                if ["txt", "text"].contains(u.pathExtension.lowercased()) || u.pathExtension.lowercased() == "pdf" { found.append(u) }
            }
            out += found.sorted { $0.path < $1.path }
        } else {
            out.append(URL(fileURLWithPath: p))
        }
    }
    return out
}
