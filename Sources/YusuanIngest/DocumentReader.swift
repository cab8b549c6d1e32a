import Foundation
import YusuanCore

/// Reads one disclosure from its bytes into facts and warnings, with no per-file special cases:
/// tables are recognised by title, header words and row shape.
public struct DocumentReader: Sendable {
    /// What the user says about regions the text cannot settle (`--region`, yusuan.yaml).
    public var regionHints: RegionHints
    /// Files above this size are refused before they are read (`--max-size`): no disclosure comes
    /// near it, and reading one holds up to about four times the file in memory.
    public static let defaultMaxBytes = 64 << 20
    static let narrativeLimit = 2 << 20
    public var maxBytes: Int
    public init(regionHints: RegionHints = RegionHints(), maxBytes: Int = DocumentReader.defaultMaxBytes) {
        self.regionHints = regionHints; self.maxBytes = maxBytes
    }

    public func read(fileAt url: URL) throws -> ParsedDocument {
        let name = SafeText.clean(url.lastPathComponent)
        let size = try FileReading.size(of: url, name: name)
        if size > maxBytes {
            throw IngestError.unreadable(file: name, reason: L("reason.toolarge", ["size": FileReading.megabytes(size), "limit": FileReading.megabytes(maxBytes)]))
        }
        // The bytes are let go once decoded: only the text is held while the document is read.
        let (source, byteCount) = try Self.load(url, name: name)
        var doc = try read(source: source, name: name, byteCount: byteCount)
        doc.sourcePath = url.standardizedFileURL.path
        return doc
    }

    static func load(_ url: URL, name: String) throws -> (SourceText, Int) {
        let data = try FileReading.contents(of: url, name: name)
        let count = data.count
        return (try SourceText.load(taking: consume data, name: name), count)
    }

    public func read(data: Data, name: String) throws -> ParsedDocument {
        try read(source: try SourceText.load(data: data, name: name), name: name, byteCount: data.count)
    }

