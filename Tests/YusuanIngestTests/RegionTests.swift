import Foundation
import XCTest
import YusuanTestSupport
import YusuanCore
@testable import YusuanIngest

/// Copies of the 渝北区 sample re-homed to other provinces: same figures, the right region, code and province.
final class RegionTests: XCTestCase {
    static let original = try! String(contentsOf: sample("yubei-2024-linkong.txt"), encoding: .utf8)

    /// The sample with `重庆市渝北区` replaced by `full` and the remaining `渝北区` by `short`.
    static func rehomed(_ full: String, _ short: String, entity: String? = nil) -> String {
        var t = original
        if let entity { t = t.replacingOccurrences(of: "重庆市渝北区临空都市开发建设管理办公室", with: entity) }
        return t.replacingOccurrences(of: "重庆市渝北区", with: full).replacingOccurrences(of: "渝北区", with: short)
    }

    static func read(_ text: String, hints: RegionHints = RegionHints()) throws -> ParsedDocument {
        try DocumentReader(regionHints: hints).read(data: Data(text.utf8), name: "rehomed.txt")
    }

    /// Figures without region and entity (nor column: a longer name shifts a sentence's figures), sorted.
    static func figures(_ d: ParsedDocument) -> [String] {
        d.facts.map { "\($0.line) \($0.table.rawValue) \($0.code ?? "-") \($0.measure.rawValue) \($0.year) \($0.stage.rawValue) \($0.amount.yuanString) \($0.derived)" }.sorted()
    }

    func assertRehomed(_ full: String, _ short: String, entity: String? = nil, region: String, code: String?, province: String,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let doc = try Self.read(Self.rehomed(full, short, entity: entity))
        XCTAssertEqual(doc.identity.region, region, file: file, line: line)
        XCTAssertEqual(doc.identity.regionCode, code, file: file, line: line)
        XCTAssertEqual(doc.identity.province, province, file: file, line: line)
        let a = Self.figures(doc), b = Self.figures(Parsed.yubei)
        XCTAssertTrue(a == b, "figures differ: \(Set(a).symmetricDifference(b).sorted().prefix(5))", file: file, line: line)
        XCTAssertEqual(doc.facts.count, 290, file: file, line: line)
        XCTAssertTrue(doc.facts.allSatisfy { $0.region == region && $0.regionCode == code && $0.province == province }, file: file, line: line)
        XCTAssertEqual(doc.warnings.count, Parsed.yubei.warnings.count, "\(doc.warnings)", file: file, line: line)
    }

    func testSamplesKeepTheirRegions() {
        XCTAssertEqual([Parsed.yubei, Parsed.tongnan, Parsed.cqjkq, Parsed.wansheng].map { "\($0.identity.region) \($0.identity.regionCode ?? "null") \($0.identity.province)" },
                       ["渝北区 500112 重庆市", "潼南区 500152 重庆市", "重庆经济技术开发区 null 重庆市", "万盛经济技术开发区 null 重庆市"])
        for d in [Parsed.yubei, Parsed.tongnan, Parsed.cqjkq, Parsed.wansheng] {
            XCTAssertTrue(d.facts.allSatisfy { $0.regionCode == d.identity.regionCode && $0.province == "重庆市" })
        }
    }

    func testSameShortNameInTwoProvinces() throws {
        try assertRehomed("上海市普陀区", "普陀区", region: "普陀区", code: "310107", province: "上海市")
        try assertRehomed("浙江省舟山市普陀区", "普陀区", region: "普陀区", code: "330903", province: "浙江省")
        try assertRehomed("北京市朝阳区", "朝阳区", region: "朝阳区", code: "110105", province: "北京市")
        try assertRehomed("吉林省长春市朝阳区", "朝阳区", region: "朝阳区", code: "220104", province: "吉林省")
    }

    func testCountyCityAutonomousCountyProvinceAndCity() throws {
        try assertRehomed("江苏省昆山市", "昆山市", region: "昆山市", code: "320583", province: "江苏省")
        try assertRehomed("湖北省长阳土家族自治县", "长阳土家族自治县", region: "长阳土家族自治县", code: "420528", province: "湖北省")
        try assertRehomed("湖南省", "湖南省", region: "湖南省", code: "430000", province: "湖南省")
        try assertRehomed("成都市", "成都市", entity: "成都市财政局", region: "成都市", code: "510100", province: "四川省")
        // The region inside 区委.
        try assertRehomed("上海市普陀区", "普陀区", entity: "中共上海市普陀区委社会工作部", region: "普陀区", code: "310107", province: "上海市")
        // A former name still resolves to its successor.
        try assertRehomed("重庆市潼南县", "潼南县", region: "潼南区", code: "500152", province: "重庆市")
    }

