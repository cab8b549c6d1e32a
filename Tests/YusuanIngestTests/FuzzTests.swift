import Foundation
import XCTest
import YusuanTestSupport
import YusuanCore
import YusuanIngest

/// A seeded mutation fuzz loop over the samples: damaged input must never trap or hang the reader.
/// Each mutant is either read into facts that point into the file and whose amounts round-trip,
/// or refused with an `IngestError` that names the file.
///
/// Deterministic: the same seed gives the same mutants. `YUSUAN_FUZZ_ITERATIONS` and
/// `YUSUAN_FUZZ_SEED` run it longer or differently (e.g. `YUSUAN_FUZZ_ITERATIONS=2000`); a failure
/// message names the seed and iteration, so a mutant can be replayed.
final class FuzzTests: XCTestCase {
    private static let samplesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples")

    private static let sampleNames = [
        "cqjkq-2025-guanweihui.txt", "tongnan-2024-jingxinwei.txt",
        "wansheng-2025-special-funds.txt", "yubei-2024-linkong.txt",
    ]

    func testMutatedSamplesNeverCrash() throws {
        let env = ProcessInfo.processInfo.environment
        let iterations = env["YUSUAN_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 40
        let seed = env["YUSUAN_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x5EED_2025
        let samples = try Self.sampleNames.map { try Data(contentsOf: Self.samplesFolder.appendingPathComponent($0)) }
        var rng = SplitMix64(seed: seed)
        var read = 0, refused = 0
        var seenMutations = Set<String>()
        for i in 0..<iterations {
            let base = samples[Int(rng.next() % UInt64(samples.count))]
            // Most mutants are a slice of a sample (fast in a debug build), some the whole document.
            let source = rng.next() % 8 == 0 ? base : Mutator.slice(base, &rng)
            let (data, applied) = Mutator.mutate(source, &rng)
            seenMutations.formUnion(applied)
            let name = "fuzz-\(seed)-\(i).txt"
            let context = "seed \(seed) iteration \(i) (\(applied.joined(separator: ", ")))"
            switch Self.check(data, name: name) {
            case .read: read += 1
            case .refused: refused += 1
            case .failed(let message): XCTFail("\(context): \(message)")
            }
        }
        // The loop exercised both outcomes and every mutation (with the default count).
        XCTAssertEqual(read + refused, iterations)
        if iterations >= 40 {
            XCTAssertGreaterThan(read, 0)
            XCTAssertGreaterThan(refused, 0)
            XCTAssertEqual(seenMutations, Set(Mutator.Kind.allCases.map(\.rawValue)))
        }
    }

    /// Each kind of damage on its own, each on two samples (the head of the document: its
    /// heading, narrative and first tables), so that every mutation is seen at least twice.
    func testEachMutationAlone() throws {
        var rng = SplitMix64(seed: 7)
        let samples = try Self.sampleNames.map { try Data(contentsOf: Self.samplesFolder.appendingPathComponent($0)) }
        for (k, kind) in Mutator.Kind.allCases.enumerated() {
            for n in [k % samples.count, (k + 1) % samples.count] {
                let head = Mutator.head(samples[n], lines: 160)
                let mutant = Mutator.apply(kind, to: head, &rng)
                let name = "each-\(n)-\(kind.rawValue).txt"
                if case .failed(let message) = Self.check(mutant, name: name) {
                    XCTFail("\(Self.sampleNames[n]) with \(kind.rawValue): \(message)")
                }
            }
        }
    }

    /// Input a reader must refuse, by name, rather than read.
    func testRefusalsNameTheFile() {
        let cases: [(String, Data)] = [
            ("empty.txt", Data()),
            ("blank.txt", Data("  \r\n\n\t ".utf8)),
            ("doc.pdf", Data("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8)),
            ("nul.txt", Data([0x31, 0x00, 0x32, 0x00])),
            ("noise.txt", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) })),
            ("numbers.txt", Data(String(repeating: "9", count: 40).utf8)),
        ]
        for (name, data) in cases {
            switch Self.check(data, name: name) {
            case .refused: break
            case .read: XCTFail("\(name): expected a refusal, got a document")
            case .failed(let m): XCTFail("\(name): \(m)")
            }
        }
    }

    enum Outcome { case read, refused, failed(String) }

    /// Reads `data` and checks the contract; never traps itself.
    static func check(_ data: Data, name: String) -> Outcome {
        let doc: ParsedDocument
        do {
            doc = try DocumentReader().read(data: data, name: name)
        } catch let e as IngestError {
            guard e.description.contains(name) else { return .failed("error does not name the file: \(e.description)") }
            guard e.file == name else { return .failed("error names \(e.file), not \(name)") }
            return .refused
        } catch {
            return .failed("threw \(type(of: error)), not an IngestError: \(error)")
        }
        let lines = lineCount(data)
        guard doc.name == name else { return .failed("document named \(doc.name)") }
        guard !doc.facts.isEmpty else { return .failed("a document without facts was returned") }
        for f in doc.facts {
            guard f.document == name else { return .failed("fact of \(f.document)") }
            guard f.line >= 1 && f.line <= lines else {
                return .failed("fact on line \(f.line) of a file of \(lines) lines: \(f.item) \(f.amount)")
            }
            // Export and re-read: the amount survives as the exact yuan string.
            guard case .success(let back) = Money.parse(plain: Substring(f.amount.yuanString), unit: .yuan),
                  back == f.amount else {
                return .failed("amount \(f.amount.fen) fen does not round-trip through \(f.amount.yuanString)")
            }
            guard !f.region.isEmpty, !f.entity.isEmpty else { return .failed("fact without region or entity") }
        }
        for w in doc.warnings where w.line < 0 || w.line > lines {
            return .failed("warning on line \(w.line) of a file of \(lines) lines: \(w.message)")
        }
        return .read
    }

    /// Lines as the reader counts them: LF, CRLF and lone CR each end a line. These bytes are
    /// never part of a multi-byte character in UTF-8 or GB18030, so no decoding is needed.
    static func lineCount(_ data: Data) -> Int {
        var n = 1
        var previousCR = false
        for b in data {
            if b == 0x0A { if !previousCR { n += 1 } } else if b == 0x0D { n += 1 }
            previousCR = b == 0x0D
        }
        return n
    }
}


enum Mutator {
    enum Kind: String, CaseIterable {
        case truncate, flipBytes, shuffleLines, dropLines, invalidUTF8, hugeLine, bigNumber, crlf, splitCells, duplicateBlock
    }

