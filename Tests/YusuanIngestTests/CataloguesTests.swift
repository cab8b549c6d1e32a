import XCTest
import YusuanCore
@testable import YusuanIngest

/// The segmenter's and readers' knowledge files load, hold their real rows, and name only known kinds,
/// roles and measures: a typo in a row fails here rather than silently reading nothing.
final class CataloguesTests: XCTestCase {
    func testTableTitlesLoadWithoutProblems() {
        let (rules, names, problems) = TitleCatalogue.load()
        XCTAssertEqual(problems, [], "every kind in table-titles.tsv exists and has one name")
        XCTAssertEqual(Set(names.keys), Set(TitleKind.allCases))
        XCTAssertEqual(names[.sangong], "“三公”经费表")
        XCTAssertGreaterThan(rules.count, 15)
        XCTAssertTrue(rules.contains { $0.kind == nil }, "the rows that say a line is no title")
    }

    func testTableTitlesClassifyRealTitles() {
        let cases: [(String, TitleKind?)] = [
            ("表1 重庆市渝北区临空经济示范区管理委员会2024年部门收支总表", .summary),
            ("收入支出决算总表", .summary),
            ("部门收入总表", .income), ("收入决算表", .income),
            ("部门支出总表", .expenditure), ("支出决算表", .expenditure),
            ("财政拨款支出决算表", nil),
            ("一般公共预算财政拨款支出表", .generalBudget), ("2013年公共财政拨款支出表", .generalBudget),
            ("一般公共预算财政拨款基本支出表", .basic), ("项目支出表（部门预算支出经济分类科目）", .projectEconomic),
            ("政府性基金预算支出表", .fundBudget), ("国有资本经营预算财政拨款支出决算表", .stateCapital),
            ("部门“三公”经费和机关运行经费预算表", .sangong), ("机关运行经费支出决算表", .unread),
            ("政府采购预算明细表", .procurement), ("项目支出预算明细表", .projectDetail),
            ("项目支出绩效目标表", .projectPerformance), ("部门整体绩效目标表", .overallPerformance),
            ("重点专项资金目录", .specialFundCatalogue), ("目录", .directory),
            ("编制单位：某某局收支总表", nil), ("部门收支总表说明", nil), ("收入预算，支出预算表", nil),
        ]
        for (title, kind) in cases { XCTAssertEqual(TitleKind.classify(text: title), kind, title) }
    }

    func testHeaderWordsLoadWithoutProblems() {
        let (rules, problems) = HeaderWords.load()
        XCTAssertEqual(problems, [], "every table, role and measure in header-words.tsv exists")
        XCTAssertEqual(Set(rules.keys), Set(HeaderWords.Table.allCases), "every table has rows")
    }

    func testHeaderWordsNameRealColumns() {
        XCTAssertEqual(HeaderWords.measure(.income, "一般公共预算拨款收入"), .generalBudget)
        XCTAssertEqual(HeaderWords.measure(.income, "上年结转"), .carryover)
        XCTAssertEqual(HeaderWords.measure(.income, "事业单位经营收入"), .operating)
        XCTAssertEqual(HeaderWords.measure(.basic, "人员经费"), .personnel)
        XCTAssertEqual(HeaderWords.measure(.functional, "基本"), .basic)
        XCTAssertEqual(HeaderWords.measure(.functional, "2023年预算数"), .total)
        XCTAssertNil(HeaderWords.measure(.functional, "基本建设"))
        XCTAssertEqual(HeaderWords.measure(.summary, "政府性基金预算"), .fundBudget)
        XCTAssertEqual(HeaderWords.measure(.procurement, "货物类"), .goods)
        XCTAssertEqual(HeaderWords.measure(.procurement, "政府采购合计"), .total)
        XCTAssertEqual(HeaderWords.measure(.basicSideBySide, "公用经费小计"), .operating)
        XCTAssertTrue(HeaderWords.holds(.codeTable, .notAmount, "增减%"))
        XCTAssertTrue(HeaderWords.holds(.codeTable, .quiet, "栏次"))
        XCTAssertTrue(HeaderWords.holds(.codeTable, .priorYear, "上年预算数"))
        XCTAssertFalse(HeaderWords.holds(.codeTable, .priorYear, "上年结转"))
        XCTAssertTrue(HeaderWords.holds(.any, .totalRow, "本年支出合计"))
        XCTAssertFalse(HeaderWords.holds(.any, .totalRow, "合计数据"))
    }

