import Foundation
import YusuanCore

/// A small document model, rendered to Markdown or to self-contained HTML.
public enum DocBlock: Equatable, Sendable {
    case heading(Int, String)
    case paragraph(String)
    case bullets([String])
    /// Headers, right-aligned column indexes, rows.
    case table([String], Set<Int>, [[String]])
    /// A chart: file name beside the document, alt text, caption.
    case image(String, String, String)
}

public enum DocRender {
    public static func markdown(_ blocks: [DocBlock]) -> String {
        var out: [String] = []
        for b in blocks {
            switch b {
            case .heading(let level, let text): out.append(String(repeating: "#", count: level) + " " + mdEscape(text))
            case .paragraph(let text): out.append(mdEscape(text))
            case .bullets(let items): out.append(items.map { "- " + mdEscape($0) }.joined(separator: "\n"))
            case .table(let headers, let right, let rows):
                func row(_ cells: [String]) -> String { "| " + cells.map { mdEscape($0).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
                var t = [row(headers), "|" + headers.indices.map { right.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|"]
                t += rows.map(row)
                out.append(t.joined(separator: "\n"))
            case .image(let file, let alt, let caption):
                out.append("![\(mdEscape(alt))](\(file))\n\n*\(mdEscape(caption))*")
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    /// Text from documents made inert in Markdown: no raw HTML (`<img onerror=…>`), no links or
    /// images (`[…](…)`), no headings of its own. Asterisks stay: `**bold**` is the brief's
    /// one markup, and emphasis from a document is harmless.
    public static func mdEscape(_ s: String) -> String {
        var out = ""
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "[", "]", "_", "#": out += "\\" + String(c)
            default: out.append(c)
            }
            i += 1
        }
        return out
    }

    /// Self-contained HTML: each image embedded as a data URI from `image(file)` (its bytes), print
    /// CSS for A4.
    public static func html(_ blocks: [DocBlock], title: String, image: (String) -> Data? = { _ in nil }) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        /// `**bold**` is the only inline markup the brief uses.
        func inline(_ s: String) -> String {
            var out = ""
            var bold = false
            var rest = Substring(esc(s))
            while let r = rest.range(of: "**") {
                out += rest[..<r.lowerBound]
                out += bold ? "</strong>" : "<strong>"
                bold.toggle()
                rest = rest[r.upperBound...]
            }
            return out + rest + (bold ? "</strong>" : "")
        }
        var body: [String] = []
        for b in blocks {
            switch b {
            case .heading(let level, let text): body.append("<h\(level)>\(inline(text))</h\(level)>")
            case .paragraph(let text): body.append("<p>\(inline(text))</p>")
            case .bullets(let items): body.append("<ul>\n" + items.map { "<li>\(inline($0))</li>" }.joined(separator: "\n") + "\n</ul>")
            case .table(let headers, let right, let rows):
                func cell(_ tag: String, _ i: Int, _ s: String) -> String {
                    "<\(tag)\(right.contains(i) ? " class=\"num\"" : "")>\(inline(s))</\(tag)>"
                }
                var t = "<table>\n<thead><tr>" + headers.enumerated().map { cell("th", $0.offset, $0.element) }.joined() + "</tr></thead>\n<tbody>\n"
                t += rows.map { "<tr>" + $0.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>" }.joined(separator: "\n")
                body.append(t + "\n</tbody>\n</table>")
            case .image(let file, let alt, let caption):
                let src = image(file).map { "data:image/png;base64," + $0.base64EncodedString() } ?? file
                body.append("<figure><img src=\"\(esc(src))\" alt=\"\(esc(alt))\"><figcaption>\(inline(caption))</figcaption></figure>")
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="\(Messages.language == .en ? "en" : "zh-CN")">
            <head>
            <meta charset="utf-8">
            <title>\(esc(title))</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.6; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
            th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; }
            th { background: #f3f3f3; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            figure { margin: 1.5em 0; }
            figure img { max-width: 100%; border: 1px solid #eee; }
            figcaption { color: #555; font-size: 0.9em; }
            @page { size: A4; margin: 20mm 18mm; }
            @media print {
              body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
              h1, h2, h3 { page-break-after: avoid; }
              figure, table { page-break-inside: avoid; }
              figure img { border: none; }
            }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }
}
