import XCTest
import YusuanCore
@testable import YusuanAnalysis

final class RegistryTests: XCTestCase {
    typealias Obs = EntityRegistry.Observation

    func obs(_ region: String, _ name: String, _ year: Int, code: String? = nil) -> Obs {
        Obs(region: region, entity: name, entityCode: code, documentYear: year, document: "\(name)-\(year).txt")
    }

    func testPrintedVariantsOfOneEntityAlign() {
        let reg = EntityRegistry(observations: [
            obs("潼南区", "重庆市潼南区经济和信息化委员会", 2024, code: "715"),
            obs("潼南区", "重庆市潼南经济和信息化委员会", 2023),              // dropped 区
            obs("潼南区", "重庆市潼南区经济和信息化委员会（本级）", 2022),      // （本级）
            obs("潼南区", "重庆市潼南区经济和信息化委员会 ", 2021),            // trailing space
            obs("潼南区", "潼南区经济和信息化委员会", 2020),                 // no 重庆市
            obs("潼南区", "重庆市潼南区经济和信息化委员回", 2019),            // one-character typo
        ])
        XCTAssertEqual(reg.records.count, 1)
        let r = reg.records[0]
        XCTAssertEqual(r.ref, EntityRef(region: "潼南区", name: "重庆市潼南区经济和信息化委员会"))
        XCTAssertEqual(r.years, [2019, 2020, 2021, 2022, 2023, 2024])
        XCTAssertEqual(r.entityCodes, ["715"])
        XCTAssertEqual(r.aliases.count, 5)
        XCTAssertTrue(r.aliases.contains("重庆市潼南经济和信息化委员会"))
        XCTAssertEqual(reg.ref(region: "潼南区", entity: "重庆市潼南经济和信息化委员会").name, "重庆市潼南区经济和信息化委员会")
        // A width variant never seen still resolves by its key.
        XCTAssertEqual(reg.record(name: "重庆市潼南区经济和信息化委员会(本级)", region: "")?.name, "重庆市潼南区经济和信息化委员会")
    }

    func testLookAlikesStayApart() {
        let reg = EntityRegistry(observations: [
            obs("潼南区", "重庆市潼南区经济和信息化委员会", 2024),
            obs("潼南区", "重庆市潼南区应用发展管理局", 2024),
            obs("潼南区", "重庆市潼南区财政局", 2024),
            obs("渝北区", "重庆市渝北区财政局", 2024),
            obs("渝北区", "重庆市渝北区财政局", 2023),
            // Ordinals differ by one character: two hospitals.
            obs("万盛经济技术开发区", "重庆市万盛经济技术开发区第一人民医院", 2024),
            obs("万盛经济技术开发区", "重庆市万盛经济技术开发区第二人民医院", 2023),
            // One edit apart but printed in the same year: two entities.
            obs("綦江区", "重庆市綦江区城市管理综合执法支队", 2024),
            obs("綦江区", "重庆市綦江区城市管理综合执法大队", 2024),
            // One edit apart, different entity codes.
            obs("南岸区", "重庆市南岸区社会保险事务中心", 2024, code: "301"),
            obs("南岸区", "重庆市南岸区社会保险事务所心", 2023, code: "302"),
        ])
        XCTAssertEqual(reg.records.count, 10)
        XCTAssertNotEqual(reg.ref(region: "潼南区", entity: "重庆市潼南区财政局"),
                          reg.ref(region: "渝北区", entity: "重庆市渝北区财政局"))
        XCTAssertEqual(reg.record(name: "重庆市渝北区财政局", region: "渝北区")?.years, [2023, 2024])
    }

