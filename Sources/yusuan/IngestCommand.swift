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
    @Option(help: ArgumentHelp(L("opt.ingest-region"), valueName: "NAME|CODE")) var region: String?
    @Option(help: ArgumentHelp(L("opt.12"), valueName: "PATH")) var config: String?
    @Option(name: .customLong("max-size"), help: ArgumentHelp(L("opt.max-size"), valueName: "MB"))
    var maxSize: Int = DocumentReader.defaultMaxBytes >> 20
    @Argument(help: ArgumentHelp(L("opt.14")))
    var paths: [String]
    @Option(help: ArgumentHelp(L("opt.04"),
                               valueName: "DOC"))
    var supersedes: [String] = []

    func validate() throws {
        if maxSize < 1 { throw UserError(L("ingest.maxsize"), code: 64) }
    }

    func run() throws {
        let files = collectFiles(paths)
        if files.isEmpty { throw UserError(L("ingest.nofiles", ["paths": paths.joined(separator: " ")])) }
        let hints = try regionHints(region: region, config: config)
        let jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount, maxBytes = min(maxSize, Int.max >> 21) << 20
        // Reading starts while the store is opened (its file created and migrated); nothing is
        // stored before the store has checked `--supersedes`. The region catalogue, which every
        // document's identity needs, is made ready meanwhile.
        DispatchQueue.global().async { RegionCatalogue.prepareForReading() }
        let reading = IngestBatch.startReading(files, jobs: jobs, hints: hints, maxBytes: maxBytes)
        let factStore = try FactStore(path: store.path)
        try Supersede.check(supersedes, ingested: Set(files.map(\.lastPathComponent)), store: factStore)
        defer { try? factStore.close() }
        var batch = IngestBatch(store: factStore, jobs: jobs, hints: hints)
        batch.maxBytes = maxBytes
        let summary = try batch.run(files: files, progress: stderrIsTerminal, reading: reading) { line in if !quiet { print(line()) } }
        fflush(nil)   // per-document lines first, then the summary on stderr
        printError(summary.line)
        if summary.failures > 0 { throw ExitCode(1) }
        try Supersede.apply(supersedes, ingested: files, store: factStore)
    }
}

/// Files to ingest: each named file, and the .txt files under each named folder, sorted.
/// A missing path stays in the list: the batch reports it as one failed input and goes on.
func collectFiles(_ paths: [String]) -> [URL] {
    var out: [URL] = []
    let fm = FileManager.default
    for p in paths {
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: p, isDirectory: &isDir) else { out.append(URL(fileURLWithPath: p)); continue }
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
