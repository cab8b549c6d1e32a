import ArgumentParser
import Foundation
import YusuanIngest

/// `yusuan text FILE`: the text the readers see — for a PDF, its tables rebuilt as tab-separated
/// rows page after page; line N here is the `line` of a fact from that file.
struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Print a disclosure's text as yusuan reads it (a PDF's tables rebuilt as tab-separated rows).",
        discussion: """
            Line N of the output is line N in the facts (`line`) and in check findings. With --numbered
            each line starts with its page (for a PDF) and line number.
            """)

    @Flag(name: .shortAndLong, help: "Prefix each line with page:line (PDF) or line.")
    var numbered = false
    @Argument(help: "A PDF or text disclosure.")
    var file: String

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            printError("error: \(file): cannot read the file (\((error as NSError).localizedFailureReason ?? "no such file or no permission"))")
            throw ExitCode(1)
        }
        let source: SourceText
        do { source = try SourceText.load(data: data, name: url.lastPathComponent) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        var out = ""
        for (i, line) in source.lines.enumerated() {
            if numbered {
                let page = source.pages?.page(ofLine: i + 1).map { "p\($0):" } ?? ""
                out += "\(page)\(i + 1)\t"
            }
            out += line + "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
