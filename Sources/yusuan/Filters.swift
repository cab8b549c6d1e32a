import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanStore

/// The one set of filters every command that reads the store takes, spelled the same everywhere
/// and resolved through the entity registry. A value that matches nothing is an error (exit 2)
/// naming the closest candidates.
struct Filters: ParsableArguments {
    @Option(help: ArgumentHelp(L("opt.25"))) var region: [String] = []
    @Option(help: ArgumentHelp(L("opt.19"))) var entity: [String] = []
    @Option(help: ArgumentHelp(L("opt.24"))) var group: [String] = []
    @Option(help: ArgumentHelp(L("opt.23"))) var year: [Int] = []
    @Option(help: ArgumentHelp(L("opt.21"), valueName: "A-B|A,B"))
    var years: String?
    @Option(help: ArgumentHelp(L("opt.58"))) var stage: StageArg?
    @Option(help: ArgumentHelp(L("opt.22"))) var document: [String] = []
    @Option(help: ArgumentHelp(L("opt.12"),
                               valueName: "PATH")) var config: String?

    func validate() throws { _ = try yearList() }

    /// `--year` values with the `--years` range or list, in the order given.
    func yearList() throws -> [Int] {
        // Two ways of naming the years at once: which one was meant cannot be guessed.
        if !year.isEmpty, years != nil { throw UserError(L("years.both"), code: 64) }
        return try parseYears(year, years)
    }

    var reportFilter: ReportFilter {
        ReportFilter(regions: region, entities: entity, groups: group, stage: stage?.stage ?? .budget)
    }

    /// Opens an existing store, read-only unless `writing` (then for `rm`); never creates one
    /// (only `ingest` and `brief` do).
    static func openStore(_ store: StoreOptions, writing: Bool = false) throws -> FactStore {
        guard FileManager.default.fileExists(atPath: store.path) else {
            throw UserError(L("store.missing", ["path": store.path]), code: 2)
        }
        do {
            return writing ? try FactStore(path: store.path) : try FactStore(readingAt: store.path)
        } catch let e as StoreError {
            throw UserError(e.description)
        }
    }

    /// The documents of the store the filters last read facts from, in this process (a command reads
    /// one store, and none of those that read facts writes to it).
    nonisolated(unsafe) private static var documentsRead: (path: String, documents: [StoredName])?

    /// The name and identity of every document of `store`: those read with the facts when it is the
    /// same store (a chart cites them after selecting its facts; opening the store again cost a millisecond).
    static func storedDocuments(_ store: StoreOptions) throws -> [StoredName] {
        if let read = documentsRead, read.path == store.path { return read.documents }
        return try openStore(store).documentNames()
    }

    /// The stored documents the filters select (by document name, year, stage, region and entity
    /// identity); an error when a `--document` value or the whole selection matches nothing.
    /// `byStage`: whether `--stage` selects documents by their own stage (`docs`, `check`); for facts
    /// it does not, since a 决算 prints `budget` facts beside its `final` ones (stage is per fact).
    func documents(in fs: FactStore, byStage: Bool = true) throws -> [StoredDocument] {
        let all = try fs.documents()
        var docs = all
        for d in document where !all.contains(where: { Self.documentMatches(d, $0.name) }) {
            throw UserError(L("document.nomatch", ["value": d, "candidates": EntityRegistry.closest(d, in: Set(all.map(\.name))).joined(separator: "、")]), code: 2)
        }
        if !document.isEmpty { docs = docs.filter { d in document.contains { Self.documentMatches($0, d.name) } } }
        if byStage, let stage { docs = docs.filter { $0.identity.stage == stage.stage } }
        if !region.isEmpty || !entity.isEmpty || !group.isEmpty {
            // Resolved through the registry of the stored documents' entities, like every command:
            // aliases and groups from yusuan.yaml, and a value that matches nothing names candidates.
            let registry = Self.documentRegistry(all.map { ($0.name, $0.identity) }, config: try AnalysisConfig.loadDefault(explicit: config))
            try check(registry, years: nil)
            docs = docs.filter { includes(registry.ref(region: $0.identity.regionLabel, entity: $0.identity.entity), registry) }
        }
        if docs.isEmpty { throw UserError(L("selection.empty", ["path": fs.path, "filters": description]), code: 2) }
        return docs
    }

    static func documentMatches(_ query: String, _ name: String) -> Bool {
        name == query || name.contains(query)
    }

