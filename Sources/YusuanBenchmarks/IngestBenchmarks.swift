import Benchmark
import Foundation
import YusuanCore
import YusuanIngest
import YusuanStore

/// The four samples of the repository, read once.
enum IngestBenchmarkData {
    static let samplesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples")

    static let names = [
        "cqjkq-2025-guanweihui.txt", "tongnan-2024-jingxinwei.txt",
        "wansheng-2025-special-funds.txt", "yubei-2024-linkong.txt",
    ]

    /// (name, bytes) of each sample; the benchmarks say so and stop if Samples/ is missing.
    static let samples: [(name: String, data: Data)] = names.map { name in
        let url = samplesFolder.appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url) else {
            fatalError("yusuan-bench: \(url.path) not found; run it from a checkout of the repository")
        }
        return (name, data)
    }

    static let parsed: [ParsedDocument] = samples.map { s in
        do { return try DocumentReader().read(data: s.data, name: s.name) } catch {
            fatalError("yusuan-bench: \(s.name) does not read: \(error)")
        }
    }

    static var totalBytes: Int { samples.reduce(0) { $0 + $1.data.count } }
}

/// Accumulates work and time over a benchmark's iterations, for throughput counters.
private final class Throughput {
    var units = 0.0
    var nanos: UInt64 = 0
    func add(_ units: Double, since start: UInt64) {
        add(units, nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
    }
    func add(_ units: Double, nanoseconds: UInt64) {
        self.units += units
        nanos += nanoseconds
    }
    /// Units per second over all iterations so far.
    var perSecond: Double { nanos == 0 ? 0 : units / (Double(nanos) / 1e9) }
}

/// `swift run -c release yusuan-bench --filter ingest`:
/// - parse throughput in KB/s of text (swift-benchmark prints counters as integers, so KB/s
///   rather than MB/s) and facts/s, over the four samples and per sample;
/// - facts stored per second, one transaction per document, into a fresh SQLite file in WAL mode;
/// - both together, as `yusuan ingest` does per document.
func registerIngestBenchmarks() {
    let reader = DocumentReader()
    let kb = Double(IngestBenchmarkData.totalBytes) / 1e3

    let parseAll = Throughput(), parseFacts = Throughput()
    benchmark("ingest: parse the 4 samples (\(IngestBenchmarkData.totalBytes / 1024) KB)") { state in
        let start = DispatchTime.now().uptimeNanoseconds
        var facts = 0
        for s in IngestBenchmarkData.samples {
            facts += try reader.read(data: s.data, name: s.name).factList.count
        }
        parseAll.add(kb, since: start)
        parseFacts.add(Double(facts), since: start)
        state.counters["KB/s"] = parseAll.perSecond
        state.counters["facts/s"] = parseFacts.perSecond
    }

    for s in IngestBenchmarkData.samples {
        let t = Throughput(), f = Throughput()
        benchmark("ingest: parse \(s.name) (\(s.data.count / 1024) KB)") { state in
            let start = DispatchTime.now().uptimeNanoseconds
            let facts = try reader.read(data: s.data, name: s.name).factList.count
            t.add(Double(s.data.count) / 1e3, since: start)
            f.add(Double(facts), since: start)
            state.counters["KB/s"] = t.perSecond
            state.counters["facts/s"] = f.perSecond
        }
    }

    // The reader alone on a corpus folder (`scripts/make-corpus.py`), one thread: MB/s per core,
    // the figure issue #15 sets at 15. Skipped unless YUSUAN_BENCH_CORPUS names the folder.
    if let folder = ProcessInfo.processInfo.environment["YUSUAN_BENCH_CORPUS"] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
            .compactMap { name in (try? Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))).map { (name, $0) } }
        let bytes = files.reduce(0) { $0 + $1.1.count }
        let corpus = Throughput()
        benchmark("ingest: parse the corpus in \(folder) (\(files.count) files, \(bytes / 1_000_000) MB), one thread") { state in
            let start = DispatchTime.now().uptimeNanoseconds
            for (name, data) in files { _ = try? reader.read(data: data, name: name) }
            corpus.add(Double(bytes) / 1e3, since: start)
            state.counters["KB/s"] = corpus.perSecond
        }

        // The writing thread's part alone: the corpus parsed once, then stored into a new store
        // document by document (facts, origins, warnings, text lines; one transaction each), as
        // `yusuan ingest` stores them.
        var parsed: [ParsedDocument]?
        /// The corpus parsed (once), its facts, and a new store (its folder removed by the caller).
        func prepared() throws -> (docs: [ParsedDocument], facts: Int, store: FactStore, dir: URL) {
            let docs = parsed ?? files.compactMap { try? reader.read(data: $0.1, name: $0.0) }
            parsed = docs
            let (store, dir) = try temporaryStore()
            return (docs, docs.reduce(0) { $0 + $1.factList.count }, store, dir)
        }
        let storedCorpus = Throughput()
        benchmark("ingest: store the corpus in \(folder) (\(files.count) files parsed beforehand) into a new SQLite file") { state in
            let (docs, facts, store, dir) = try prepared()
            defer { try? FileManager.default.removeItem(at: dir) }
            state.start()
            let start = DispatchTime.now().uptimeNanoseconds
            for doc in docs { try store.ingest(doc) }
            storedCorpus.add(Double(facts), since: start)
            try state.end()
            state.counters["facts/s"] = storedCorpus.perSecond
        }

        // The facts alone, what issue #15 sets at a million a second: the time from each
        // document's first fact `INSERT` to its commit (its row and origins go in first, untimed;
        // no warnings or text lines). `scripts/sqlite-insert-ceiling.c` is SQLite's bare rate.
        let insertedCorpus = Throughput()
        benchmark("ingest: insert the facts of the corpus in \(folder) (\(files.count) files parsed beforehand) into a new SQLite file") { state in
            let (docs, facts, store, dir) = try prepared()
            defer { try? FileManager.default.removeItem(at: dir) }
            state.start()
            let nanoseconds = try store.factInsertNanoseconds(docs)
            try state.end()
            insertedCorpus.add(Double(facts), nanoseconds: nanoseconds)
            state.counters["facts/s"] = insertedCorpus.perSecond
        }
    }

    let stored = Throughput()
    let factsPerRun = IngestBenchmarkData.parsed.reduce(0) { $0 + $1.factList.count }
    benchmark("ingest: store the 4 parsed samples (\(factsPerRun) facts) into a new SQLite file") { state in
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Creating and migrating the file is not what is measured.
        state.start()
        let start = DispatchTime.now().uptimeNanoseconds
        for doc in IngestBenchmarkData.parsed { try store.ingest(doc) }
        stored.add(Double(factsPerRun), since: start)
        try state.end()
        state.counters["facts/s"] = stored.perSecond
    }

    let both = Throughput(), bothKB = Throughput()
    benchmark("ingest: read and store the 4 samples") { state in
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        state.start()
        let start = DispatchTime.now().uptimeNanoseconds
        var facts = 0
        for s in IngestBenchmarkData.samples {
            let doc = try reader.read(data: s.data, name: s.name)
            try store.ingest(doc)
            facts += doc.factList.count
        }
        both.add(Double(facts), since: start)
        bothKB.add(kb, since: start)
        try state.end()
        state.counters["facts/s"] = both.perSecond
        state.counters["KB/s"] = bothKB.perSecond
    }
}

/// A new store in a folder of its own (the caller removes the folder).
private func temporaryStore() throws -> (FactStore, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return (try FactStore(path: dir.appendingPathComponent("bench.sqlite").path), dir)
}
