import GRDB
import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanStore

let storeSamples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Samples")

final class StoreTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func read(_ name: String) throws -> ParsedDocument {
        try DocumentReader().read(fileAt: storeSamples.appendingPathComponent(name))
    }

    func testIngestTwiceReplacesNeverDuplicates() throws {
        let store = try FactStore(path: dir.appendingPathComponent("s.sqlite").path)
        let doc = try read("yubei-2024-linkong.txt")
        let first = try store.ingest(doc)
        XCTAssertEqual(first.replaced, 0)
        let second = try store.ingest(doc)
        XCTAssertEqual(second.replaced, 1)
        XCTAssertEqual(try store.documents().count, 1)
        XCTAssertEqual(try store.factCount(), doc.facts.count)
        XCTAssertEqual(try store.documents().first?.factCount, 290)
    }

    func testRoundTripAndFilters() throws {
        let store = try FactStore(path: dir.appendingPathComponent("s.sqlite").path)
        for n in ["cqjkq-2025-guanweihui.txt", "tongnan-2024-jingxinwei.txt"] { try store.ingest(try read(n)) }
        let tongnan = try read("tongnan-2024-jingxinwei.txt")
        XCTAssertEqual(try store.facts(FactQuery(regions: ["潼南区"])), tongnan.facts)
        let sangong = try store.facts(FactQuery(years: [2024], tables: [.sangong]))
        XCTAssertEqual(Set(sangong.map(\.entity)), ["重庆经济技术开发区管理委员会", "重庆市潼南区经济和信息化委员会"])
        let derived = sangong.first { $0.entity == "重庆经济技术开发区管理委员会" && $0.measure == .total }
        XCTAssertEqual(derived?.amount.yuanString, "2070900.00")
        XCTAssertEqual(derived?.derived, true)
        let docs = try store.documents()
        XCTAssertEqual(docs.map(\.name), ["cqjkq-2025-guanweihui.txt", "tongnan-2024-jingxinwei.txt"])
        XCTAssertEqual(docs.first?.identity.entityCode, "109")
        XCTAssertEqual(docs.first?.tables.first?.kind, .summary)
    }

    func testExportIsDeterministicAndOrdered() throws {
        var outputs: [String] = []
        for run in 0..<2 {
            let store = try FactStore(path: dir.appendingPathComponent("s\(run).sqlite").path)
            // Different ingest order, same export.
            let names = ["yubei-2024-linkong.txt", "wansheng-2025-special-funds.txt", "tongnan-2024-jingxinwei.txt"]
            for n in run == 0 ? names : names.reversed() { try store.ingest(try read(n)) }
            let facts = try store.facts()
            outputs.append(facts.map(FactExport.jsonLine).joined(separator: "\n"))
            let keys = facts.map { "\($0.document)|\(String(format: "%06d", $0.line))|\(String(format: "%03d", $0.column))" }
            XCTAssertEqual(keys, keys.sorted())
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertTrue(outputs[0].hasPrefix(#"{"document":"tongnan-2024-jingxinwei.txt""#))
    }

    func testWarningsAreStoredWithFileAndLine() throws {
        let store = try FactStore(path: dir.appendingPathComponent("s.sqlite").path)
        try store.ingest(try read("cqjkq-2025-guanweihui.txt"))
        let w = try store.diagnostics(document: "cqjkq-2025-guanweihui.txt")
        XCTAssertTrue(w.contains { $0.line == 276 && $0.rule == "missing-header" && $0.document == "cqjkq-2025-guanweihui.txt" })
    }

    /// `fact_origin` (store v8) holds exactly the distinct origins of the stored facts, by table and
    /// stage, through ingest, replacement and removal; `factOrigins` filters it as it did the facts.
    func testFactOriginsAreTheFactsOwn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-origins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        let store = try FactStore(path: path)
        let samples = try FileManager.default.contentsOfDirectory(at: storeSamples, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        XCTAssertEqual(samples.count, 4)
        for url in samples { try store.ingest(try DocumentReader().read(fileAt: url)) }
        try store.ingest(try DocumentReader().read(fileAt: samples[0]))   // replaces itself
        let queue = try DatabaseQueue(path: path)
        func mismatches() throws -> Int {
            try queue.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT (SELECT COUNT(*) FROM (\(FactStore.originsOfFacts) EXCEPT SELECT * FROM fact_origin))
                         + (SELECT COUNT(*) FROM (SELECT * FROM fact_origin EXCEPT \(FactStore.originsOfFacts)))
                         + (SELECT COUNT(*) - (SELECT COUNT(*) FROM (SELECT DISTINCT * FROM fact_origin)) FROM fact_origin)
                    """) ?? -1
            }
        }
        XCTAssertEqual(try mismatches(), 0)
        let rows = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM fact_origin") ?? 0 }
        XCTAssertGreaterThan(rows, 40)
        // The wansheng special-funds document prints facts of several entities.
        let wansheng = try store.factOrigins(FactQuery(documents: ["wansheng-2025-special-funds.txt"]))
        XCTAssertGreaterThan(Set(wansheng.map(\.entity)).count, 5)
        XCTAssertEqual(try store.factOrigins(FactQuery(entities: ["重庆经济技术开发区管理委员会"], tables: [.expenditureByFunction])).map(\.year),
                       [2025])
        try store.remove(documents: ["wansheng-2025-special-funds.txt"])
        XCTAssertEqual(try mismatches(), 0)
        XCTAssertEqual(try store.factOrigins(FactQuery(documents: ["wansheng-2025-special-funds.txt"])), [])
    }
}
