// libFuzzer target for the ingest reader, text and PDF bytes alike (a PDF is read through poppler,
// which is not instrumented: its crashes are findings, its memory errors go unseen). Built by
// Fuzz/run, see Fuzz/README.md.
//
// Contract checked for every input: `DocumentReader.read` either returns a document whose facts
// are on lines of the file and whose amounts round-trip through their export form, or throws an
// `IngestError` that names the file. A trap, a sanitizer report or a timeout is a finding.
import Foundation
import YusuanCore
import YusuanIngest

private let name = "fuzz-input.txt"

/// Lines as the reader counts them: LF, CRLF and lone CR each end one.
private func lineCount(_ bytes: UnsafeRawBufferPointer) -> Int {
    var n = 1
    var previousCR = false
    for b in bytes {
        if b == 0x0A { if !previousCR { n += 1 } } else if b == 0x0D { n += 1 }
        previousCR = b == 0x0D
    }
    return n
}

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : count)
    let data = Data(bytes)
    let doc: ParsedDocument
    do {
        doc = try DocumentReader().read(data: data, name: name)
    } catch let e as IngestError {
        precondition(e.description.contains(name), "IngestError does not name the file: \(e.description)")
        return 0
    } catch {
        preconditionFailure("threw \(type(of: error)), not an IngestError: \(error)")
    }
    // A PDF's lines are those of the text rebuilt from it, not of its bytes.
    // (`PDFText.isPDF`'s test: "%PDF-" in the first 1024 bytes.)
    let lines = data.prefix(1024).range(of: Data("%PDF-".utf8)) != nil ? Int.max : lineCount(bytes)
    precondition(!doc.facts.isEmpty, "a document without facts was returned")
    for f in doc.facts {
        precondition(f.line >= 1 && f.line <= lines, "fact on line \(f.line) of \(lines)")
        guard case .success(let back) = Money.parse(plain: Substring(f.amount.yuanString), unit: .yuan),
              back == f.amount else {
            preconditionFailure("amount \(f.amount.fen) fen does not round-trip through \(f.amount.yuanString)")
        }
    }
    return 0
}
