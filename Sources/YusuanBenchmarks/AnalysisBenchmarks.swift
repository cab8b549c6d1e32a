import Benchmark
import Foundation
import YusuanAnalysis
import YusuanCore

/// A realistic store in memory: 1,000 documents (200 entities × 5 years, 20 regions), each with a
/// 科目 table of 27 rows × 3 measures, a prior-year column, a 三公 table and a derived narrative year.
enum AnalysisBenchmarkData {
    static let facts: [Fact] = {
        let regions = Region.districts(in: "重庆市").prefix(20)
        let rows: [(String?, String)] = [
            (nil, "合计"), ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"), ("2010301", "行政运行"),
            ("2010302", "一般行政管理事务"), ("2010350", "事业运行"), ("20113", "商贸事务"), ("2011308", "招商引资"),
            ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"), ("2080505", "机关事业单位基本养老保险缴费支出"),
            ("2080506", "机关事业单位职业年金缴费支出"), ("210", "卫生健康支出"), ("21011", "行政事业单位医疗"),
            ("2101101", "行政单位医疗"), ("2101102", "事业单位医疗"), ("215", "资源勘探工业信息等支出"), ("21502", "制造业"),
            ("2150299", "其他制造业支出"), ("21508", "支持中小企业发展和管理支出"), ("2150805", "中小企业发展专项"),
            ("221", "住房保障支出"), ("22102", "住房改革支出"), ("2210201", "住房公积金"), ("212", "城乡社区支出"),
            ("21201", "城乡社区管理事务"), ("2120104", "城管执法"),
        ]
        let kinds = ["经济和信息化委员会", "财政局", "教育委员会", "卫生健康委员会", "城市管理局", "农业农村委员会",
                     "应用发展管理局", "交通局", "民政局", "商务委员会"]
        var out: [Fact] = []
        out.reserveCapacity(1_000 * 100)
        for (ri, region) in regions.enumerated() {
            for (ki, kind) in kinds.enumerated() {
                // Alternate spellings across years, as real documents do.
                let short = region.count == 3 ? String(region.dropLast()) : region
                for year in 2021...2025 {
                    let entity = year % 2 == 0 ? "重庆市\(region)\(kind)" : "重庆市\(short)\(kind)（本级）"
                    let doc = "\(ri)-\(ki)-\(year).txt"
                    var line = 100
                    for (i, (code, item)) in rows.enumerated() {
                        let base = Int64(1_000_000 * (ri + 1) + 10_000 * (ki + 1) + 97 * i + 3 * year)
                        for (mi, m) in [Measure.total, .basic, .project].enumerated() {
                            out.append(Fact(document: doc, line: line, column: mi, region: region, entity: entity,
                                            entityCode: String(700 + ki), year: year, stage: .budget,
                                            table: .generalBudgetByFunction, code: code, item: item, measure: m,
                                            amount: Money(fen: base * 100 / Int64(mi + 1)), sourceUnit: .wanyuan, derived: false))
                        }
                        // Prior-year column.
                        out.append(Fact(document: doc, line: line, column: 9, region: region, entity: entity,
                                        entityCode: String(700 + ki), year: year - 1, stage: .budget,
                                        table: .generalBudgetByFunction, code: code, item: item, measure: .total,
                                        amount: Money(fen: (base - 3) * 100), sourceUnit: .wanyuan, derived: false))
                        line += 1
                    }
                    for (mi, m) in [Measure.total, .outbound, .vehiclePurchase, .vehicleOperation, .reception].enumerated() {
                        let v = Money(fen: Int64(100_000 * (5 - mi) + 1_000 * year + ri))
                        out.append(Fact(document: doc, line: line, column: mi, region: region, entity: entity,
                                        entityCode: String(700 + ki), year: year, stage: .budget, table: .sangong,
                                        code: nil, item: "合计", measure: m, amount: v, sourceUnit: .wanyuan, derived: false))
                        out.append(Fact(document: doc, line: 40, column: mi, region: region, entity: entity,
                                        entityCode: String(700 + ki), year: year - 1, stage: .budget, table: .sangong,
                                        code: nil, item: "“三公”经费", measure: m, amount: v - Money(fen: 1_000),
                                        sourceUnit: .wanyuan, derived: true))
                    }
                }
            }
        }
        return out
    }()
}

/// Called by the lead's main.swift.
func registerAnalysisBenchmarks() {
    // Every command that labels a region loads the catalogue once: a part of each command's start.
    let regions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("YusuanCore/Resources/regions.tsv")
    if let tsv = try? String(contentsOf: regions, encoding: .utf8) {
        benchmark("analysis: the region catalogue from regions.tsv") {
            precondition(RegionCatalogue(tsv: tsv).entries.count > 3_000)
        }
        benchmark("analysis: the region catalogue and its text index") {
            precondition(!RegionCatalogue(tsv: tsv).chains(in: "重庆市渝北区").isEmpty)
        }
    }
    let facts = AnalysisBenchmarkData.facts   // built once, outside the timing
    benchmark("analysis: registry + all series, 1,000 documents (\(facts.count) facts)") {
        let input = AnalysisInput(facts: facts)
        // Checked results keep the optimiser from dropping the work.
        precondition(input.registry.records.count == 200 && input.series.series.count >= 200 * (27 * 3 + 5))
    }
    let input = AnalysisInput(facts: facts)
    benchmark("analysis: sangong + compare 类 over 1,000 documents") {
        precondition(Sangong.rows(input.series).rows.count == 200 * 6)
        precondition(Reports.compare(input.series, registry: input.registry, yearA: 2024, yearB: 2025,
                                     table: .generalBudgetByFunction).count == 200 * 6)
    }
}