    /// A run of whole lines from the sample, starting at its heading half the time (so the
    /// identity is readable and the table readers get to work).
    static func slice(_ data: Data, _ rng: inout SplitMix64) -> Data {
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        let start = rng.below(2) == 0 ? 0 : rng.below(lines.count)
        let end = min(lines.count, start + 20 + rng.below(240))
        return Data(lines[start..<end].joined(separator: [0x0A]))
    }

    /// The first `lines` lines.
    static func head(_ data: Data, lines: Int) -> Data {
        Data(data.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(lines).joined(separator: [0x0A]))
    }

    /// One to three mutations, chosen by the generator; returns the mutant and what was done.
    static func mutate(_ data: Data, _ rng: inout SplitMix64) -> (Data, [String]) {
        var kinds = (0..<(1 + rng.below(3))).map { _ in Kind.allCases[rng.below(Kind.allCases.count)] }
        // The 1 MB line last, so that the other mutations do not walk over it byte by byte.
        kinds.sort { $0 != .hugeLine && $1 == .hugeLine }
        var d = data
        for kind in kinds { d = apply(kind, to: d, &rng) }
        return (d, kinds.map(\.rawValue))
    }

    static func apply(_ kind: Kind, to data: Data, _ rng: inout SplitMix64) -> Data {
        var bytes = [UInt8](data)
        switch kind {
        case .truncate:
            guard !bytes.isEmpty else { return data }
            // Anywhere, including inside a multi-byte character.
            return Data(bytes.prefix(rng.below(bytes.count)))
        case .flipBytes:
            guard !bytes.isEmpty else { return data }
            for _ in 0..<(1 + rng.below(64)) {
                let i = rng.below(bytes.count)
                bytes[i] ^= UInt8(1 << rng.below(8))
            }
            return Data(bytes)
        case .invalidUTF8:
            let junk: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]]
            for _ in 0..<(1 + rng.below(8)) {
                bytes.insert(contentsOf: junk[rng.below(junk.count)], at: rng.below(bytes.count + 1))
            }
            return Data(bytes)
        case .crlf:
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 16)
            let lone = rng.below(2) == 0
            for b in bytes {
                if b == 0x0A { if lone { out.append(0x0D) } else { out.append(0x0D); out.append(0x0A) } } else { out.append(b) }
            }
            return Data(out)
        default:
            break
        }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { [UInt8]($0) }
        switch kind {
        case .shuffleLines:
            let i = rng.below(lines.count)
            let j = min(lines.count, i + 2 + rng.below(200))
            lines[i..<j].shuffle(using: &rng)
        case .dropLines:
            let rate = 1 + rng.below(30)
            lines = lines.filter { _ in rng.below(100) >= rate }
        case .hugeLine:
            let fillers: [[UInt8]] = [Array("9".utf8), [0x09], Array("合计".utf8), Array("1,234.56\t".utf8), [0x20], Array("（".utf8)]
            let f = fillers[rng.below(fillers.count)]
            var line: [UInt8] = []
            line.reserveCapacity(1 << 20)
            while line.count < 1 << 20 { line += f }
            lines.insert(line, at: rng.below(lines.count + 1))
        case .bigNumber:
            var big = "9"
            for _ in 0..<39 { big.append(Character(String(rng.below(10)))) }
            // In a table cell, in a sentence, and as a code.
            if let row = lines.indices.filter({ lines[$0].contains(0x09) }).randomElement(using: &rng) {
                var cells = lines[row].split(separator: 0x09, omittingEmptySubsequences: false).map { [UInt8]($0) }
                cells[rng.below(cells.count)] = Array((big + (rng.below(2) == 0 ? ".00" : "")).utf8)
                lines[row] = Array(cells.joined(separator: [0x09]))
            }
            let sentences = ["支出预算合计\(big)万元，比2024年减少\(big)万元。", "\(big)\t\(big)\t\(big).5\t-\(big)", "“三公”经费预算数为\(big)元。"]
            lines.insert(Array(sentences[rng.below(sentences.count)].utf8), at: rng.below(lines.count + 1))
        case .splitCells:
            // Tabs turned to spaces or doubled, as a different exporter would write them.
            for i in lines.indices where rng.below(4) == 0 {
                lines[i] = lines[i].flatMap { $0 == 0x09 ? (rng.below(2) == 0 ? [0x20, 0x20] : [0x09, 0x09]) : [$0] }
            }
        case .duplicateBlock:
            let i = rng.below(lines.count)
            let j = min(lines.count, i + 1 + rng.below(80))
            lines.insert(contentsOf: Array(lines[i..<j]), at: rng.below(lines.count + 1))
        default:
            break
        }
        return Data(lines.joined(separator: [0x0A]))
    }
}
