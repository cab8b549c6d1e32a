import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanAnalysis

/// The reviewing office's audit (`DocumentAudit`) on the real samples, the shared 普陀 PDF and
/// copies altered on purpose: each alteration found on its line, nothing new elsewhere.
final class AuditTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let putuoPDF = root.appendingPathComponent("Tests/YusuanPDFTests/Fixtures/putuo-caizhengju-2024-final.pdf")

    func audit(_ doc: ParsedDocument) -> [Diagnostic] {
        DocumentAudit.run(AuditInput(document: doc.name, identity: doc.identity, facts: doc.facts, lines: doc.lines, tables: doc.tables))
    }
    func sample(_ name: String, alter: ((inout [String]) -> Void)? = nil) throws -> [Diagnostic] {
        var lines = try String(contentsOf: Self.root.appendingPathComponent("Samples/\(name)"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        alter?(&lines)
        return audit(try DocumentReader().read(data: Data(lines.joined(separator: "\n").utf8), name: name))
    }
    func errors(_ f: [Diagnostic]) -> [String] { f.filter { $0.severity == .error }.map { "\($0.line) \($0.rule)" } }

    // A cache filled by the first test that needs it; XCTest runs the tests one at a time.
    nonisolated(unsafe) static var putuoSource: SourceText?
    func putuo(alter: ((inout [String]) -> Void)? = nil) throws -> [Diagnostic] {
        guard FileManager.default.fileExists(atPath: Self.putuoPDF.path) else { throw XCTSkip("the 普陀 PDF fixture is missing") }
        if Self.putuoSource == nil { Self.putuoSource = try SourceText.load(data: Data(contentsOf: Self.putuoPDF), name: "putuo.pdf") }
        var source = Self.putuoSource!
        alter?(&source.lines)
        return audit(try DocumentReader().read(source: source, name: "putuo.pdf", byteCount: 0))
    }

    func testYubeiNarrativeProjectAmountAgainstTables() throws {
        let f = try sample("yubei-2024-linkong.txt")
        // “其中当年一般公共预算财政拨款安排项目 9 个，金额 539,000 元” where all 9 projects carry 5,390,000 元.
        let p = try XCTUnwrap(f.first { $0.rule == CheckRule.performanceProjects.rawValue })
        XCTAssertEqual(p.line, 99)
        XCTAssertEqual(p.severity, .error)
        XCTAssertTrue(p.message.contains("539,000") && p.message.contains("5,390,000"), p.message)
        XCTAssertNil(p.page)
        // The only other errors: 表二 收入预算总表 and 表十三 项目支出明细表 are listed in the 目录
        // (lines 127, 138) and not printed (the text goes from 表十二 to 表十四).
        XCTAssertEqual(errors(f), ["99 performance-projects", "127 listed-table", "138 listed-table"])
        XCTAssertTrue(f.first { $0.line == 127 }?.message.contains("收入预算总表") == true)
        XCTAssertTrue(f.first { $0.line == 138 }?.message.contains("项目支出明细表") == true)
    }

    func testCleanSamplesHaveNoNewErrors() throws {
        XCTAssertEqual(errors(try sample("tongnan-2024-jingxinwei.txt")), [])
        XCTAssertEqual(errors(try sample("cqjkq-2025-guanweihui.txt")), [])
    }

    func testAlterationsAreFoundOnTheirLines() throws {
        let base = Set(errors(try sample("yubei-2024-linkong.txt")))
        func new(_ alter: @escaping (inout [String]) -> Void) throws -> [Diagnostic] {
            try sample("yubei-2024-linkong.txt", alter: alter).filter { $0.severity == .error && !base.contains("\($0.line) \($0.rule)") }
        }
        // A year in a heading (the 目录's; the title's year is the document's own).
        var f = try new { $0[122] = $0[122].replacingOccurrences(of: "2024年", with: "2023年") }
        XCTAssertEqual(f.map { "\($0.line) \($0.rule)" }, ["123 heading-year"])
        // A template placeholder.
        f = try new { $0[2] = "XX局 2024 年部门预算情况说明" }
        XCTAssertEqual(f.map { "\($0.line) \($0.rule)" }, ["3 placeholder"])
        // A comparison word flipped: 减少 … 下降 19.5% becomes 增加 … 下降.
        f = try new { $0[56] = $0[56].replacingOccurrences(of: "较2023年减少507,729.15元", with: "较2023年增加507,729.15元") }
        XCTAssertTrue(f.contains { $0.line == 57 && $0.rule == "comparison-word" }, "\(f)")
        XCTAssertTrue(f.allSatisfy { $0.line == 57 }, "\(f)")
        // A 科目's figure in the narrative changed.
        f = try new { $0[56] = $0[56].replacingOccurrences(of: "2,090,081.41", with: "2,090,018.41") }
        XCTAssertTrue(f.contains { $0.line == 57 && $0.rule == "narrative-figure" && $0.message.contains("2,090,081.41") }, "\(f)")
        // A stated share off.
        f = try new { $0[38] = $0[38].replacingOccurrences(of: "占91.0%", with: "占19.0%") }
        XCTAssertEqual(f.map { "\($0.line) \($0.rule)" }, ["39 narrative-share"])
        // A table listed in the 目录 removed (表三 支出预算总表, lines 166-192).
        f = try new { for i in 165..<192 { $0[i] = "" } }
        XCTAssertTrue(f.contains { $0.line == 128 && $0.rule == "listed-table" && $0.message.contains("支出预算总表") }, "\(f)")
        XCTAssertTrue(f.allSatisfy { $0.line == 128 }, "\(f)")
    }

    /// New errors of an altered 渝北 copy, as "line rule".
    func yubeiNew(_ alter: @escaping (inout [String]) -> Void, severity: Severity = .error) throws -> [String] {
        let base = Set(try sample("yubei-2024-linkong.txt").map { "\($0.line) \($0.rule) \($0.severity)" })
        return try sample("yubei-2024-linkong.txt", alter: alter).filter { $0.severity == severity && !base.contains("\($0.line) \($0.rule) \($0.severity)") }
            .map { "\($0.line) \($0.rule)" }
    }

    func testDocumentsOwnTitleYearAndPlaceholderAreOneFinding() throws {
        // The title's year changed: the tables, headings and narrative still say 2024, so the document
        // stays 2024 and the title is the one finding (not a flood over every table).
        XCTAssertEqual(try yubeiNew { $0[2] = $0[2].replacingOccurrences(of: "2024 年", with: "2023 年") }, ["3 heading-year"])
        // A placeholder as the entity of the first table: never taken as the document's entity.
        XCTAssertEqual(try yubeiNew { $0[145] = "部门全称：XXX局" }, ["146 placeholder"])
        XCTAssertEqual(try yubeiNew { $0[145] = "部门全称：××单位" }, ["146 placeholder"])
    }

    func testTablesListedRequiredAndEmpty() throws {
        // 表十四 政府采购预算明细表 (lines 388-396) removed: its 目录 line 139.
        XCTAssertEqual(try yubeiNew { for i in 387..<397 { $0[i] = "" } }, ["139 listed-table"])
        // An empty table's note removed (政府性基金, line 374): a warning on its title.
        XCTAssertEqual(try yubeiNew({ $0[373] = "" }, severity: .warning), ["364 empty-table-note"])
        // A required table removed where no 目录 lists it (潼南 has none): the one warning names it.
        let tongnan = try sample("tongnan-2024-jingxinwei.txt")
        let cut = try sample("tongnan-2024-jingxinwei.txt") { for i in 264..<309 { $0[i] = "" } }   // 部门收入总表
        XCTAssertEqual(errors(cut), errors(tongnan))
        // (国有资本经营预算支出预算表 is required only of a department with such funds: 潼南 has none.)
        XCTAssertFalse(tongnan.contains { $0.rule == "required-table" })
        let after = try XCTUnwrap(cut.first { $0.rule == "required-table" })
        XCTAssertEqual(after.message, "未找到部门预算必须公开的表：收入预算总表")
        XCTAssertEqual(after.severity, .warning)
    }

    func testSummaryAndBasicIdentitiesFire() throws {
        // 潼南 收支总表 收入总计 3,805.35 → 3,850.35: no longer 本年收入合计 + 上年结转 (line 263).
        let tongnan = Set(errors(try sample("tongnan-2024-jingxinwei.txt")))
        let total = try sample("tongnan-2024-jingxinwei.txt") { $0[262] = $0[262].replacingOccurrences(of: "收入总计\t3,805.35", with: "收入总计\t3,850.35") }
        XCTAssertEqual(errors(total).filter { !tongnan.contains($0) }, ["263 summary-identity"])
        // 人员经费 合计 2,710,228.50 → 2,710,288.50: the function table's 基本支出 (line 220) ≠ 人员 + 公用.
        XCTAssertTrue(try yubeiNew { $0[249] = $0[249].replacingOccurrences(of: "2,710,228.50", with: "2,710,288.50") }.contains("220 basic-parts"))
    }

    func testNarrativeChangesAndSharesOnTheirBases() throws {
        // 收入 增加 → 减少 where its cause (一般公共预算财政拨款收入增加 the same amount) says 增加.
        XCTAssertEqual(try yubeiNew { $0[36] = $0[36].replacingOccurrences(of: "收入较2023年增加", with: "收入较2023年减少") }, ["37 comparison-word"])
        // A rate on the table's prior-year figure: "较 2023 年增加 3,589,341.35 元，增长68.4%" is 3,589,341.35
        // on the table's 2023 合计 5,250,786.00 (line 220). Both words flipped: the words are wrong
        // against the table, not the rate against the narrative's own derived 12,429,468.70.
        let rate = "较 2023 年增加 3,589,341.35 元"
        XCTAssertEqual(try yubeiNew { $0[44] = $0[44].replacingOccurrences(of: rate, with: rate + "，增长68.4%") }, [])
        let flipped = try yubeiNew { $0[44] = $0[44].replacingOccurrences(of: rate, with: "较 2023 年减少 3,589,341.35 元，下降68.4%") }
        XCTAssertTrue(flipped.contains("45 comparison-word"), "\(flipped)")
        XCTAssertFalse(flipped.contains("45 narrative-rate"), "\(flipped)")
        // 项目支出 5,390,000 → 5,930,000: its share is reckoned on the total its neighbours are of.
        let f = try sample("yubei-2024-linkong.txt") { $0[50] = $0[50].replacingOccurrences(of: "项目支出 5,390,000 元", with: "项目支出 5,930,000 元") }
        let share = try XCTUnwrap(f.first { $0.rule == "narrative-share" && $0.line == 51 })
        XCTAssertTrue(share.message.contains("8,840,127.35") && share.message.contains("67.1%"), share.message)
    }

    func testPutuoPDFFindingsByPage() throws {
        let f = try putuo()
        // 收支总表 p12: 八、社会保障和就业支出 326.71 against the function table's 208 = 326.72.
        let ss = try XCTUnwrap(f.first { $0.rule == "same-figure" && $0.message.contains("社会保障和就业支出") && $0.message.contains("326.71") })
        XCTAssertEqual(ss.page, 12)
        XCTAssertTrue(ss.message.contains("326.72"), ss.message)
        // The narrative's share: 一般公共服务支出 2106.66 of 2940.05 is 71.65%, not 71.73% (p21).
        let share = try XCTUnwrap(f.first { $0.rule == "narrative-share" })
        XCTAssertEqual(share.page, 21)
        XCTAssertTrue(share.message.contains("71.73") && share.message.contains("71.65"), share.message)
        // The narrative's 财政拨款收入支出总计 0.3 万元 against the 财政拨款收入支出决算总表's 总计 2,961.68 (p13).
        let total = try XCTUnwrap(f.first { $0.rule == "narrative-figure" && $0.message.contains("财政拨款收入支出总计") })
        XCTAssertEqual(total.page, 21)
        XCTAssertTrue(total.message.contains("0.3 万元") && total.message.contains("2,961.68") && total.message.contains("第13页"), total.message)
        // The summary identities hold once 年初/年末财政拨款结转和结余 are read.
        XCTAssertFalse(f.contains { $0.rule == "summary-identity" && $0.severity == .error }, "\(f.filter { $0.rule == "summary-identity" })")
        // 政府采购 251.25 万元 against its parts 4.79 + 0 + 246.47 = 251.26 (p24): within the parts'
        // rounding, so a rounding finding.
        let procurement = try XCTUnwrap(f.first { $0.rule == "narrative-figure" && $0.message.contains("政府采购") })
        XCTAssertEqual(procurement.page, 24)
        XCTAssertEqual(procurement.severity, .rounding)
        XCTAssertTrue(procurement.message.contains("251.25 万元") && procurement.message.contains("251.26 万元"), procurement.message)
        // The 年初预算 total 2,993.92 against its 11 (项) items listed after it, 2,993.93 (p21).
        let items = try XCTUnwrap(f.first { $0.rule == "narrative-figure" && $0.message.contains("11 项之和") })
        XCTAssertEqual(items.page, 21)
        XCTAssertTrue(items.message.contains("2,993.92 万元") && items.message.contains("2,993.93 万元"), items.message)
        // Nine 决算 tables listed and printed: no completeness error.
        XCTAssertFalse(f.contains { ["listed-table", "required-table"].contains($0.rule) }, "\(f.filter { $0.rule.contains("table") })")
    }

    func testPutuoAlteredTextFoundOnItsPage() throws {
        let base = try putuo()
        guard let source = Self.putuoSource, let at = source.lines.firstIndex(where: { $0.hasPrefix("元。决算数小于预算数的主要原因：人员进出") }) else {
            throw XCTSkip("the reconstructed text of 行政运行 changed")
        }
        let line = at + 1
        let f = try putuo { $0[at] = $0[at].replacingOccurrences(of: "决算数小于预算数", with: "决算数大于预算数") }
        let new = f.filter { d in d.severity == .error && !base.contains { $0.line == d.line && $0.rule == d.rule } }
        XCTAssertEqual(new.map(\.rule), ["comparison-word"], "\(new)")
        XCTAssertEqual(new.first?.line, line)
        XCTAssertEqual(new.first?.page, source.pages?.page(ofLine: line))

        // A narrative total changed: 收入支出总计 2995.39 → 2959.39 against the summary's 总计; the
        // stated 下降1.87% no longer follows from it and the stated change (56.95 on 3,016.34 is 1.89%).
        let t = try XCTUnwrap(source.lines.firstIndex { $0.contains("收入支出总计2995.39万元") })
        let g = try putuo { $0[t] = $0[t].replacingOccurrences(of: "2995.39", with: "2959.39") }
        let added = g.filter { d in d.severity == .error && !base.contains { $0.line == d.line && $0.rule == d.rule } }
        XCTAssertEqual(added.map { "\($0.page ?? 0):\($0.line) \($0.rule)" }, ["21:\(t + 1) narrative-figure", "21:\(t + 2) narrative-rate"], "\(added)")
        XCTAssertTrue(added.first?.message.contains("2,995.39") == true)

        // Another entity in the 情况说明's heading (p21), and a template placeholder in its text.
        let h = try XCTUnwrap(source.lines.lastIndex { $0.hasPrefix("第三部分上海市普陀区财政局2024年度") })
        let e = try putuo { $0[h] = $0[h].replacingOccurrences(of: "财政局", with: "民政局") }
            .filter { d in d.severity == .error && !base.contains { $0.line == d.line && $0.rule == d.rule } }
        XCTAssertEqual(e.map { "\($0.page ?? 0):\($0.line) \($0.rule)" }, ["21:\(h + 1) heading-entity"], "\(e)")
        let x = try putuo { $0[t] = $0[t].replacingOccurrences(of: "上海市普陀区财政局", with: "上海市XX局") }
            .filter { d in d.severity == .error && !base.contains { $0.line == d.line && $0.rule == d.rule } }
        XCTAssertEqual(x.map { "\($0.page ?? 0):\($0.line) \($0.rule)" }, ["21:\(t + 1) placeholder"], "\(x)")
    }

    func testPutuoNarrativeLabelsAgainstTables() throws {
        let base = try putuo()
        let source = try XCTUnwrap(Self.putuoSource)
        func added(_ find: String, _ replace: String, severity: Severity = .error) throws -> [String] {
            let at = try XCTUnwrap(source.lines.firstIndex { $0.contains(find) }, find)
            return try putuo { $0[at] = $0[at].replacingOccurrences(of: find, with: replace) }
                .filter { d in d.severity == severity && !base.contains { $0.line == d.line && $0.rule == d.rule } }
                .map { "\($0.page ?? 0):\($0.line - at - 1) \($0.rule)" }
        }
        // The 三公 年初预算 0.95 against the 三公 table's 预算数 (p18); 机关运行经费 184.65 against the
        // 基本支出 table's 公用经费 (p17); a 绩效 count against the same amount's count.
        XCTAssertEqual(try added("年初预算为0.95万元", "年初预算为0.59万元"), ["23:0 narrative-figure"])
        // (A warning: 机关运行经费 is the 公用经费 of 行政单位 and 参公 units only.)
        let running = try added("机关运行经费支出184.65万元", "机关运行经费支出148.65万元", severity: .warning)
        XCTAssertEqual(running, ["24:0 narrative-figure"])
        XCTAssertEqual(try added("绩效跟踪评价的2024年度项目4个", "绩效跟踪评价的2024年度项目5个"), ["23:0 performance-projects"])
        // 下降 and 减少 both flipped: the rate fits a decrease from 3,052.34, so the words are wrong.
        XCTAssertEqual(try added("支出总计减少56.95万元，下降1.87%", "支出总计增加56.95万元，增长1.87%"), ["21:0 comparison-word"])
    }

    func testPutuoTitleYearIsOneFinding() throws {
        let base = try putuo()
        let source = try XCTUnwrap(Self.putuoSource)
        // The cover's "2024年度部门决算" (p1) made 2023: the document stays 2024, the cover is the finding.
        let at = try XCTUnwrap(source.lines.prefix(5).firstIndex { $0.contains("2024年度部门决算") })
        let f = try putuo { $0[at] = $0[at].replacingOccurrences(of: "2024年度", with: "2023年度") }
        let new = f.filter { d in d.severity == .error && !base.contains { $0.line == d.line && $0.rule == d.rule } }
        XCTAssertEqual(new.map { "\($0.page ?? 0):\($0.line) \($0.rule)" }, ["1:\(at + 1) heading-year"], "\(new)")
    }

    func testMessagesAreDataInBothLanguages() {
        for rule in CheckRule.allCases {
            XCTAssertTrue(AuditMessages.zh.has("rule.\(rule.rawValue)"), rule.rawValue)
            // The short name the annotated PDF's margin gives each finding, in both languages.
            XCTAssertTrue(AuditMessages.zh.has("rule-name.\(rule.rawValue)") && AuditMessages.en.has("rule-name.\(rule.rawValue)"), rule.rawValue)
        }
        // Column names in Chinese, never a key ("收入表合计（fiscal_grant）").
        for m in Measure.allCases { XCTAssertFalse(AuditMessages.zh.measure(m).contains("_") || AuditMessages.zh.measure(m) == m.rawValue, m.rawValue) }
        XCTAssertEqual(AuditMessages.zh.measure(.fiscalGrant), "财政拨款")
        XCTAssertEqual(AuditMessages.zh.place(page: 6, line: 12), "第6页第12行")
        XCTAssertEqual(AuditMessages.en.place(page: nil, line: 12), "line 12")
        XCTAssertEqual(AuditContext.percent(Money(fen: 210_666_000), of: Money(fen: 294_005_000), decimals: 2), 7165)
    }

    func testLongNarrativeWithoutStopsIsAudited() {
        // 5,000 each of figures, shares, rates and comparison words in one sentence with no stop: the
        // audit ends and reads the rates (how long it takes is for `yusuan-bench`, not a test).
        let line = String(repeating: "一般公共服务支出(类)行政运行(项)支出决算为12.5万元,较上年增加1.5万元,增长9.9%,占10.0%,决算数小于预算数,", count: 5_000)
        let id = DocumentIdentity(region: "渝北区", entity: "某单位", entityCode: nil, year: 2024, stage: .final)
        let f = DocumentAudit.run(AuditInput(document: "long.txt", identity: id, facts: [], lines: [TextLine(line: 1, page: nil, text: line, narrative: true)], tables: []))
        XCTAssertTrue(f.contains { $0.rule == "narrative-rate" })
    }
}
