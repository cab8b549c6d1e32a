import XCTest
@testable import YusuanCharts

final class CSVTests: XCTestCase {
    func testRFC4180WithBOMQuotesAndCRLF() throws {
        let text = "\u{FEFF}项目,2024年,2025年\r\n\"因公出国（境）\",\"1,200.00\",12.00\r\n\"公务用车\r\n运行\",98.5,109.84\r\n\"说\"\"明\"\"\",0,0\r\n\r\n"
        let t = try CSVTable(text: text, file: "s.csv")
        XCTAssertEqual(t.header, ["项目", "2024年", "2025年"])
        XCTAssertEqual(t.rows.count, 3)
        XCTAssertEqual(t.rows[1][0], "公务用车\r\n运行")
        XCTAssertEqual(t.rows[2][0], "说\"明\"")
        XCTAssertEqual(t.rowLines, [2, 3, 5])
        let (labels, series) = try t.labelsAndSeries(label: "项目", values: ["2024年", "2025年"])
        XCTAssertEqual(labels[0], "因公出国（境）")
        XCTAssertEqual(series.map(\.name), ["2024年", "2025年"])
        XCTAssertEqual(series[0].values, [1200, 98.5, 0])
        XCTAssertEqual(series[1].values, [12, 109.84, 0])
    }

    func testLFWithoutBOMAndNumbers() throws {
        let t = try CSVTable(text: "a,b\nx,１２．５\ny, -3 \nz,45%")
        XCTAssertEqual(try t.labelsAndSeries(label: "a", values: ["b"]).series[0].values, [12.5, -3, 45])
        XCTAssertNil(CSVTable.number(""))
        XCTAssertNil(CSVTable.number("-"))
        XCTAssertNil(CSVTable.number("12元"))
        XCTAssertEqual(CSVTable.number("118,708.76"), 118_708.76)
    }

    func testErrorsNameTheLine() {
        XCTAssertThrowsError(try CSVTable(text: "a,b\nx,1\ny,2,3\n", file: "f.csv")) { e in
            XCTAssertEqual("\(e)", "f.csv:3: 本行有 3 个字段，表头有 2 个")
        }
        XCTAssertThrowsError(try CSVTable(text: "a,b\n\"x,1\n", file: "f.csv")) { e in
            XCTAssertEqual((e as? CSVError)?.line, 2)
        }
        XCTAssertThrowsError(try CSVTable(text: "a,b\nx\"y,1\n")) 
        let t = try! CSVTable(text: "名称,金额\n甲,12\n乙,n/a\n", file: "g.csv")
        XCTAssertThrowsError(try t.labelsAndSeries(label: "名称", values: ["金额"])) { e in
            XCTAssertEqual("\(e)", "g.csv:3: “金额”列的“n/a”不是数字")
        }
        XCTAssertThrowsError(try t.labelsAndSeries(label: "项目", values: ["金额"])) { e in
            XCTAssertTrue("\(e)".contains("现有的列：名称、金额"), "\(e)")
        }
    }

    func testReadsFileAndRejectsGB18030() throws {
        let dir = FileManager.default.temporaryDirectory
        let good = dir.appendingPathComponent("yusuan-csv-\(UUID().uuidString).csv")
        try Data([0xEF, 0xBB, 0xBF] + Array("名称,金额\n甲,1\n".utf8)).write(to: good)
        defer { try? FileManager.default.removeItem(at: good) }
        XCTAssertEqual(try CSVTable(contentsOf: good).header, ["名称", "金额"])
        let bad = dir.appendingPathComponent("yusuan-csv-\(UUID().uuidString).csv")
        try Data([0xC3, 0xFB, 0xB3, 0xC6, 0x0A]).write(to: bad)   // 名称 in GB18030
        defer { try? FileManager.default.removeItem(at: bad) }
        XCTAssertThrowsError(try CSVTable(contentsOf: bad)) { e in XCTAssertTrue("\(e)".contains("不是 UTF-8 文本"), "\(e)") }
    }
}
