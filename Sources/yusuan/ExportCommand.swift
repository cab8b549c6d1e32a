import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanIngest
import YusuanStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: L("help.export"),
        discussion: L("disc.export"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @Option(name: .customLong("format"), help: ArgumentHelp(L("opt.54"))) var formatArg: ExportFormatArg?
    @Option(help: ArgumentHelp(L("opt.27"))) var table: [TableArg] = []
    @Option(name: .shortAndLong, help: ArgumentHelp(L("opt.53"), valueName: "FILE"))
    var output: String?

    /// `--format`, else the `-o` file's extension, else jsonl; a file named for a table format is an error.
    func format() throws -> ExportFormatArg {
        if let formatArg { return formatArg }
        switch FormatArg.forPath(output) {
        case .csv: return .csv
        case .json: return .json
        case .jsonl, .none: return .jsonl
        case .table: throw ValidationError(L("export.format"))
        }
    }

    /// Writes each fact as it is read from the store: memory stays flat at any number of facts.
    func run() throws {
        let format = try format()
        let out = StreamedOutput(path: output)
        var first = true
        try filters.forEachFact(store, tables: table.map(\.kind)) { f in
            switch format {
            case .jsonl: try out.write(FactExport.jsonLine(f) + "\n")
            case .json: try out.write((first ? "[\n" : ",\n") + FactExport.jsonLine(f))
            case .csv: try out.write((first ? FactExport.csvHeader() : "") + FactExport.csvLine(f))
            }
            first = false
        }
        if format == .json { try out.write("\n]\n") }
        try out.finish()
    }
}

/// Text written to a file (`-o`) or standard output in chunks of 64 KB. The file is created at the
/// first chunk, so a selection that fails (no facts) leaves no file behind, as before streaming.
final class StreamedOutput {
    private let path: String?
    private var buffer = ""
    private var handle: FileHandle?

    init(path: String?) {
        self.path = path
        buffer.reserveCapacity(1 << 16 + 1024)
    }

    func write(_ text: String) throws {
        buffer += text
        if buffer.utf8.count >= 1 << 16 { try flush() }
    }

    func finish() throws {
        try flush()
        try handle?.close()
        handle = nil
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        let data = Data(buffer.utf8)
        buffer.removeAll(keepingCapacity: true)
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            if handle == nil {
                let url = URL(fileURLWithPath: path)
                try Data().write(to: url)
                handle = try FileHandle(forWritingTo: url)
            }
            try handle?.write(contentsOf: data)
        } catch {
            throw UserError(L("write.failed", ["reason": path + ": " + FileErrorText.reason(error, path: path)]))
        }
    }
}
