import ArgumentParser
import Foundation

@main
struct Yusuan: ParsableCommand {
    static let version = "0.3.0"
    static let configuration = CommandConfiguration(
        commandName: "yusuan",
        abstract: "Exact, aligned data, analysis and charts from Chinese government budget disclosures.",
        version: version,
        subcommands: allSubcommands
    )

    /// Errors about data and files print as one line without usage; system errors in words.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let e as UserError {
            printError("error: \(e.description)")
            Foundation.exit(e.code)
        } catch let e as CocoaError {
            printError("error: \(describe(e))")
            Foundation.exit(1)
        } catch {
            let ns = error as NSError
            if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
                printError("error: \(describe(error))")
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}