    /// The facts of `tables` (all when empty) of the selected documents and stage, aligned: what the
    /// analysis and chart commands compute from. Region, entity and group values are checked against
    /// the registry of the facts' origins (`selectedOrigins`), and only the facts of the entities
    /// they select are read; years are checked against the years present.
    func load(_ store: StoreOptions, tables: [TableKind] = []) throws -> (input: AnalysisInput, facts: [Fact]) {
        let (fs, query, docYears, cfg) = try selection(store, tables: tables)
        let selected = try selectedOrigins(fs, query, docYears, cfg, tables: tables)
        let facts = try selected.map { s in try s.names.isEmpty ? [] : fs.facts(s.narrowed(query)).filter(s.keeps) } ?? fs.facts(query)
        let input = AnalysisInput(facts: facts, documentYears: docYears, config: cfg)
        if selected == nil { try check(input.registry, years: Set(facts.map(\.year)), misses: []) }
        return (input, facts)
    }

    /// The facts the filters select, in export order, given to `body` one at a time while they are
    /// read from the store (export: memory flat in the number of facts). The registry that resolves region,
    /// entity and group values is built from the facts' origins, a far smaller query.
    func forEachFact(_ store: StoreOptions, tables: [TableKind] = [], _ body: (Fact) throws -> Void) throws {
        let (fs, query, docYears, cfg) = try selection(store, tables: tables)
        let selected = try selectedOrigins(fs, query, docYears, cfg, tables: tables)
        var years = selected.map { $0.narrowed(query) } ?? query
        years.years = try yearList()
        var count = 0
        if selected?.names.isEmpty != true {
            try fs.forEachFact(years) { f in
                guard selected?.keeps(f) ?? true else { return }
                count += 1
                try body(f)
            }
        }
        if count == 0 { throw UserError(L("facts.none", ["filters": description]), code: 2) }
    }

    /// The entities that region, entity and group filters select.
    private struct OriginSelection {
        /// Their printed names, for the query: the store's index by entity reads only their facts.
        let names: [String]
        /// Region label and printed name of each, joined by U+0001: a name may be printed in two regions.
        let passing: Set<String>
        static func key(_ regionLabel: String, _ entity: String) -> String { regionLabel + "\u{1}" + entity }
        func keeps(_ f: Fact) -> Bool { passing.contains(Self.key(f.regionLabel, f.entity)) }
        /// `query` narrowed to these names; a list longer than SQLite's limit of bound values is left
        /// to `keeps` alone.
        func narrowed(_ query: FactQuery) -> FactQuery {
            var q = query
            if names.count <= 20_000 { q.entities = names }
            return q
        }
    }

    /// With region, entity or group filters, the entities they select, resolved through the registry
    /// of the facts' origins (region, entity and year of each document's facts: a far smaller query
    /// than the facts, so that a command on one entity of a large store reads that entity's facts
    /// only); nil without such filters. Throws, naming candidates, for a value that matches nothing.
    private func selectedOrigins(_ fs: FactStore, _ query: FactQuery, _ docYears: [String: Int], _ cfg: AnalysisConfig,
                                 tables: [TableKind]) throws -> OriginSelection? {
        guard !region.isEmpty || !entity.isEmpty || !group.isEmpty else { return nil }
        let origins = try fs.factOrigins(query)
        var seen = Set<EntityRegistry.Observation>()
        let observations = origins.map {
            EntityRegistry.Observation(region: $0.regionLabel, entity: $0.entity, entityCode: $0.entityCode,
                                       documentYear: docYears[$0.document] ?? $0.year, document: $0.document)
        }.filter { seen.insert($0).inserted }
        let registry = EntityRegistry(observations: observations, config: cfg)
        let misses = try explainMissing(registry, fs, tables: tables, config: cfg)
        try check(registry, years: Set(origins.map(\.year)), misses: misses)
        var judged = Set<String>(), passing = Set<String>(), names = Set<String>()
        for o in observations where judged.insert(OriginSelection.key(o.region, o.entity)).inserted {
            guard includes(registry.ref(region: o.region, entity: o.entity), registry) else { continue }
            passing.insert(OriginSelection.key(o.region, o.entity))
            names.insert(o.entity)
        }
        return OriginSelection(names: names.sorted(), passing: passing)
    }

