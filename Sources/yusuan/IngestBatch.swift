import Foundation
import YusuanCore
import YusuanIngest
import YusuanStore

/// Reads files in parallel (both cores) and stores them one transaction each, in file order, so
/// that memory stays flat: at most a few parsed documents are held at once.
struct IngestBatch {
    let store: FactStore
    let jobs: Int

    struct Summary {
        var documents = 0, facts = 0, warnings = 0, failures = 0
        var seconds = 0.0
        var line: String {
            "ingested \(documents) document(s): \(facts) facts, \(warnings) warnings, \(failures) failed, "
                + String(format: "%.2f s", seconds)
        }
    }

    func run(files: [URL], progress: Bool, report: (String) -> Void) throws -> Summary {
        let start = Date()
        var summary = Summary()
        let reader = DocumentReader()
        let window = max(1, jobs) * 2
        var next = 0
        while next < files.count {
            let batch = Array(files[next..<min(files.count, next + window)])
            var results = [Result<ParsedDocument, Error>?](repeating: nil, count: batch.count)
            let lock = NSLock()
            DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                let r = Result { try reader.read(fileAt: batch[i]) }
                lock.lock(); results[i] = r; lock.unlock()
            }
            for (i, r) in results.enumerated() {
                switch r! {
                case .success(let doc):
                    do {
                        try store.ingest(doc)
                        summary.documents += 1
                        summary.facts += doc.facts.count
                        summary.warnings += doc.warnings.count
                        let id = doc.identity
                        report("\(doc.name): \(id.region) · \(id.entity)\(id.entityCode.map { "（\($0)）" } ?? "") · \(id.year)年\(id.stage == .budget ? "预算" : "决算") · 单位 \(doc.unit.rawValue) · \(doc.tables.count) tables · \(doc.facts.count) facts · \(doc.warnings.count) warnings")
                    } catch {
                        summary.failures += 1
                        printError("error: \(batch[i].lastPathComponent): could not be stored: \(error)")
                    }
                case .failure(let e):
                    summary.failures += 1
                    printError("error: \(e)")
                }
            }
            next += batch.count
            if progress {
                let done = next, total = files.count
                let width = 30, filled = width * done / total
                FileHandle.standardError.write(("\r[" + String(repeating: "█", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total)" + (done == total ? "\n" : "")).data(using: .utf8)!)
            }
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}