    func testAmbiguousShortNameWarnsAndHintsSettleIt() throws {
        let text = Self.rehomed("普陀区", "普陀区")
        let doc = try Self.read(text)
        XCTAssertEqual(doc.identity.region, "普陀区")
        XCTAssertNil(doc.identity.regionCode)
        XCTAssertEqual(doc.identity.province, "")
        let w = doc.warnings.filter { $0.rule == "ambiguous-region" }
        XCTAssertEqual(w.count, 1)
        XCTAssertEqual(w.first?.line, 3)
        XCTAssertTrue(w.first?.message.contains("上海市普陀区 (310107), 浙江省舟山市普陀区 (330903)") == true, w.first?.message ?? "")
        XCTAssertTrue(Self.figures(doc) == Self.figures(Parsed.yubei))

        let byOption = try Self.read(text, hints: RegionHints(region: "舟山普陀"))
        XCTAssertEqual([byOption.identity.regionCode, byOption.identity.province], ["330903", "浙江省"])
        XCTAssertTrue(byOption.warnings.isEmpty)
        let byConfig = try Self.read(text, hints: RegionHints(known: ["上海市普陀区"]))
        XCTAssertEqual([byConfig.identity.regionCode, byConfig.identity.province], ["310107", "上海市"])
        let byEntity = try Self.read(text, hints: RegionHints(byEntity: ["普陀区临空都市开发建设管理办公室": "330903"]))
        XCTAssertEqual(byEntity.identity.regionCode, "330903")
        // A yaml region as ambiguous as the text settles nothing: both warnings, no code.
        let unsettled = try Self.read(text, hints: RegionHints(byEntity: ["普陀区临空都市开发建设管理办公室": "普陀区"]))
        XCTAssertNil(unsettled.identity.regionCode)
        XCTAssertEqual(unsettled.warnings.map(\.rule).filter { $0.contains("region") }, ["region-hint", "ambiguous-region"])
        // Context elsewhere in the text settles it without a warning.
        let withCity = try Self.read(text.replacingOccurrences(of: "9.负责协调处理机场区域", with: "9.负责协调处理舟山市机场区域"))
        XCTAssertEqual(withCity.identity.regionCode, "330903")
        XCTAssertFalse(withCity.warnings.contains { $0.rule == "ambiguous-region" })
    }

    /// Development zones and new areas: catalogued ones by name, the others by rule (a city, the
    /// zone's own words, a zone word); a park under a district stays with its district.
    func testZonesOutsideTheCatalogueAndNewAreas() throws {
        try assertRehomed("湖北省武汉市东湖新技术开发区", "东湖新技术开发区", region: "武汉东湖新技术开发区", code: nil, province: "湖北省")
        try assertRehomed("武汉东湖新技术开发区", "东湖新技术开发区", region: "武汉东湖新技术开发区", code: nil, province: "湖北省")
        try assertRehomed("苏州高新技术产业开发区", "苏州高新区", region: "苏州高新技术产业开发区", code: nil, province: "江苏省")
        try assertRehomed("长沙经济技术开发区", "长沙经开区", region: "长沙经济技术开发区", code: nil, province: "湖南省")
        // A new area the catalogue lists, printed with its province: not its city (舟山市 330900).
        try assertRehomed("浙江舟山群岛新区", "舟山群岛新区", region: "舟山群岛新区", code: nil, province: "浙江省")
        // A catalogued zone printed another way.
        try assertRehomed("重庆市高新区", "高新区", region: "重庆高新技术产业开发区", code: nil, province: "重庆市")
        try assertRehomed("重庆市渝北区空港工业园区", "渝北区", region: "渝北区", code: "500112", province: "重庆市")
        // Districts whose names end in a zone word stay districts (浦东新区 310115).
        try assertRehomed("上海市浦东新区", "浦东新区", region: "浦东新区", code: "310115", province: "上海市")
    }

