import Foundation
import YusuanCharts
import YusuanCore
import YusuanStore

/// Charts cite their sources as the brief does: by document title, not file name.
public enum DocumentTitles {
    /// Each file name as its document's title (`《重庆市渝北区…2024年部门预算》`), in the given
    /// order, each title once; a name that is not a stored document (a title already, or text
    /// the user gave) stays as it is.
    public static func cite(_ names: [String], in documents: [StoredDocument]) -> [String] {
        cite(names, identities: documents.map { ($0.name, $0.identity) })
    }

    /// `cite` from the documents' names and identities alone (`FactStore.documentNames`).
    public static func cite(_ names: [String], in documents: [StoredName]) -> [String] {
        cite(names, identities: documents.map { ($0.name, $0.identity) })
    }

    private static func cite(_ names: [String], identities: [(String, DocumentIdentity)]) -> [String] {
        let byName = Dictionary(identities, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        return names.map { byName[$0].map(Prose.title) ?? $0 }.filter { seen.insert($0).inserted }
    }
}

/// A chart spec whose footnote lists sources.
protocol BriefChartSources { var sources: [String] { get set } }
extension BarChartSpec: BriefChartSources {}
extension TreemapSpec: BriefChartSources {}
