import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanIngest

/// `--region` values as the store matches them: a name as printed, plus the codes of every division
/// it designates (`普陀区` → 310107 and 330903; `上海普陀` → 310107; `310107` → 310107).
struct RegionArguments {
    var names: [String] = []
    var codes: [String] = []
    init(_ values: [String]) {
        for v in values {
            let rows = RegionCatalogue.shared.lookup(v)
            if rows.isEmpty { names.append(v); continue }
            for r in rows {
                if let c = r.code { codes.append(c) } else { names.append(r.name) }
            }
            // A short name also matches facts whose code was left empty (an ambiguous document).
            if rows.count > 1 || RegionCatalogue.shared.entries(named: v).count == rows.count { names.append(v) }
        }
    }
}

/// The ingest's region hints: `--region`, and yusuan.yaml's `regions:` and entity `region:` entries.
func regionHints(region: String?, config: String?) throws -> RegionHints {
    let cfg = try AnalysisConfig.loadDefault(explicit: config)
    if let region, RegionCatalogue.shared.lookup(region).count != 1 {
        let rows = RegionCatalogue.shared.lookup(region)
        throw UserError(rows.isEmpty ? L("ingest.region.unknown", ["region": region])
            : L("ingest.region.several", ["region": region, "candidates": rows.map { r in r.code.map { "\(r.fullName)（\($0)）" } ?? r.fullName }.joined(separator: "、")]), code: 2)
    }
    var byEntity: [String: String] = [:]
    for e in cfg.entities ?? [] {
        guard let r = e.region else { continue }
        for n in [e.name] + (e.aliases ?? []) { byEntity[n] = r }
    }
    return RegionHints(region: region, byEntity: byEntity, known: cfg.regions ?? [])
}
