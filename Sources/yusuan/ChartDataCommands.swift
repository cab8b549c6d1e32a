import ArgumentParser

let chartDataSubcommands: [ParsableCommand.Type] = []
