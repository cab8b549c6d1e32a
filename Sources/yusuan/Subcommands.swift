import ArgumentParser

/// Every subcommand of `yusuan`, in the order `--help` lists them.
let allSubcommands: [ParsableCommand.Type] = [
    IngestCommand.self,
    TextCommand.self,
    ExportCommand.self,
    DocsCommand.self,
    RemoveCommand.self,
    CheckCommand.self,
    BriefCommand.self,
    ChartCommand.self,
    SangongCommand.self,
    CompareCommand.self,
    SharesCommand.self,
    TrendCommand.self,
    ExecutionCommand.self,
    SubjectsCommand.self,
    EntitiesCommand.self,
]