    /// The opened store and the query of the selected documents, tables and stage.
    private func selection(_ store: StoreOptions, tables: [TableKind]) throws -> (FactStore, FactQuery, [String: Int], AnalysisConfig) {
        let cfg = try AnalysisConfig.loadDefault(explicit: config)
        let fs = try Self.openStore(store)
        // Names and identities only: decoding every document's table list cost more than the facts
        // of one entity in a store of a thousand documents.
        let stored = try fs.documentNames()
        Self.documentsRead = (store.path, stored)
        if stored.isEmpty { throw UserError(L("store.empty", ["path": store.path]), code: 2) }
        let names = document.isEmpty ? [] : try documents(in: fs, byStage: false).map(\.name)
        let docYears = Dictionary(stored.map { ($0.name, $0.identity.year) }, uniquingKeysWith: max)
        return (fs, FactQuery(tables: tables, documents: names, stages: stage.map { [$0.stage] } ?? []), docYears, cfg)
    }

    /// The registry of every stored document's entity, whatever tables and stage they hold.
    static func documentRegistry(_ docs: [(name: String, identity: DocumentIdentity)], config: AnalysisConfig) -> EntityRegistry {
        EntityRegistry(observations: Set(docs.map {
            EntityRegistry.Observation(region: $0.identity.regionLabel, entity: $0.identity.entity,
                                       entityCode: $0.identity.entityCode, documentYear: $0.identity.year, document: $0.name)
        }).sorted { ($0.document, $0.entity) < ($1.document, $1.entity) }, config: config)
    }

    /// A value that matches no entity of the selected facts but does match stored documents: the
    /// region or entity is there, the data is not. Says what is missing instead of blaming the name.
    /// Returns the values that match nothing (for `check`, which says so when nothing explains them).
    private func explainMissing(_ registry: EntityRegistry, _ fs: FactStore, tables: [TableKind], config: AnalysisConfig) throws -> [UnmatchedFilter] {
        let misses = registry.unmatched(regions: region, entities: entity, groups: group)
        guard !misses.isEmpty else { return misses }
        let docs = try fs.documentNames().filter { d in document.isEmpty || document.contains { Self.documentMatches($0, d.name) } }
        let all = Self.documentRegistry(docs.map { ($0.name, $0.identity) }, config: config)
        for m in misses where all.unmatched(regions: m.option == "region" ? [m.value] : [], entities: m.option == "entity" ? [m.value] : [],
                                            groups: m.option == "group" ? [m.value] : []).isEmpty {
            let found = all.records.filter {
                all.matches($0, regions: m.option == "region" ? [m.value] : [], entities: m.option == "entity" ? [m.value] : [],
                            groups: m.option == "group" ? [m.value] : [])
            }
            let names = Set(found.map { m.option == "region" ? $0.region : $0.name }).sorted()
            var data = tables.map { L("table." + $0.rawValue) }.joined(separator: "、")
            if data.isEmpty { data = L("filter.nodata.any") }
            if let stage { data = L("filter.nodata.stage", ["data": data, "stage": L("stage." + stage.stage.rawValue)]) }
            throw UserError(L("filter.nodata", ["names": names.prefix(5).joined(separator: "、"), "data": data,
                                                "option": m.option, "value": m.value]), code: 2)
        }
        return misses
    }

    /// Errors for filter values that match nothing, with candidates.
    /// `misses`: `registry.unmatched` of these filters, when the caller has it already.
    func check(_ registry: EntityRegistry, years present: Set<Int>?, misses known: [UnmatchedFilter]? = nil) throws {
        let misses = known ?? registry.unmatched(regions: region, entities: entity, groups: group)
        if let m = misses.first {
            throw UserError(L(m.candidates.isEmpty ? "filter.nomatch.none" : "filter.nomatch",
                              ["option": m.option, "value": m.value, "candidates": m.candidates.joined(separator: "、")]), code: 2)
        }
        let ys = try yearList()
        if !ys.isEmpty, let present, present.isDisjoint(with: ys) {
            throw UserError(L("years.none", ["years": ys.map(String.init).joined(separator: "、"), "present": present.sorted().map(String.init).joined(separator: "、")]), code: 2)
        }
    }

    /// Whether an entity passes the region, entity and group filters.
    func includes(_ ref: EntityRef, _ registry: EntityRegistry) -> Bool {
        registry.matches(ref, regions: region, entities: entity, groups: group)
    }

    /// The filters as the user typed them, for messages.
    var description: String {
        var parts: [String] = []
        for r in region { parts.append("--region \(r)") }
        for e in entity { parts.append("--entity \(e)") }
        for g in group { parts.append("--group \(g)") }
        for y in year { parts.append("--year \(y)") }
        if let years { parts.append("--years \(years)") }
        if let stage { parts.append("--stage \(stage.rawValue)") }
        for d in document { parts.append("--document \(d)") }
        return parts.isEmpty ? L("filters.all") : parts.joined(separator: " ")
    }
}

