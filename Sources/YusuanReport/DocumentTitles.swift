import Foundation
import YusuanCharts
import YusuanStore

/// Charts cite their sources as the brief does: by document title, not file name.
public enum DocumentTitles {
    /// Each file name as its document's title (`《重庆市渝北区…2024年部门预算》`), in the given
    /// order, each title once; a name that is not a stored document (a title already, or text
    /// the user gave) stays as it is.
    public static func cite(_ names: [String], in documents: [StoredDocument]) -> [String] {
        let byName = Dictionary(documents.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        return names.map { byName[$0].map(Prose.title) ?? $0 }.filter { seen.insert($0).inserted }
    }
}

/// A chart spec whose footnote lists sources.
protocol BriefChartSources { var sources: [String] { get set } }
extension BarChartSpec: BriefChartSources {}
extension TreemapSpec: BriefChartSources {}
