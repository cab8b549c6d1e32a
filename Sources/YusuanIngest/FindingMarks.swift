import Foundation
import YusuanCore
import YusuanPDF

/// Where findings stand on a PDF's pages: the box of the line a finding names, narrowed to the
/// cell whose figure the message quotes (a table's amount), else the whole line.
public enum FindingMarks {
    public static func marks(_ findings: [Diagnostic], source: SourceText) -> [AnnotationMark] {
        var out: [AnnotationMark] = []
        for d in findings {
            guard d.line >= 1, d.line <= source.geometry.count, let g = source.geometry[d.line - 1] else { continue }
            var box = g.box
            let cells = source.lines[d.line - 1].split(separator: "\t", omittingEmptySubsequences: false)
            let quoted = d.message.replacingOccurrences(of: ",", with: "")
            for (i, cell) in cells.enumerated() where i < g.cellBoxes.count {
                let figure = cell.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
                if figure.count >= 2, figure.first?.isNumber == true, figure.allSatisfy({ $0.isNumber || $0 == "." }),
                   quoted.contains(figure), let b = g.cellBoxes[i] {
                    box = b
                    break
                }
            }
            out.append(AnnotationMark(page: g.page, box: box, number: out.count + 1,
                                      note: "[\(d.severity.rawValue)] \(d.rule)：\(d.message)"))
        }
        return out
    }
}
