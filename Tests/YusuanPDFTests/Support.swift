import Foundation
import XCTest
import YusuanCore
import YusuanIngest
import YusuanTestSupport

let pdfFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
let repoRoot = Repo.root

func readPDF(_ path: String) throws -> ParsedDocument {
    try DocumentReader().read(fileAt: pdfFixtures.appendingPathComponent(path))
}

/// What a fact says, without where it stands: two readings of one document compare on this.
struct FactKey: Hashable, CustomStringConvertible {
    var table: String, code: String?, item: String, measure: String, year: Int, stage: String
    var amount: String, unit: String, derived: Bool
    init(_ f: Fact) {
        table = f.table.rawValue; code = f.code; item = f.item; measure = f.measure.rawValue; year = f.year
        stage = f.stage.rawValue; amount = f.amount.yuanString; unit = f.sourceUnit.rawValue; derived = f.derived
    }
    var description: String { "\(table) \(code ?? "-") \(item) \(measure) \(year) \(stage) \(amount) \(unit)\(derived ? " derived" : "")" }
}

/// The facts of `a` not in `b`, counting repeats.
func missing(_ a: [Fact], from b: [Fact]) -> [FactKey] {
    var pool: [FactKey: Int] = [:]
    for f in b { pool[FactKey(f), default: 0] += 1 }
    var out: [FactKey] = []
    for f in a {
        let k = FactKey(f)
        if let n = pool[k], n > 0 { pool[k] = n - 1 } else { out.append(k) }
    }
    return out
}

/// Runs a command line tool and returns its standard output, or nil when it is not installed.
func runTool(_ path: String, _ args: [String]) throws -> Data? {
    try Program.tool(path, args)?.outData
}