    public func read(source: SourceText, name: String, byteCount: Int) throws -> ParsedDocument {
        // ESC, BEL, NUL and the like are never part of a name or a figure: removed, and said.
        let stripped = SafeText.strippingControls(source.text)
        let text = stripped.text
        if text.utf8.count >= Int(UInt32.max) {
            throw IngestError.unreadable(file: name, reason: L("reason.toolarge", ["size": FileReading.megabytes(text.utf8.count),
                                                                                  "limit": FileReading.megabytes(Int(UInt32.max))]))
        }
        var lines = DocumentLines(text)
        var segmented = Segmented(lines: lines, textBytes: text.utf8.count)
        // A 情况说明 runs to a few hundred lines. Past `narrativeLimit` the text is no narrative of a
        // disclosure; reading figures from all of it would cost time and memory out of all proportion.
        var narrativeBytes = 0
        let keep = segmented.narrative.firstIndex { narrativeBytes += $0.text.utf8.count; return narrativeBytes > Self.narrativeLimit }
        let narrativeCut = keep.map { segmented.narrative[$0].number }
        if let keep { segmented.narrative.removeSubrange(keep...) }
        // The text lines the store keeps, taken now: `lines` is let go once the identity is read,
        // before the tables' facts accumulate.
        let narrativeLines = Set(segmented.narrative.map(\.number))
        var textLines = TextLineList(text: text, pages: source.pages, capacity: lines.count)
        // By the lines' bytes: neither their cells nor a `Substring` of each is needed here.
        var lastLine = 0
        var bytes = text
        bytes.withUTF8 { u in
            for i in lines.indices {
                let (start, end) = lines.bounds(at: i, in: u)
                // Narrative after the tables is segmented into the last table: a line without cells is prose.
                if end - start > 20_000 {
                    // An absurdly long line, which `text(at:)` cuts: appended as cut.
                    let t = lines.text(at: i)
                    guard !SourceLine.isBlank(t) else { continue }
                    textLines.append(line: i + 1, text: t, narrative: narrativeLines.contains(i + 1) || !ByteSearch.has(9, in: t))
                } else {
                    guard !Clean.isBlank(u, start, end) else { continue }
                    let tab = memchr(u.baseAddress! + start, 9, end - start) != nil
                    textLines.append(line: i + 1, start: start, narrative: narrativeLines.contains(i + 1) || !tab)
                }
                lastLine = i + 1
            }
        }
        var identityWarnings: [IdentityWarning] = []
        var identity = try IdentityReader.read(narrative: segmented.narrative, blocks: segmented.blocks, document: name,
                                               hints: regionHints, warnings: &identityWarnings)

        // The document's unit: most tables say it; else the narrative's figures do.
        var unitVotes: [MoneyUnit: Int] = [:]
        for b in segmented.blocks { if let u = b.unit { unitVotes[u, default: 0] += 1 } }
        if unitVotes.isEmpty {
            let stream = NarrativeReader.stream(segmented.narrative)
            for t in NarrativeReader.tokens(stream.chars, stream.lineOf) {
                unitVotes[t.unit, default: 0] += 1
            }
        }
        let defaultUnit = unitVotes.max { $0.value < $1.value || ($0.value == $1.value && $0.key == .wanyuan) }?.key ?? .yuan

        let chains = Self.chains(segmented.blocks, defaultUnit: defaultUnit)
        // A pre-pass over all 科目 tables: the code of every printed name, to repair lost codes.
        var codesByName: [String: Set<String>] = [:]
        for chain in chains where chain.kind.usesCodes {
            for b in chain.blocks {
                for line in b.lines {
                    let f = line.filled
                    guard f.count >= 2, let code = CodeTableReader.isCode(f[0].text) else { continue }
                    let name = Clean.labelKey(f[1].text)
                    if !name.isEmpty, Numbers.cell(f[1].text, unit: .yuan).money == nil { codesByName[name, default: []].insert(code) }
                }
            }
        }

        // 三公 first: the narrative fills in only what its table does not print.
        var sangongPrinted = Set<SangongPart>()
        var sangongCode: String?
        let probe = ReadingContext(document: name, identity: identity, defaultUnit: defaultUnit)
        for chain in chains where chain.kind == .sangong {
            let r = SangongReader(ctx: probe).read(chain.blocks, unit: chain.unit)
            sangongPrinted.formUnion(r.printed)
            sangongCode = sangongCode ?? r.entityCode
        }
        identity.entityCode = IdentityReader.entityCode(lines: lines, blocks: segmented.blocks, entity: identity.entity, sangongCode: sangongCode)
        lines = DocumentLines("")

        let ctx = ReadingContext(document: name, identity: identity, defaultUnit: defaultUnit)
        ctx.codesByName = codesByName
        ctx.pages = source.pages
        ctx.realigned = source.realigned
        for w in identityWarnings { ctx.warn(w.line, w.rule, key: w.key, w.args) }
        if !source.imageOnlyPages.isEmpty {
            ctx.warn(1, .scannedPages, key: "warn.scanned", ["pages": PageList.describe(source.imageOnlyPages)])
        }
        if let narrativeCut {
            ctx.warn(narrativeCut, .narrativeTooLong, key: "warn.narrative-too-long", ["mb": String(Self.narrativeLimit >> 20)])
        }
        if stripped.removed > 0 {
            ctx.warn(stripped.firstLine ?? 1, .controlCharacters, key: "warn.control-characters", ["count": String(stripped.removed)])
        }
        if source.lossy {
            ctx.warn(1, .invalidEncoding, "the file is neither valid UTF-8 nor GB18030; invalid bytes were replaced and the affected text may be unreadable")
        }
        let isBooklet = chains.contains { $0.kind == .specialFundCatalogue }
        var tables: [TableSummary] = []
        for chain in chains {
            let before = ctx.facts.count
            switch chain.kind {
            case .directory: continue
            case .unread:
                for line in chain.blocks.flatMap(\.lines) where line.cells.contains(where: { Numbers.cell($0, unit: chain.unit).money != nil }) {
                    ctx.warn(line.number, .unreadTable, key: "warn.unread-table", ["title": chain.title])
                }
            case .summary: SummaryReader(ctx: ctx).read(chain.blocks, unit: chain.unit)
            case .sangong: SangongReader(ctx: ctx).read(chain.blocks, unit: chain.unit)
            case .procurement: ProcurementReader(ctx: ctx).read(chain.blocks, unit: chain.unit)
            case .projectDetail: ProjectDetailReader(ctx: ctx).read(chain.blocks, unit: chain.unit)
            case .projectEconomic where Self.listsProjects(chain):
                // "项目支出预算表" with a 项目名称 column lists projects, not economic 科目.
                ProjectDetailReader(ctx: ctx).read(chain.blocks, unit: chain.unit)
            case .projectPerformance, .overallPerformance:
                PerformanceReader(ctx: ctx, entityFromDepartment: isBooklet).read(chain.blocks, unit: chain.unit)
                // Its figures are not counted as printed amounts (weights, targets and scores are
                // numbers too): a table that gave no budget is counted here instead.
                let titled = chain.blocks.filter { !$0.title.isEmpty }.count
                let read = ctx.facts.count - before
                if chain.kind == .projectPerformance, titled >= 2, read < titled {
                    ctx.warn(chain.line, .projectWithoutBudget, key: "warn.performance-unread", ["tables": String(titled), "read": String(read)])
                }
            case .specialFundCatalogue: SpecialFundReader(ctx: ctx).read(chain.blocks, unit: chain.unit)
            case .basic where SideBySideBasicReader.applies(chain.blocks):
                SideBySideBasicReader(ctx: ctx).read(chain.blocks, unit: chain.unit)
            case .untitledFunctional where source.realigned:
                // Space-aligned text keeps no trace of blank columns: a table with neither title nor
                // header cannot have its columns named by their count, as a tabbed one can.
                for line in chain.blocks.flatMap(\.lines) where line.cells.contains(where: { Numbers.cell($0, unit: chain.unit).money != nil }) {
                    ctx.warn(line.number, .unreadTable, key: "warn.aligned-untitled")
                }
            case .untitledFunctional:
                let width = chain.blocks.first?.lines.first?.cells.count ?? 0
                let kind: TitleKind = width >= 8 ? .income : .expenditure
                CodeTableReader(kind: kind, ctx: ctx).read(chain.blocks, unit: chain.unit)
            default:
                CodeTableReader(kind: chain.kind, ctx: ctx).read(chain.blocks, unit: chain.unit)
            }
            // Rows of space-aligned text whose figures could stand in other columns give no facts.
            for line in ctx.retract(lines: source.unsure, from: before) {
                ctx.warn(line, .unreadAmounts, key: "warn.aligned-unsure")
            }
            let produced = ctx.facts[before...]
            let kind = produced.first?.table ?? chain.kind.primaryTable
            if chain.kind == .overallPerformance && produced.isEmpty { continue }
            let note = produced.isEmpty ? chain.blocks.lazy.compactMap(\.emptyNote).first : nil
            tables.append(TableSummary(kind: kind, title: chain.title, line: chain.line, unit: chain.unit, facts: produced.count, note: note))
        }
        // A 决算 states 年初预算 and 决算 side by side: those figures carry their own stage.
        var execution: [ExecutionNarrative.Figure] = []
        var chars: [Character] = []
        if identity.stage == .final {
            let stream = NarrativeReader.stream(segmented.narrative)
            chars = stream.chars
            execution = ExecutionNarrative.scan(stream.chars, NarrativeReader.tokens(stream.chars, stream.lineOf), ctx: ctx)
        }
        NarrativeReader(ctx: ctx).read(segmented.narrative, sangongPrinted: sangongPrinted,
                                       claimed: Set(execution.filter { $0.stage == .budget }.map(\.token.start)))
        ExecutionNarrative(ctx: ctx).emit(execution, chars: chars)
        Completeness.check(ctx, lastLine: lastLine, segmented: segmented, chains: chains)
        // Computed once, for the coverage count and the export order: no fact is added after this.
        let order = Self.order(ctx.facts)
        let coverage = CoverageCount.count(chains, narrative: segmented.narrative, ctx: ctx, order: order)
        try Self.checkTruncation(name: name, lastLine: lastLine, segmented: segmented, chains: chains, facts: ctx.facts)
        // A form whose tables are all there and all blank (a template, a draft not yet filled in) is
        // a disclosure with its tables present and empty, for the audit to judge; a text with no
        // table and no figure is not one.
        let forms = tables.filter { $0.kind != .narrative }.count
        if ctx.facts.isEmpty, forms >= Self.blankFormTables {
            ctx.warn(tables[0].line, .blankForm, key: "warn.blank-form", ["count": String(forms)])
        } else if ctx.facts.isEmpty {
            throw IngestError.notADisclosure(file: name, reason: L("reason.nofigures"))
        }
        var facts = ctx.takeFacts()
        facts.permute(order)
        var doc = ParsedDocument(name: name, contentHash: TextDecoding.contentHash(text), byteCount: byteCount,
                              identity: identity, unit: defaultUnit, tables: tables, factList: facts,
                              warnings: ctx.warnings, pageCount: source.pageCount, coverage: coverage)
        doc.realigned = source.realigned
        doc.textLines = textLines
        return doc
    }