    func testYamlAliasesRegionsGroupsAndKeepApart() throws {
        let yaml = """
        # a reorganisation and a peer group
        entities:
          - name: 重庆市潼南区经济和信息化委员会
            region: 潼南区
            aliases: [重庆市潼南区工业和信息化委员会]
          - name: 重庆经济技术开发区管理委员会
            region: 重庆经济技术开发区
        groups:
          经济和信息化:
            - 重庆市潼南区经济和信息化委员会
            - 重庆市万盛经济技术开发区经济和信息化局
            - 重庆经济技术开发区管理委员会
        keep_apart:
          - [重庆市潼南区城市管理综合执法支队, 重庆市潼南区城市管理综合执法大队]
        """
        let cfg = try AnalysisConfig.parse(yaml)
        XCTAssertEqual(cfg.entities?.count, 2)
        XCTAssertEqual(cfg.groups?["经济和信息化"]?.count, 3)
        let reg = EntityRegistry(observations: [
            obs("潼南区", "重庆市潼南区工业和信息化委员会", 2018),
            obs("潼南区", "重庆市潼南区经济和信息化委员会", 2024),
            obs("", "重庆经济技术开发区管理委员会", 2025),
            obs("万盛经济技术开发区", "重庆市万盛经济技术开发区经济和信息化局", 2025),
            obs("潼南区", "重庆市潼南区应用发展管理局", 2024),
            obs("潼南区", "重庆市潼南区城市管理综合执法支队", 2023),
            obs("潼南区", "重庆市潼南区城市管理综合执法大队", 2024),
        ], config: cfg)
        let tn = try XCTUnwrap(reg.record(name: "重庆市潼南区工业和信息化委员会", region: "潼南区"))
        XCTAssertEqual(tn.name, "重庆市潼南区经济和信息化委员会")
        XCTAssertEqual(tn.years, [2018, 2024])
        XCTAssertEqual(tn.groups, ["经济和信息化"])
        XCTAssertEqual(reg.record(name: "重庆经济技术开发区管理委员会", region: "")?.region, "重庆经济技术开发区")
        XCTAssertEqual(reg.members(ofGroup: "经济和信息化").map(\.region),
                       ["万盛经济技术开发区", "潼南区", "重庆经济技术开发区"])
        XCTAssertNil(reg.record(name: "重庆市潼南区应用发展管理局", region: "潼南区")?.groups.first)
        // keep_apart wins over the typo rule (different years, one edit apart).
        XCTAssertNotEqual(reg.ref(region: "潼南区", entity: "重庆市潼南区城市管理综合执法支队"),
                          reg.ref(region: "潼南区", entity: "重庆市潼南区城市管理综合执法大队"))
        XCTAssertEqual(reg.records.count, 6)
    }

    func testWithoutKeepApartTheTypoRuleMerges() {
        let reg = EntityRegistry(observations: [
            obs("潼南区", "重庆市潼南区城市管理综合执法支队", 2023),
            obs("潼南区", "重庆市潼南区城市管理综合执法大队", 2024),
        ])
        XCTAssertEqual(reg.records.count, 1)
        XCTAssertEqual(reg.records[0].name, "重庆市潼南区城市管理综合执法大队", "the latest year's spelling")
    }

    func testFilters() {
        let reg = EntityRegistry(observations: [
            obs("潼南区", "重庆市潼南区经济和信息化委员会", 2024),
            obs("重庆经济技术开发区", "重庆经济技术开发区管理委员会", 2025),
        ])
        let tn = reg.records.first { $0.region == "潼南区" }!
        XCTAssertTrue(reg.matches(tn, regions: ["潼南"]))
        XCTAssertTrue(reg.matches(tn, regions: ["潼南区"]))
        XCTAssertFalse(reg.matches(tn, regions: ["渝北区"]))
        XCTAssertTrue(reg.matches(tn, entities: ["经济和信息化"]))
        XCTAssertTrue(reg.matches(tn, entities: ["重庆市潼南经济和信息化委员会"]), "resolved by the alignment rules")
        XCTAssertFalse(reg.matches(tn, entities: ["应用发展管理局"]))
        let kq = reg.records.first { $0.region == "重庆经济技术开发区" }!
        XCTAssertTrue(reg.matches(kq, regions: ["重庆经开区"]))
        XCTAssertFalse(reg.matches(kq, groups: ["经济和信息化"]))
    }

    func testInvalidYamlNamesTheFile() {
        XCTAssertThrowsError(try AnalysisConfig.parse("entities: 5", source: "cfg.yaml")) { e in
            XCTAssertEqual("\(e)", "cfg.yaml：不是有效的 yusuan.yaml：“entities”应为列表（每行一个“- 项”，或 [a, b]）")
        }
        XCTAssertThrowsError(try AnalysisConfig.parse("keep_apart: [[a, b, c]]"))
        XCTAssertEqual(try AnalysisConfig.parse("  \n"), .empty)
    }
}
