import Foundation
import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanStore

/// `TablesJSON` writes what `JSONEncoder` with sorted keys writes (GRDB's JSON for a nested value,
/// which `document.tables_json` held before), byte for byte.
final class TablesJSONTests: XCTestCase {
    func encoded(_ tables: [TableSummary]) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return String(decoding: try e.encode(tables), as: UTF8.self)
    }

    func testEveryCharacterIsWrittenAsTheEncoderWritesIt() throws {
        // Every ASCII character (the escaped ones among them), and what lies past it.
        var text = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init)))
        text += "\u{2028}\u{2029}\u{FEFF}é中\u{1F600}\u{301}“三公”/\\\""
        var tables: [TableSummary] = []
        for (i, kind) in TableKind.allCases.enumerated() {
            let title = String(text.shuffled())
            tables.append(TableSummary(kind: kind, title: title, line: i * 1_000_003, unit: MoneyUnit.allCases[i % MoneyUnit.allCases.count],
                                       facts: i == 0 ? 0 : Int.max - i, note: i % 2 == 0 ? nil : String(text.shuffled())))
        }
        XCTAssertEqual(TablesJSON.encode(tables), try encoded(tables))
        XCTAssertEqual(TablesJSON.encode([]), "[]")
        XCTAssertEqual(TablesJSON.encode([]), try encoded([]))
    }

    func testTheSamplesTablesAreWrittenAsTheEncoderWritesThem() throws {
        let samples = try FileManager.default.contentsOfDirectory(at: storeSamples, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
        XCTAssertEqual(samples.count, 4)
        var count = 0
        for url in samples {
            let doc = try DocumentReader().read(fileAt: url)
            count += doc.tables.count
            XCTAssertEqual(TablesJSON.encode(doc.tables), try encoded(doc.tables), url.lastPathComponent)
        }
        XCTAssertGreaterThan(count, 25)
    }
}