/// Years from repeated `--year` and a `--years` range (`2023-2025`) or list (`2023,2025`).
func parseYears(_ single: [Int], _ spec: String?) throws -> [Int] {
    guard let spec, !spec.isEmpty else { return single }
    let parts = spec.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { $0.trimmingCharacters(in: .whitespaces) }
    if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a <= b { return single + Array(a...b) }
    let list = spec.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !list.isEmpty, list.count == spec.split(separator: ",").count else {
        throw ValidationError(L("years.syntax", ["value": spec]))
    }
    return single + list
}

/// `--format`, `--unit` and `-o FILE`, shared by every command that prints a table.
struct OutputOptions: ParsableArguments {
    @Option(name: .customLong("format"), help: ArgumentHelp(L("opt.57"))) var formatArg: FormatArg?
    @Option(help: ArgumentHelp(L("opt.46"))) var unit: AnalysisUnit = .wanyuan
    @Option(name: .shortAndLong, help: ArgumentHelp(L("opt.53"), valueName: "FILE"))
    var output: String?

    /// `--format`, else what the `-o` file's extension names, else a terminal table.
    var format: FormatArg { formatArg ?? FormatArg.forPath(output) ?? .table }

    /// Prints (or writes) a report table; an empty one is an error unless `allowEmpty`.
    func emit(_ t: ReportTable, empty: String? = nil) throws {
        if t.rows.isEmpty, let empty { throw UserError(empty, code: 2) }
        try write(render(t))
    }

    func render(_ t: ReportTable) -> String {
        switch format {
        case .json: return t.json(unit: unit.unit)
        case .jsonl:
            return t.rows.map { row in
                "{" + zip(t.columns, row).filter { !t.notInJSON.contains($0.0) }
                    .map { FactExport.jsonString($0) + ":" + $1.json(unit: unit.unit) }.joined(separator: ",") + "}\n"
            }.joined()
        case .csv: return t.csv(unit: unit.unit)
        case .table:
            let shown = t.columns.indices.filter { !t.notInTable.contains(t.columns[$0]) }
            let headers = Messages.language == .zh ? t.headers : t.columns
            var tt = TextTable(headers: shown.map { headers[$0] },
                               alignments: shown.map { t.numericColumns.contains($0) ? .right : .left })
            for row in t.displayRows(unit: unit.unit) { tt.addRow(shown.map { row[$0] }) }
            let hasMoney = t.rows.contains { $0.contains { if case .money = $0 { true } else { false } } }
            // Provenance the table leaves out goes to the footnote: exactly the rows' documents.
            var sources = Set<String>()
            if let i = t.columns.firstIndex(of: "sources") {
                for row in t.rows { if case .texts(let docs) = row[i] { sources.formUnion(docs) } }
            }
            var foot: [String] = []
            if hasMoney { foot.append(L("table.unit", ["unit": unit.rawValue])) }
            if !sources.isEmpty { foot.append(L("table.sources", ["sources": sources.sorted().joined(separator: "、")])) }
            let width = output == nil ? TextTable.terminalWidth : nil
            let note = foot.isEmpty ? "" : Messages.language == .zh ? "（" + foot.joined(separator: "；") + "）" : "(" + foot.joined(separator: "; ") + ")"
            return tt.render(maxWidth: width)
                + (note.isEmpty ? "" : (width.map { TextTable.wrap(note, width: $0) } ?? [note]).joined(separator: "\n") + "\n")
        }
    }

    func write(_ text: String) throws { try Self.write(text, to: output) }

    static func write(_ text: String, to output: String?) throws {
        if let output {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } catch {
                throw UserError(L("write.failed", ["reason": output + ": " + FileErrorText.reason(error, path: output)]))
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Sources that disagree, on standard error (the output stays clean for scripts).
    func warn(_ disagreements: [SeriesDisagreement], limit: Int = 5) {
        guard !disagreements.isEmpty else { return }
        printError(L("note.prefix") + L("disagree.head", ["count": String(disagreements.count)]))
        for d in disagreements.prefix(limit) {
            let k = d.key
            printError("  " + L("disagree.line", [
                "entity": k.entity.name, "year": String(d.year), "table": L("table." + k.table.rawValue),
                "item": [k.code, d.chosen.item].compactMap { $0 }.joined(separator: " "), "measure": L("measure." + k.measure.rawValue),
                "chosen": d.chosen.amount.label(in: .wanyuan), "place": d.chosen.place.text,
                "other": d.other.amount.label(in: .wanyuan), "otherplace": d.other.place.text]))
        }
        if disagreements.count > limit { printError("  …") }
    }
}
