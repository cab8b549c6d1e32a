import ArgumentParser

@main
struct Yusuan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yusuan",
        abstract: "Exact, aligned data, analysis and charts from Chinese government budget disclosures.",
        subcommands: allSubcommands
    )

    /// As ArgumentParser's own `main`, except that a file-system error reaches people as one plain
    /// sentence naming the path (see `plainFileError`), never a Foundation error dump.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: plainFileError(error))
        }
    }
}