    /// A cover name printed over two lines, in either shape, is the entity (never a table's name).
    func testCoverNameOverTwoLinesIsTheEntity() throws {
        let original = try String(contentsOf: Repo.unseen.appendingPathComponent("putuo-2024-final-caizhengju.txt"), encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        XCTAssertEqual(lines[0], "上海市普陀区财政局")
        XCTAssertEqual(lines[1], "2024年度部门决算")
        let wrapped = (["上海市普陀区", "财政局"] + lines.dropFirst()).joined(separator: "\n")
        lines[0] = "上海市普陀区"; lines[1] = "财政局2024年度部门决算"
        let split = lines.joined(separator: "\n")
        for text in [wrapped, split] {
            let doc = try DocumentReader().read(data: Data(text.utf8), name: "putuo.txt")
            XCTAssertEqual([doc.identity.entity, doc.identity.region, doc.identity.regionCode], ["上海市普陀区财政局", "普陀区", "310107"])
            XCTAssertEqual(doc.identity.year, 2024)
            XCTAssertEqual(doc.facts.count, 245)
        }
    }

    /// The 万盛 sample's cover re-homed to a short district name: “附件（五）” above “江北区” is an
    /// attachment label, not the first line of a name wrapped over two (it became the entity
    /// “附件（五）江北区” of every such copy in the 1,000-document corpus).
    func testAttachmentLabelIsNoPartOfTheCoverName() throws {
        let original = try String(contentsOf: sample("wansheng-2025-special-funds.txt"), encoding: .utf8)
        XCTAssertTrue(original.hasPrefix("\n\n预算报告\n附件（五）\n\n万盛经济技术开发区\n2025年重点专项"))
        let text = original.replacingOccurrences(of: "万盛经济技术开发区", with: "重庆市江北区").replacingOccurrences(of: "\n重庆市江北区\n", with: "\n江北区\n")
        let doc = try Self.read(text)
        XCTAssertEqual([doc.identity.entity, doc.identity.region, doc.identity.regionCode], ["江北区重点专项资金", "江北区", "500105"])
        XCTAssertEqual(doc.facts.count, 104)
    }

    func testEntityNameWrappedOnTheCover() throws {
        // Line 2 was blank: the cover now reads “浙江省舟山市 / 普陀区临空都市…”; elsewhere only 普陀区.
        var lines = Self.rehomed("普陀区", "普陀区").components(separatedBy: "\n")
        XCTAssertEqual(lines[1], "")
        lines[1] = "浙江省舟山市"
        let doc = try Self.read(lines.joined(separator: "\n"))
        XCTAssertEqual([doc.identity.region, doc.identity.regionCode, doc.identity.province], ["普陀区", "330903", "浙江省"])
        XCTAssertFalse(doc.warnings.contains { $0.rule == "ambiguous-region" })
    }

    func testTwoCharacterCountyAtALineStart() throws {
        // 忠县 (two characters) named only at the start of the cover's second line.
        var lines = Self.rehomed("", "").components(separatedBy: "\n")
        lines[1] = "预算公开"
        lines[2] = "忠县" + lines[2]
        let doc = try Self.read(lines.joined(separator: "\n"))
        XCTAssertEqual([doc.identity.region, doc.identity.regionCode, doc.identity.province], ["忠县", "500233", "重庆市"])
    }

    func testOutsideChongqingIsNoLongerRefusedAndUnknownRegionIs() {
        XCTAssertThrowsError(try Self.read(Self.rehomed("", "")))
        XCTAssertNoThrow(try Self.read(Self.rehomed("", ""), hints: RegionHints(region: "320583")))
    }
}

/// The identity of a real disclosure from outside Chongqing (the 上海普陀区财政局 2024 决算 PDF, as
/// `pdftotext -layout` gives it); skipped where the shared PDF samples or poppler-utils are absent.
final class RegionPDFIdentityTests: XCTestCase {
    func testShanghaiPutuoFinal() throws {
        let pdf = samplesDir.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/pdf-samples/putuo-caizhengju-2024-final.pdf")
        guard FileManager.default.fileExists(atPath: pdf.path), FileManager.default.fileExists(atPath: "/usr/bin/pdftotext") else {
            throw XCTSkip("no shared PDF sample or pdftotext")
        }
        let text = try Program.run(URL(fileURLWithPath: "/usr/bin/pdftotext"), ["-layout", pdf.path, "-"]).out
        var lines: [SourceLine] = []
        for (i, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            lines.append(SourceLine(number: i + 1, text: l))
        }
        let seg = Segmented(lines: lines)
        var warnings: [IdentityWarning] = []
        let id = try IdentityReader.read(narrative: seg.narrative, blocks: seg.blocks, document: "putuo.pdf", warnings: &warnings)
        XCTAssertEqual([id.region, id.regionCode, id.province, id.entity], ["普陀区", "310107", "上海市", "上海市普陀区财政局"])
        XCTAssertEqual(id.year, 2024)
        XCTAssertEqual(id.stage, .final)
        XCTAssertTrue(warnings.isEmpty, "\(warnings)")
    }
}
