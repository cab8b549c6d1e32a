import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanStore

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: L("help.rm"),
        discussion: "Each DOC is a stored document's file name (as `yusuan docs` lists it). A name that matches no document is an error and nothing is removed.")

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("Stored document names.", valueName: "DOC")) var documents: [String]

    func run() throws {
        let fs = try Filters.openStore(store)
        let names = Set(try fs.documents().map(\.name))
        for d in documents where !names.contains(d) {
            throw UserError(L("rm.nomatch", ["value": d, "path": store.path, "candidates": EntityRegistry.closest(d, in: names).joined(separator: "、")]), code: 2)
        }
        let n = try fs.remove(documents: documents)
        print(L("rm.done", ["count": String(n), "path": store.path]))
    }
}
