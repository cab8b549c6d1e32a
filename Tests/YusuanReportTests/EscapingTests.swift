import XCTest
@testable import YusuanReport

/// Text from documents is inert in the brief: no raw HTML, no links, no headings of its own.
final class EscapingTests: XCTestCase {
    func testMarkdownFromDocumentsIsEscaped() {
        let md = DocRender.markdown([
            .heading(3, "#单位<img src=x onerror=alert(1)>"),
            .paragraph("**注意** [点此](https://evil.example) ![x](y.png) a_b * c"),
            .table(["名称"], [], [["<script>x</script>|y"]]),
        ])
        XCTAssertFalse(md.contains("<img") || md.contains("<script"), md)
        XCTAssertFalse(md.contains("[点此]") || md.contains("![x]"), md)
        XCTAssertTrue(md.contains("### \\#单位&lt;img"), md)
        XCTAssertTrue(md.contains("**注意** \\[点此\\](https://evil.example)"), md)
        XCTAssertTrue(md.contains("a\\_b * c"), md)
        XCTAssertTrue(md.contains("&lt;script&gt;x&lt;/script&gt;\\|y"), md)
        let html = DocRender.html([.paragraph("<img src=x onerror=alert(1)>")], title: "<t>")
        XCTAssertFalse(html.contains("<img src=x"), html)
    }
}
