import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanIngest
import YusuanStore

/// Reads files in parallel (one reader thread per core) while the calling thread stores them,
/// one transaction each, in file order. Reading and storing overlap, and a reader never runs
/// more than a few documents ahead of the store, so memory stays flat however many files there are.
struct IngestBatch {
    /// A document whose tables were read from space-aligned text is checked against its own sums
    /// as it is read: sums that do not add up there mean columns misread, said as a warning.
    static func verified(_ doc: ParsedDocument) -> ParsedDocument {
        guard doc.realigned, !doc.factList.isEmpty else { return doc }
        let wrong = ConsistencyChecks.sums(doc.facts).filter { $0.severity == .error }
        guard let first = wrong.first else { return doc }
        var doc = doc
        let args = [Diagnostic.keyArgument: "warn.aligned-columns", "count": String(wrong.count), "line": String(first.line)]
        doc.warnings.append(Diagnostic(document: doc.name, line: first.line, severity: .warning, rule: IngestRule.alignedColumns.rawValue,
                                       message: Messages.text("warn.aligned-columns", in: .en, args), page: first.page, args: args))
        return doc
    }

    /// Reading warnings the user must act on, printed as they come: the region to settle (`--region`),
    /// columns of space-aligned text to check.
    static let actionRules: Set<String> = [IngestRule.alignedColumns.rawValue, IngestRule.ambiguousRegion.rawValue, IngestRule.regionOverride.rawValue, IngestRule.regionHint.rawValue]
    let store: FactStore
    let jobs: Int
    var hints = RegionHints()
    var maxBytes = DocumentReader.defaultMaxBytes

    struct Summary {
        var documents = 0, facts = 0, warnings = 0, failures = 0, duplicates = 0, lowCoverage = 0
        var seconds = 0.0
        /// The names the documents read were stored under, in file order (what a brief covers).
        var stored: [String] = []
        var line: String {
            L("ingest.summary", ["documents": String(documents), "facts": String(facts), "warnings": String(warnings),
                                 "failures": String(failures), "seconds": String(format: "%.2f", seconds),
                                 "extra": (duplicates > 0 ? L("ingest.duplicates", ["count": String(duplicates)]) : "")
                                    + (lowCoverage > 0 ? L("ingest.low", ["count": String(lowCoverage)]) : "")])
        }
    }

