import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanStore

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: L("help.rm"),
        discussion: L("disc.rm"))

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp(L("opt.35"), valueName: "DOC")) var documents: [String]

    func run() throws {
        let fs = try Filters.openStore(store, writing: true)
        let names = Set(try fs.documentNames().map(\.name))
        for d in documents where !names.contains(d) {
            throw UserError(L("rm.nomatch", ["value": d, "path": store.path, "candidates": EntityRegistry.closest(d, in: names).joined(separator: "、")]), code: 2)
        }
        let n = try fs.remove(documents: documents)
        print(L("rm.done", ["count": String(n), "path": store.path]))
    }
}