    /// A file cut short is refused whole rather than stored half: the last table ends right after
    /// its header, or its 类 rows fall short of its printed 合计, or a text with no table stops
    /// mid-sentence.
    /// Tables a blank form must print to be taken as one (the national 决算 form has nine).
    static let blankFormTables = 3

    static func checkTruncation(name: String, lastLine: Int, segmented: Segmented, chains: [Chain], facts: FactList) throws {
        guard let last = chains.last(where: { $0.kind != .directory }) else {
            if let l = segmented.narrative.last(where: { !$0.isBlank }) {
                let t = Clean.label(l.text)
                if !(t.hasSuffix("。") || t.hasSuffix(".") || t.count < 30) {
                    throw IngestError.truncated(file: name, line: l.number, reason: L("reason.midsentence"))
                }
            }
            return
        }
        // The last table's facts, found through `brief` (no `Fact` built for the others) and built
        // lazily: a long last table would otherwise be copied (and copied again per filter below).
        let lastFacts = facts.indices.lazy.filter { i in
            let b = facts.brief(i)
            return b.line >= last.line && !b.derived && b.table != .narrative
        }.map { facts[$0] }
        let hasNote = last.blocks.contains { $0.hasNote }
        // Rows with amounts that were not read are warnings, not a cut: only a table with no
        // amount at all after its header counts as truncated.
        let hasAmounts = last.blocks.contains { b in b.lines.contains { l in l.cells.contains { Numbers.cell($0, unit: .yuan).money != nil } } }
        if lastFacts.isEmpty, !hasNote, !hasAmounts, last.kind.usesCodes || last.kind == .summary || last.kind == .sangong,
           lastLine - last.line <= 8 {
            throw IngestError.truncated(file: name, line: lastLine, reason: L("reason.headeronly", ["title": last.title]))
        }
        if last.kind == .summary, !lastFacts.isEmpty,
           !lastFacts.contains(where: { $0.item.contains("合计") || $0.item.contains("总计") }) {
            throw IngestError.truncated(file: name, line: lastLine, reason: L("reason.nototal", ["title": last.title]))
        }
        if last.kind.usesCodes {
            let current = lastFacts.filter { $0.measure == .total && $0.year == (facts.first?.year ?? 0) }
            for table in Set(current.map(\.table)) {
                let rows = current.filter { $0.table == table }
                guard let total = rows.first(where: { $0.code == nil && $0.item == "合计" }) else { continue }
                let classes = rows.filter { $0.code?.count == 3 }
                let sum = classes.reduce(Money.zero) { $0 + $1.amount }
                let unitFen = total.sourceUnit == .yuan ? Int64(1) : Int64(100)
                if !classes.isEmpty, total.amount.fen - sum.fen > unitFen * Int64(classes.count + 1) {
                    throw IngestError.truncated(file: name, line: lastLine,
                        reason: L("reason.shortsum", ["title": last.title, "total": total.amount.formatted(in: total.sourceUnit), "sum": sum.formatted(in: total.sourceUnit)]))
                }
            }
        }
    }