    /// Starts the reader threads on `files` (one per job, at most one per file); the documents
    /// wait in the pipeline for `run` to store them. Started before the store is opened, reading
    /// overlaps with creating and migrating it.
    static func startReading(_ files: [URL], jobs: Int, hints: RegionHints, maxBytes: Int) -> ReadPipeline {
        let reader = DocumentReader(regionHints: hints, maxBytes: maxBytes)
        let readers = max(1, min(jobs, files.count))
        // Parsed documents held at once, at most: enough that no reader waits on a slow one, and
        // that the readers run on while the store catches up (3 threads share 2 cores: with 3 per
        // reader, the readers stalled on the writer a tenth of a corpus's ingest); many only while
        // what they hold is small.
        let pipeline = ReadPipeline(count: files.count, lookahead: readers * 3, smallLookahead: readers * 12,
                                    smallBytes: ReadPipeline.smallBytes)
        for _ in 0..<readers {
            let thread = Thread {
                while let i = pipeline.claim() {
                    let result = Result { try Self.verified(reader.read(fileAt: files[i])) }
                    pipeline.deliver(i, result)
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        return pipeline
    }

    /// Stores `files` as they are read, in file order (`reading`: the pipeline `startReading`
    /// started on the same files, else it is started here).
    /// `report` is given each document's line as a closure: made only when it is printed (with
    /// `-q` it is not, and formatting it was a tenth of the writing thread's own work).
    func run(files: [URL], progress: Bool, reading: ReadPipeline? = nil, report: (() -> String) -> Void) throws -> Summary {
        let start = Date()
        var summary = Summary()
        guard !files.isEmpty else { return summary }
        // A document is its content: the same content twice is stored once; two contents under one
        // file name are both kept (the second as `name (2)`), and both are said.
        var hashes: [String: String] = [:]
        var names = Set<String>()
        let pipeline = reading ?? Self.startReading(files, jobs: jobs, hints: hints, maxBytes: maxBytes)
        var shownWidth = -1
        for i in files.indices {
            switch pipeline.take(i) {
            case .success(let doc):
                if let first = hashes[doc.contentHash] {
                    summary.duplicates += 1
                    printError(L("note.prefix") + L("ingest.samecontent", ["file": SafeText.clean(files[i].path), "first": SafeText.clean(first)]))
                    break
                }
                do {
                    let outcome = try store.ingest(doc, replacingByName: !names.contains(doc.name))
                    hashes[doc.contentHash] = files[i].path
                    names.insert(doc.name)
                    summary.stored.append(outcome.storedName)
                    summary.documents += 1
                    summary.facts += doc.factList.count
                    summary.warnings += doc.warnings.count
                    let id = doc.identity
                    if outcome.storedName != doc.name {
                        printError(L("note.prefix") + L("ingest.renamed", ["file": SafeText.clean(files[i].path), "name": doc.name,
                                                                           "stored": outcome.storedName]))
                    }
                    let cov = doc.coverage
                    report { L("ingest.line", ["file": SafeText.clean(outcome.storedName), "region": SafeText.clean(id.regionLabel),
                                             "entity": SafeText.clean(id.entity) + (id.entityCode.map { "（\($0)）" } ?? ""), "year": String(id.year),
                                             "stage": L("stage." + id.stage.rawValue), "unit": doc.unit.rawValue,
                                             "pages": doc.pageCount.map { L("ingest.pages", ["count": String($0)]) } ?? "",
                                             "tables": String(doc.tables.count), "facts": String(doc.factList.count),
                                             "warnings": String(doc.warnings.count),
                                             "coverage": L("ingest.coverage", ["read": String(cov.read), "printed": String(cov.printed),
                                                                               "outside": cov.outside > 0 ? L("ingest.outside", ["count": String(cov.outside)]) : "",
                                                                               "percent": cov.percentText])]) }
                    if cov.isLow {
                        summary.lowCoverage += 1
                        printError(L("warning.prefix") + L("ingest.lowcov", ["file": SafeText.clean(outcome.storedName), "percent": cov.percentText,
                                                                            "missed": String(cov.missed), "printed": String(cov.printed)]))
                    }
                    // What only the user can settle (which 普陀区), said where they see it, not only counted.
                    for w in doc.warnings where Self.actionRules.contains(w.rule) {
                        printError(L("warning.prefix") + L("ingest.region", ["file": SafeText.clean(outcome.storedName), "line": String(w.line),
                                                                            "message": SafeText.clean(w.text)]))
                    }
                } catch {
                    summary.failures += 1
                    printError(L("error.prefix") + L("ingest.notstored", ["file": SafeText.clean(files[i].lastPathComponent), "reason": "\(error)"]))
                }
            case .failure(let e):
                summary.failures += 1
                printError(L("error.prefix") + "\(e)")
            }
            if progress {
                let done = i + 1, total = files.count
                let width = 30, filled = width * done / total
                // Redrawn when the bar grows or at the end, not for every file.
                if filled != shownWidth || done == total {
                    shownWidth = filled
                    FileHandle.standardError.write(("\r[" + String(repeating: "█", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total)" + (done == total ? "\n" : "")).data(using: .utf8)!)
                }
            }
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}

/// Hands out file indices to reader threads in order, collects their results, and gives them to
/// the storing thread in order. A reader may claim index `i` only while `i < taken + lookahead`,
/// or `i < taken + smallLookahead` while the documents read and not yet taken came from fewer
/// than `smallBytes` bytes of files: memory stays bounded whatever the documents' sizes.
// Safe to share: every stored `var` is read and written with `condition` locked.
final class ReadPipeline: @unchecked Sendable {
    /// Files' bytes the readers may hold parsed beyond `lookahead` (a parsed document takes some
    /// six times its file's size).
    static let smallBytes = 4 << 20
    private let condition = NSCondition()
    private let count: Int
    private let lookahead: Int
    private let smallLookahead: Int
    private let smallBytes: Int
    private var next = 0
    private var taken = 0
    private var results: [Int: Result<ParsedDocument, Error>] = [:]
    private var heldBytes = 0

    init(count: Int, lookahead: Int, smallLookahead: Int = 0, smallBytes: Int = 0) {
        self.count = count
        self.lookahead = max(1, lookahead)
        self.smallLookahead = max(self.lookahead, smallLookahead)
        self.smallBytes = smallBytes
    }

    /// The next file to read, waiting while the readers are too far ahead; nil when all are claimed.
    func claim() -> Int? {
        condition.lock(); defer { condition.unlock() }
        while next < count && (next >= taken + smallLookahead || (next >= taken + lookahead && heldBytes >= smallBytes)) {
            condition.wait()
        }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    private static func bytes(_ r: Result<ParsedDocument, Error>) -> Int {
        if case .success(let doc) = r { return doc.byteCount }
        return 0
    }

    func deliver(_ i: Int, _ result: Result<ParsedDocument, Error>) {
        condition.lock()
        results[i] = result
        heldBytes += Self.bytes(result)
        condition.broadcast()
        condition.unlock()
    }

    /// The result for file `i`, waiting until it is read.
    func take(_ i: Int) -> Result<ParsedDocument, Error> {
        condition.lock(); defer { condition.unlock() }
        while results[i] == nil { condition.wait() }
        let r = results.removeValue(forKey: i)!
        heldBytes -= Self.bytes(r)
        taken = i + 1
        condition.broadcast()
        return r
    }
}
