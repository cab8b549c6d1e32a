import Foundation
import YusuanCore

/// The brief's folder: written afresh each time, and a Word file through pandoc.
enum BriefFiles {
    /// What `Brief` writes; removed before a new brief so no stale chart or format is left behind
    /// (the store and other files in the folder are kept).
    static func isBriefFile(_ name: String) -> Bool {
        if name.hasPrefix("brief.") { return ["md", "html", "docx"].contains((name as NSString).pathExtension) }
        guard name.hasSuffix(".png") else { return false }
        return ["sangong.png", "reading.png", "special-funds.png"].contains(name)
            || (name.hasPrefix("entity-") && (name.hasSuffix("-structure.png") || name.hasSuffix("-change.png")))
    }

    static func clear(_ dir: URL) throws {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where isBriefFile(name) {
            // Only files the brief wrote: a folder of that name is the user's, and writing there fails plainly.
            var isDir: ObjCBool = false
            let path = dir.appendingPathComponent(name).path
            guard fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
            try fm.removeItem(atPath: path)
        }
    }

    /// `brief.docx` from the Markdown: real Word tables, the charts embedded as pictures.
    static func docx(markdown: String, in dir: URL) throws -> URL {
        let md = dir.appendingPathComponent("brief.docx.md")
        try Data(markdown.utf8).write(to: md)
        defer { try? FileManager.default.removeItem(at: md) }
        let out = dir.appendingPathComponent("brief.docx")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Without implicit figures a chart's alt text stays its description, not a second caption
        // above the brief's own “图N …” line; the language lets Word pick East Asian fonts and proofing.
        p.arguments = ["pandoc", "--from", "markdown+pipe_tables-implicit_figures", "--to", "docx", "--resource-path", dir.path,
                       "--metadata", "lang=" + (Messages.language == .en ? "en-US" : "zh-CN"), "-o", out.path, md.path]
        p.currentDirectoryURL = dir
        let err = Pipe()
        p.standardError = err
        do { try p.run() } catch { throw BriefError.pandoc("cannot run pandoc: \(error.localizedDescription)") }
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw BriefError.pandoc(p.terminationStatus == 127
                ? "pandoc is not installed (on Debian: apt-get install pandoc)"
                : "pandoc failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return out
    }
}

public enum BriefError: Error, CustomStringConvertible {
    case pandoc(String)
    public var description: String {
        switch self { case .pandoc(let s): s }
    }
}
