import Foundation
import YusuanCore
@testable import YusuanAnalysis

/// Money from a printed decimal, exactly.
func money(_ s: String, _ unit: MoneyUnit = .wanyuan) -> Money {
    try! Money.parse(plain: Substring(s), unit: unit).get()
}

/// A fact as ingest would produce it; only the fields a test cares about are named.
func fact(_ document: String, line: Int = 1, region: String, entity: String, entityCode: String? = nil,
          year: Int, table: TableKind, code: String? = nil, item: String, measure: Measure = .total,
          _ amount: String, unit: MoneyUnit = .wanyuan, derived: Bool = false) -> Fact {
    Fact(document: document, line: line, column: 0, region: region, entity: entity, entityCode: entityCode,
         year: year, stage: .budget, table: table, code: code, item: item, measure: measure,
         amount: money(amount, unit), sourceUnit: unit, derived: derived)
}

enum Sample {
    static let cqjkq = "cqjkq-2025-guanweihui.txt"
    static let tongnan = "tongnan-2024-jingxinwei.txt"
    static let yubei = "yubei-2024-linkong.txt"
    static let cqjkqEntity = "重庆经济技术开发区管理委员会"
    static let tongnanEntity = "重庆市潼南区经济和信息化委员会"
    static let yubeiEntity = "重庆市渝北区临空都市开发建设管理办公室"

    /// The samples directory of the repository.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples")
    }

    /// 三公 figures exactly as the three samples print them (table rows and narrative).
    static var sangongFacts: [Fact] {
        let c = cqjkqEntity, r = "重庆经济技术开发区"
        var f: [Fact] = [
            // cqjkq 2025 table 四 (line 239): purchase is blank, so the narrative's 0 fills it.
            fact(cqjkq, line: 239, region: r, entity: c, entityCode: "109", year: 2025, table: .sangong, item: "合计", "183.53"),
            fact(cqjkq, line: 239, region: r, entity: c, entityCode: "109", year: 2025, table: .sangong, item: "合计", measure: .outbound, "12.00"),
            fact(cqjkq, line: 239, region: r, entity: c, entityCode: "109", year: 2025, table: .sangong, item: "合计", measure: .vehicleTotal, "109.84"),
            fact(cqjkq, line: 239, region: r, entity: c, entityCode: "109", year: 2025, table: .sangong, item: "合计", measure: .vehicleOperation, "109.84"),
            fact(cqjkq, line: 239, region: r, entity: c, entityCode: "109", year: 2025, table: .sangong, item: "合计", measure: .reception, "61.69"),
            fact(cqjkq, line: 41, region: r, entity: c, entityCode: "109", year: 2025, table: .sangong, item: "合计", measure: .vehiclePurchase, "0"),
            // Narrative line 41: 2024 figures derived from "比2024年减少…".
            fact(cqjkq, line: 41, region: r, entity: c, entityCode: "109", year: 2024, table: .sangong, item: "合计", "207.09", derived: true),
            fact(cqjkq, line: 41, region: r, entity: c, entityCode: "109", year: 2024, table: .sangong, item: "合计", measure: .outbound, "12", derived: true),
            fact(cqjkq, line: 41, region: r, entity: c, entityCode: "109", year: 2024, table: .sangong, item: "合计", measure: .reception, "71.39", derived: true),
            fact(cqjkq, line: 41, region: r, entity: c, entityCode: "109", year: 2024, table: .sangong, item: "合计", measure: .vehicleOperation, "123.70", derived: true),
            fact(cqjkq, line: 41, region: r, entity: c, entityCode: "109", year: 2024, table: .sangong, item: "合计", measure: .vehiclePurchase, "0", derived: true),
        ]
        // tongnan 2024: the 三公 table prints 2023 and 2024 for 合计 and the unit row 715.
        let t = tongnanEntity
        for item in ["合计", "区经济信息委"] {
            for (year, vals) in [(2023, ["50.5", "0", "0", "7.5", "43"]), (2024, ["36.5", "0", "0", "6.5", "30"])] {
                for (m, v) in zip([Measure.total, .outbound, .vehiclePurchase, .vehicleOperation, .reception], vals) {
                    f.append(fact(tongnan, line: item == "合计" ? 210 : 211, region: "潼南区", entity: t, entityCode: "715",
                                  year: year, table: .sangong, item: item, measure: m, v))
                }
            }
        }
        // yubei 2024 (元): 2024 and a 2023 column.
        let y = yubeiEntity
        for (year, vals) in [(2024, ["60000", "40000", "40000", "20000"]), (2023, ["125000", "55000", "55000", "70000"])] {
            for (m, v) in zip([Measure.total, .vehicleTotal, .vehicleOperation, .reception], vals) {
                f.append(fact(yubei, line: 362, region: "渝北区", entity: y, year: year, table: .sangong,
                              item: "合计", measure: m, v, unit: .yuan))
            }
        }
        return f
    }
}
