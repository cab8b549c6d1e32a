import XCTest
@testable import YusuanCore
import YusuanTestSupport

final class MessagesTests: XCTestCase {
    func testBothLanguagesHaveTheSameKeysAndPlaceholders() {
        let zh = Messages.catalogue(.zh), en = Messages.catalogue(.en)
        XCTAssertGreaterThan(zh.count, 40)
        XCTAssertEqual(Set(zh.keys), Set(en.keys))
        for (k, t) in zh { XCTAssertEqual(Messages.placeholders(t), Messages.placeholders(en[k] ?? ""), k) }
    }

    /// Replacing by the byte (`ByteSearch.replacing`, which fills placeholders and unescapes the
    /// catalogue's `\n`) gives Foundation's `replacingOccurrences`: on tricky texts, and on every
    /// line of both catalogues with `\n` and with each placeholder they use.
    func testReplacingByTheByteIsFoundationsReplacement() throws {
        var lines: [String] = []
        for lang in Messages.Language.allCases {
            let url = Repo.root.appendingPathComponent("Sources/YusuanCore/Resources/messages.\(lang.rawValue).tsv")
            lines += try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        XCTAssertGreaterThanOrEqual(lines.filter { $0.contains("\\n") }.count, 2)
        let texts = ["", "\\", "\\n", "a\\nb", "\\\\n", "\\\\\\n\\", "n\\", "第一行\\n第二行\\n", "\\t\\n\\nn", "aaaa", "{path}{path}",
                     "无法写入 {path}：{reason}", "{", "}{path"] + lines
        var needles = ["\\n", "aa", "{path}", "无法", "：", "x"]
        for line in lines { needles += Messages.placeholders(line).map { "{\($0)}" } }
        XCTAssertGreaterThan(Set(needles).count, 20)
        for t in texts {
            for n in Set(needles) {
                for r in ["", "\n", "新值", "{path}", "aa"] {
                    XCTAssertEqual(ByteSearch.replacing(n, with: r, in: t), t.replacingOccurrences(of: n, with: r), "\(t) \(n) \(r)")
                }
            }
        }
        XCTAssertEqual(ByteSearch.replacing("", with: "x", in: "abc"), "abc")
    }

    /// A catalogue parsed in one pass over its bytes (`Knowledge.entries`) holds what the rows of
    /// `Knowledge.rows` give, the cells after the first joined by tabs and `\n` unescaped or not: on
    /// both catalogues of messages and of the audit's, and on comments, blank lines, lines without a
    /// tab, empty keys and values, several tabs, a backslash at the end and a last line without its
    /// newline.
    func testEntriesAreTheRowsOfTheCatalogue() throws {
        func byRows(_ text: String, _ unescaping: Bool) -> [String: String] {
            var out: [String: String] = [:]
            for c in Knowledge.rows(in: text, header: false) where c.count >= 2 {
                let value = c[1...].joined(separator: "\t")
                out[c[0]] = unescaping ? value.replacingOccurrences(of: "\\n", with: "\n") : value
            }
            return out
        }
        var texts = ["", "\n", "#a\tb\n", "a\tb", "a\tb\n\n\nc\td\n", "no tab\nk\tv", "\tempty key\n", "k\t\n", "k\t\t\tv\t\n",
                     "k\ta\\nb\\\n", "k\tv\\", "k1\tv1\nk1\tv2\n", " #k\tv\n", "键\t值\t第二格\\n下一行"]
        for module in ["YusuanCore", "YusuanAnalysis"] {
            for lang in Messages.Language.allCases {
                texts.append(try String(contentsOf: Repo.root.appendingPathComponent("Sources/\(module)/Resources/messages.\(lang.rawValue).tsv"), encoding: .utf8))
            }
        }
        for t in texts {
            for unescaping in [true, false] {
                XCTAssertEqual(Knowledge.entries(in: t, unescapingNewlines: unescaping), byRows(t, unescaping), "\(unescaping) \(t.prefix(40))")
            }
        }
        let core = try String(contentsOf: Repo.root.appendingPathComponent("Sources/YusuanCore/Resources/messages.zh.tsv"), encoding: .utf8)
        XCTAssertGreaterThan(Knowledge.entries(in: core, unescapingNewlines: true).count, 500)
    }

    func testChineseIsTheDefaultAndPlaceholdersAreFilled() {
        XCTAssertEqual(Messages.placeholders("无法写入 {reason}，{path}"), ["reason", "path"])
        let saved = Messages.language
        defer { Messages.language = saved }
        Messages.language = .zh
        XCTAssertEqual(L("rm.done", ["count": "2", "path": "s.sqlite"]), "已从 s.sqlite 删除 2 份文件")
        Messages.language = .en
        XCTAssertEqual(L("rm.done", ["count": "2", "path": "s.sqlite"]), "removed 2 document(s) from s.sqlite")
    }
}
