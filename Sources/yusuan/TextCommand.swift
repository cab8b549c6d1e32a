import ArgumentParser
import Foundation
import YusuanCore
import YusuanIngest

/// `yusuan text FILE`: the text the readers see — for a PDF, its tables rebuilt as tab-separated
/// rows page after page; line N here is the `line` of a fact from that file.
struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: L("help.text"),
        discussion: L("disc.text"))

    @Flag(name: .shortAndLong, help: ArgumentHelp(L("opt.text-numbered")))
    var numbered = false
    @Argument(help: ArgumentHelp(L("opt.text-file")))
    var file: String

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            printError(L("error.prefix") + L("text.unreadable", ["file": file, "reason": FileErrorText.reason(error, path: file)]))
            throw ExitCode(1)
        }
        let source: SourceText
        do { source = try SourceText.load(data: data, name: url.lastPathComponent) } catch {
            printError(L("error.prefix") + "\(error)")
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
