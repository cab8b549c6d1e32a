import XCTest
import YusuanCore
@testable import YusuanAnalysis

final class CatalogueTests: XCTestCase {
    let cat = SubjectCatalogue.standard

    func testEveryCodePrintedInTheSamplesIsCatalogued() throws {
        // Rows of the sample tables start with a 3/5/7-digit 科目 code and a tab.
        let regex = try NSRegularExpression(pattern: #"^\s*([235]\d{2}(?:\d{2}){0,2})\t"#, options: .anchorsMatchLines)
        var codes = Set<String>()
        for name in ["cqjkq-2025-guanweihui.txt", "tongnan-2024-jingxinwei.txt", "yubei-2024-linkong.txt"] {
            let text = try String(contentsOf: Sample.directory.appendingPathComponent(name), encoding: .utf8)
            for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                codes.insert(String(text[Range(m.range(at: 1), in: text)!]))
            }
        }
        XCTAssertGreaterThan(codes.count, 140)
        let missing = codes.filter { cat.name(of: SubjectCode($0)!) == nil }.sorted()
        XCTAssertEqual(missing, [])
    }

    func testAllFunctionalClassesAreCatalogued() {
        for code in ["201", "205", "208", "213", "215", "221", "224", "229", "230", "231", "232"] {
            XCTAssertNotNil(cat.name(of: SubjectCode(code)!), code)
        }
        XCTAssertEqual(cat.name(of: SubjectCode("215")!), "资源勘探工业信息等支出")
        XCTAssertGreaterThan(cat.count, 700)
    }

    func testResolvesLevelAndParentsEvenWithoutParentRows() {
        let r = cat.resolve(SubjectCode("2011308")!, year: 2024)
        XCTAssertEqual(r.level, .xiang)
        XCTAssertEqual(r.family, .functional)
        XCTAssertEqual(r.name, "招商引资")
        XCTAssertEqual(r.parents.map(\.code.digits), ["201", "20113"])
        XCTAssertEqual(r.parents.map(\.name), ["一般公共服务支出", "商贸事务"])
        let e = cat.resolve("30217")!
        XCTAssertEqual(e.level, .kuan)
        XCTAssertEqual(e.family, .departmentEconomic)
        XCTAssertEqual(e.parents.first?.name, "商品和服务支出")
        XCTAssertEqual(cat.resolve("50208")?.family, .governmentEconomic)
        XCTAssertNil(cat.resolve("2011"))
    }

    func testNamesChangeWithTheYear() {
        let c207 = SubjectCode("207")!
        XCTAssertEqual(cat.name(of: c207, year: 2018), "文化体育与传媒支出")
        XCTAssertEqual(cat.name(of: c207, year: 2024), "文化旅游体育与传媒支出")
        XCTAssertEqual(cat.name(of: c207), "文化旅游体育与传媒支出")
        XCTAssertEqual(cat.name(of: SubjectCode("2013804")!, year: 2023), "市场主体管理")
        XCTAssertEqual(cat.name(of: SubjectCode("2013804")!, year: 2025), "经营主体管理")
        XCTAssertNil(cat.name(of: SubjectCode("21198")!, year: 2023), "ultra-long bonds 款 exists from 2024")
        XCTAssertEqual(cat.name(of: SubjectCode("21198")!, year: 2025), "超长期特别国债安排的支出")
    }

    func testPrintedNamesAreComparedNotReplaced() {
        // Width, brackets and wrapped spaces are not differences.
        XCTAssertEqual(cat.check(printed: "机关事业单位基本养老保险缴费支 出", code: SubjectCode("2080505")!, year: 2024), .matches)
        XCTAssertEqual(cat.check(printed: "因公出国(境)费用", code: SubjectCode("30212")!, year: 2024), .matches)
        XCTAssertEqual(cat.check(printed: "维修（护）费", code: SubjectCode("50209")!), .matches)
        // cqjkq 2025 prints 20604 as 技术与研究开发: a real difference, reported with both names.
        XCTAssertEqual(cat.check(printed: "技术与研究开发", code: SubjectCode("20604")!, year: 2025),
                       .differs(printed: "技术与研究开发", canonical: "技术研究与开发"))
        // tongnan's page break leaves the code where the name should be.
        XCTAssertEqual(cat.check(printed: "2210201", code: SubjectCode("2210201")!, year: 2024),
                       .differs(printed: "2210201", canonical: "住房公积金"))
        // An old name used after a rename.
        XCTAssertEqual(cat.check(printed: "市场主体管理", code: SubjectCode("2013804")!, year: 2025),
                       .otherYearName(printed: "市场主体管理", canonical: "经营主体管理", validFor: "–2023"))
        XCTAssertEqual(cat.check(printed: "x", code: SubjectCode("2999998")!), .unknownCode)
    }

    func testBadTSVRowIsReportedWithItsLine() {
        XCTAssertThrowsError(try SubjectCatalogue(tsv: "code\tname\n201\t一般公共服务支出\n20x\tbad\n")) { e in
            XCTAssertEqual("\(e)", "subjects.tsv:3: cannot read row: 20x\tbad")
        }
        let small = try! SubjectCatalogue(tsv: "# c\n201\tA\t\t2019\t202\tn\n201\tB\t2020\t\t\t\n")
        XCTAssertEqual(small.entries(for: SubjectCode("201")!).map(\.name), ["A", "B"])
        XCTAssertEqual(small.entries(for: SubjectCode("201")!).first?.replacedBy, [SubjectCode("202")!])
    }

    func testFolding() {
        XCTAssertTrue(NameFolding.equivalent("重庆市潼南区 经济和信息化委员会（本级）", "重庆市潼南区经济和信息化委员会(本级)"))
        XCTAssertFalse(NameFolding.equivalent("财政局", "财务局"))
        XCTAssertEqual(NameFolding.fold("“三公”经费 １２"), "\"三公\"经费12")
    }
}
