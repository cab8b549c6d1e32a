import ArgumentParser

@main
struct Yusuan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yusuan",
        abstract: "Exact, aligned data, analysis and charts from Chinese government budget disclosures.",
        subcommands: allSubcommands
    )
}
