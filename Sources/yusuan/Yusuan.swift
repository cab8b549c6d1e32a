import ArgumentParser
import Foundation
import YusuanCharts
import YusuanCore

@main
struct Yusuan: ParsableCommand {
    static let version = "0.3.0"
    static let configuration = CommandConfiguration(
        commandName: "yusuan",
        abstract: L("help.yusuan"),
        discussion: L("help.lang"),
        version: version,
        subcommands: allSubcommands
    )

    /// `--lang zh|en` on any command (else $YUSUAN_LANG, else Chinese), taken out before parsing.
    static func language(_ args: inout [String]) {
        var i = 0
        while i < args.count {
            var value: String?
            if args[i] == "--lang", i + 1 < args.count { value = args[i + 1]; args.removeSubrange(i...(i + 1)) }
            else if args[i].hasPrefix("--lang=") { value = String(args[i].dropFirst(7)); args.remove(at: i) }
            else { i += 1; continue }
            if let v = value, let l = Messages.Language(rawValue: v) { Messages.language = l }
            else { printError(L("error.prefix") + L("lang.invalid")); Foundation.exit(64) }
        }
    }

    /// As ArgumentParser's own `main`, except that its errors and help speak the catalogue's language
    /// (`exitLocalized`), errors about data and files print as one line without usage, and a file-system error reaches people as one plain sentence naming the path
    /// (see `plainFileError`), never a Foundation error dump.
    static func main() {
        var args = Array(CommandLine.arguments.dropFirst())
        language(&args)
        // A command that reads the store labels regions through the region catalogue and resolves
        // names through its text index: both are read on the other core while the command line is
        // parsed and the store opened (2–3 ms of a chart's 55). `ingest` prepares them itself.
        // A command that draws then loads Cairo and Pango there too (~35 shared libraries, 4–5 ms):
        // one queue, so that the main thread keeps its core.
        if let first = args.first, !first.hasPrefix("-"), !["help", "ingest", "text"].contains(first) {
            let queue = DispatchQueue(label: "yusuan.prepare", qos: .userInitiated)
            queue.async { RegionCatalogue.prepareForReading() }
            if ["chart", "brief"].contains(first) { Graphics.loadInBackground(on: queue) }
        }
        do {
            var command = try parseAsRoot(args)
            try command.run()
        } catch let e as UserError {
            printError(L("error.prefix") + e.description)
            Foundation.exit(e.code)
        } catch {
            if let e = plainFileError(error) as? UserError {
                printError(L("error.prefix") + e.description)
                Foundation.exit(e.code)
            }
            exitLocalized(error)
        }
    }
}