    /// The items the narrative reader names come from the catalogue: a sentence reads as its item.
    func testNarrativeWordsReadAsItems() {
        XCTAssertEqual(NarrativeReader.label(endingWith: "2024年政府性基金预算支出为"), .fundBudgetExpenditure)
        XCTAssertEqual(NarrativeReader.label(endingWith: "公务用车购置及运行费预算数"), .vehicleTotal)
        XCTAssertNil(NarrativeReader.label(endingWith: "主要用于"))
    }
}

extension CataloguesTests {
    func testNarrativeWordsLoadWithoutProblems() {
        let (words, problems) = NarrativeWords.load()
        XCTAssertEqual(problems, [], "every role of narrative-words.tsv is known and given once")
        XCTAssertEqual(words[.filler]?.first, "为")
        XCTAssertTrue(NarrativeWords.increase.isSubset(of: Set(NarrativeWords.change)), "an increase verb is a change verb")
        XCTAssertEqual(NarrativeWords.budget.first, "年初预算数为")
        XCTAssertTrue(NarrativeWords.final.contains("支出决算为"))
        XCTAssertTrue(NarrativeWords.emptyNote.contains("故本表"))
    }
}

extension CataloguesTests {
    func testTableLinesLoadWithoutProblems() {
        let (patterns, problems) = TableLines.load()
        XCTAssertEqual(problems, [], "every role of table-lines.tsv is known and given once")
        XCTAssertEqual(Set(patterns.keys), Set(TableLines.Role.allCases))
        XCTAssertEqual(TableLines.words(.code).first, "单位编码:")
        XCTAssertTrue(TableLines.holds(.entity, "部门全称:某某局"))
        XCTAssertTrue(TableLines.holds(.subtitle, "(部门预算支出经济分类科目)"))
        XCTAssertFalse(TableLines.holds(.subtitle, "(一)部门预算"))
        XCTAssertTrue(TableLines.holds(.unitLine, "金额单位万元"))
        XCTAssertFalse(TableLines.holds(.unit, "金额单位万元"))
    }

    func testHeaderWordsOfSangongAndProjects() {
        XCTAssertEqual(SangongReader.stage(ofHeader: "2024年决算数"), .final)
        XCTAssertEqual(SangongReader.stage(ofHeader: "2025年预算数"), .budget)
        XCTAssertNil(SangongReader.stage(ofHeader: "因公出国(境)费"))
        XCTAssertTrue(PerformanceReader.isNameLabel("项目名称"))
        XCTAssertFalse(PerformanceReader.isNameLabel("某某项目资金的项目名称"))
        XCTAssertTrue(PerformanceReader.isBudgetLabel("资金总额(万元)"))
        XCTAssertTrue(PerformanceReader.isBudgetLabel("2024年预算"))
    }
}

extension CataloguesTests {
    /// The typed warning rules keep the strings `check --warnings` and the export print.
    func testIngestRulesKeepTheirNames() {
        XCTAssertEqual(IngestRule.unreadRow.rawValue, "unread-row")
        XCTAssertEqual(IngestRule.truncated.rawValue, "truncated")
        XCTAssertEqual(Set(IngestRule.allCases.map(\.rawValue)).count, IngestRule.allCases.count)
    }
}

extension CataloguesTests {
    func testHeadingAndExecutionWords() {
        XCTAssertTrue(NarrativeWords.heading.contains("决算情况说明"))
        XCTAssertEqual(NarrativeWords.headingEntityEnd.last, "决算公开")
        XCTAssertTrue(NarrativeWords.titleEntityEnd.contains("政府采购"))
        XCTAssertEqual(NarrativeWords.executionRate, ["完成"])
        XCTAssertEqual([NarrativeWords.finalAbove, NarrativeWords.finalBelow, NarrativeWords.finalEqual], [["决算数大于"], ["决算数小于"], ["决算数等于"]])
    }
}
