import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanIngest
import YusuanStore

/// `--db PATH`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(L("opt.db"), valueName: "PATH"))
    var db: String?

    /// The store path the user asked for, by flag, environment, or default.
    var path: String {
        if let db, !db.isEmpty { return db }
        if let env = ProcessEnvironment.value("YUSUAN_DB"), !env.isEmpty { return env }
        return "yusuan.sqlite"
    }
}

/// Writes to standard error, unbuffered.
func printError(_ s: String) {
    FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}

/// Whether standard error is a terminal (progress lines only then).
var stderrIsTerminal: Bool { isatty(2) == 1 }

/// An error about the data, the files or a filter, not the command line: printed as `error: …`
/// without the usage text; exit code `code` (2 when a filter or the store gives nothing to work on).
struct UserError: Error, CustomStringConvertible {
    let description: String
    let code: Int32
    init(_ message: String, code: Int32 = 1) { description = message; self.code = code }
}

/// A system error in words (a missing file, no permission), without Foundation's domain and codes.
func describe(_ error: Error) -> String {
    if let e = error as? CocoaError {
        let path = (e.userInfo[NSFilePathErrorKey] as? String) ?? e.filePath ?? ""
        let what: String
        switch e.code {
        case .fileReadNoSuchFile, .fileNoSuchFile: what = L("fileerr.missing-file")
        case .fileReadNoPermission, .fileWriteNoPermission: what = L("fileerr.permission")
        case .fileReadInapplicableStringEncoding: what = L("fileerr.text")
        case .fileWriteOutOfSpace: what = L("fileerr.nospace")
        default: what = FileErrorText.reason(e, path: path.isEmpty ? nil : path)
        }
        return path.isEmpty ? what : "\(path): \(what)"
    }
    let ns = error as NSError
    if error is POSIXError || ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? ""
        let reason = FileErrorText.reason(error, path: path.isEmpty ? nil : path)
        return path.isEmpty ? reason : "\(path): \(reason)"
    }
    return "\(error)"
}

/// The facts of `tables` (all when empty), aligned, with every document's own fiscal year: what
/// the analysis and chart commands compute from.
func loadAligned(_ store: StoreOptions, tables: [TableKind] = [], stages: [Stage] = [], config: String?) throws -> (input: AnalysisInput, facts: [Fact]) {
    let cfg = try AnalysisConfig.loadDefault(explicit: config)
    let fs = try FactStore(readingAt: store.path)
    let docYears = Dictionary(try fs.documentNames().map { ($0.name, $0.identity.year) }, uniquingKeysWith: max)
    let facts = try fs.facts(FactQuery(tables: tables, stages: stages))
    return (AnalysisInput(facts: facts, documentYears: docYears, config: cfg), facts)
}

/// `NSCocoaErrorDomain Code=516 …` as `PATH: a file of that name is in the way`; other errors unchanged.
func plainFileError(_ error: Error) -> Error {
    let e = error as NSError
    guard e.domain == NSCocoaErrorDomain || e.domain == NSPOSIXErrorDomain else { return error }
    let path = (e.userInfo[NSFilePathErrorKey] as? String) ?? (e.userInfo[NSURLErrorKey] as? URL)?.path
    return UserError((path.map { $0 + ": " } ?? "") + FileReading.reason(error, path: path))
}