    /// Export order: by line, then column, emission order breaking ties. `order[k]`: the fact that
    /// goes to position k (`FactList.permute` moves them there in place).
    static func order(_ facts: FactList) -> [Int32] {
        (0..<Int32(clamping: facts.count)).sorted {
            let a = facts.position(Int($0)), b = facts.position(Int($1))
            return (a.line, a.column, $0) < (b.line, b.column, $1)
        }
    }

    static func listsProjects(_ chain: Chain) -> Bool {
        chain.blocks.contains { b in b.lines.prefix(6).contains { l in l.cells.contains { HeaderWords.holds(.project, .nameColumn, Clean.key(String($0))) } } }
    }

    /// One logical table: consecutive blocks of the same kind and title (its pages).
    struct Chain {
        var kind: TitleKind
        var title: String
        var line: Int
        var unit: MoneyUnit
        var blocks: [Block]
    }

    static func chains(_ blocks: [Block], defaultUnit: MoneyUnit) -> [Chain] {
        var out: [Chain] = []
        for b in blocks {
            let key = Clean.key(b.title) + (b.subtitle ?? "")
            if let last = out.last, last.kind == b.kind,
               Clean.key(last.title) + (last.blocks.first?.subtitle ?? "") == key || b.title.isEmpty {
                out[out.count - 1].blocks.append(b)
                if out[out.count - 1].blocks.allSatisfy({ $0.unit == nil }) == false,
                   let u = out[out.count - 1].blocks.compactMap(\.unit).first { out[out.count - 1].unit = u }
                continue
            }
            out.append(Chain(kind: b.kind, title: b.title, line: b.titleLine, unit: b.unit ?? defaultUnit, blocks: [b]))
        }
        return out
    }
}

extension TitleKind {
    var usesCodes: Bool {
        switch self {
        case .income, .expenditure, .generalBudget, .fundBudget, .stateCapital, .basic, .projectEconomic, .untitledFunctional: true
        default: false
        }
    }
    var primaryTable: TableKind {
        switch self {
        case .summary: .summary
        case .income: .incomeByFunction
        case .expenditure, .untitledFunctional: .expenditureByFunction
        case .generalBudget: .generalBudgetByFunction
        case .fundBudget: .fundBudgetByFunction
        case .stateCapital: .stateCapitalByFunction
        case .basic: .basicByEconomic
        case .projectEconomic: .projectByEconomic
        case .sangong: .sangong
        case .procurement: .procurement
        case .projectDetail, .projectPerformance, .overallPerformance: .project
        case .specialFundCatalogue: .specialFund
        case .directory, .unread: .narrative
        }
    }
}
