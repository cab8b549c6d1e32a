// Font resolution with fontconfig, and a private fontconfig configuration to draw with.
//
// Loading the system's configuration (parsing /etc/fonts and every font directory's cache) took
// 10–40 ms of a 50–100 ms chart. So the chart font is resolved against the system configuration
// once, its directories remembered in a small cache file, and every chart is drawn with a
// configuration that holds only those directories (read from fontconfig's own caches: ~0.3 ms).
// Drawing always goes through the private configuration, cached or not, so output does not depend
// on the cache — nor on a user's fontconfig rules.
import CCairo
import CGraphics
import Foundation

/// The installed spelling of a family and the directories of its font files.
struct ResolvedFont: Equatable {
    var family: String
    var directories: [String]
    /// Where fontconfig keeps its caches of those directories.
    var cacheDirectories: [String]
}

/// Fontconfig queries against one configuration (the system's, on a cache miss).
struct FontConfigQuery {
    let config: OpaquePointer

    /// The system configuration; the caller destroys it.
    static func system() -> FontConfigQuery? { gx.FcInitLoadConfigAndFonts().map(FontConfigQuery.init) }
    func destroy() { gx.FcConfigDestroy(config) }

    /// Every family name fontconfig lists (its first name, as Pango shows it), sorted, unique.
    func families() -> [String] {
        Array(Set(list(nil, FC_FAMILY))).sorted()
    }

    /// Whether `family` is installed under that name (fontconfig substitutes a default for unknown
    /// names: the match must carry the family asked for) and has the glyph 中.
    func coversChinese(_ family: String) -> Bool {
        guard let pattern = gx.FcPatternCreate() else { return false }
        defer { gx.FcPatternDestroy(pattern) }
        _ = gx.FcPatternAddString(pattern, FC_FAMILY, family)
        _ = gx.FcConfigSubstitute(config, pattern, FcMatchPattern)
        gx.FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = gx.FcFontMatch(config, pattern, &result) else { return false }
        defer { gx.FcPatternDestroy(match) }
        var name: UnsafeMutablePointer<FcChar8>?
        guard gx.FcPatternGetString(match, FC_FAMILY, 0, &name) == FcResultMatch, let name,
              String(cString: name).caseInsensitiveCompare(family) == .orderedSame else { return false }
        var charset: OpaquePointer?
        guard gx.FcPatternGetCharSet(match, FC_CHARSET, 0, &charset) == FcResultMatch, let charset else { return false }
        return gx.FcCharSetHasChar(charset, 0x4E2D) != 0
    }

    /// The directories holding `family`'s files (every weight and style), sorted.
    func directories(of family: String) -> [String] {
        Array(Set(list(family, FC_FILE).map { ($0 as NSString).deletingLastPathComponent })).sorted()
    }

    func cacheDirectories() -> [String] {
        guard let list = gx.FcConfigGetCacheDirs(config) else { return [] }
        defer { gx.FcStrListDone(list) }
        var out: [String] = []
        while let s = gx.FcStrListNext(list) { out.append(String(cString: s)) }
        return out
    }

    /// Property `object` (index 0) of every font, of one family or of all.
    private func list(_ family: String?, _ object: String) -> [String] {
        guard let pattern = gx.FcPatternCreate(), let objects = gx.FcObjectSetCreate() else { return [] }
        defer { gx.FcPatternDestroy(pattern); gx.FcObjectSetDestroy(objects) }
        if let family { _ = gx.FcPatternAddString(pattern, FC_FAMILY, family) }
        _ = gx.FcObjectSetAdd(objects, object)
        guard let set = gx.FcFontList(config, pattern, objects) else { return [] }
        defer { gx.FcFontSetDestroy(set) }
        var out: [String] = []
        for i in 0..<Int(set.pointee.nfont) {
            var s: UnsafeMutablePointer<FcChar8>?
            if let font = set.pointee.fonts[i], gx.FcPatternGetString(font, object, 0, &s) == FcResultMatch, let s {
                out.append(String(cString: s))
            }
        }
        return out
    }
}

extension FontConfigQuery {
    /// A configuration of `font`'s directories only, read through fontconfig's caches.
    static func drawing(_ fonts: [ResolvedFont]) -> OpaquePointer? {
        func xml(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        let dirs = Array(Set(fonts.flatMap(\.directories))).sorted()
        let caches = Array(Set(fonts.flatMap(\.cacheDirectories))).sorted()
        // Only the resolved families are kept (their directories hold others: the Japanese, Korean
        // and serif faces of the same files): Pango sorts every font of the configuration by
        // coverage for each new size a chart draws, on a thread of its own.
        let families = Array(Set(fonts.map(\.family))).sorted()
        let only = "<selectfont><rejectfont><pattern></pattern></rejectfont><acceptfont>"
            + families.map { "<pattern><patelt name=\"family\"><string>\(xml($0))</string></patelt></pattern>" }.joined()
            + "</acceptfont></selectfont>"
        let text = "<?xml version=\"1.0\"?><fontconfig>" + dirs.map { "<dir>\(xml($0))</dir>" }.joined()
            + caches.map { "<cachedir>\(xml($0))</cachedir>" }.joined() + only + "</fontconfig>"
        guard let config = gx.FcConfigCreate() else { return nil }
        guard gx.FcConfigParseAndLoadFromMemory(config, text, 1) != 0, gx.FcConfigBuildFonts(config) != 0 else {
            gx.FcConfigDestroy(config)
            return nil
        }
        return config
    }
}

/// The resolved fonts remembered between runs: one line per requested name (empty for the
/// default) in `$XDG_CACHE_HOME/yusuan/fonts.tsv` (else `~/.cache/…`), with the directories' modification
/// times, so that installing or removing fonts there resolves again. Unreadable or unwritable: no cache.
enum FontCacheFile {
    static var url: URL? {
        let env = ProcessInfo.processInfo.environment
        if let base = env["XDG_CACHE_HOME"], !base.isEmpty { return URL(fileURLWithPath: base).appendingPathComponent("yusuan/fonts.tsv") }
        if let home = env["HOME"], !home.isEmpty { return URL(fileURLWithPath: home).appendingPathComponent(".cache/yusuan/fonts.tsv") }
        return nil
    }

    /// Seconds since the epoch of the last change of `dir`, nil if it is gone.
    static func stamp(_ dir: String) -> Int? {
        var st = stat()
        guard stat(dir, &st) == 0 else { return nil }
        return Int(st.st_mtim.tv_sec)
    }

    /// requested, family, directories, cache directories, stamps (lists joined by U+001F).
    static func line(_ requested: String, _ f: ResolvedFont) -> String? {
        let stamps = f.directories.map(stamp)
        guard !stamps.contains(nil) else { return nil }
        let sep = "\u{1F}"
        return [requested, f.family, f.directories.joined(separator: sep), f.cacheDirectories.joined(separator: sep),
                stamps.map { String($0!) }.joined(separator: sep)].joined(separator: "\t")
    }

    static func parse(_ text: String, requested: String) -> ResolvedFont? {
        for line in text.split(separator: "\n") {
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard c.count == 5, c[0] == requested else { continue }
            func list(_ s: String) -> [String] { s.split(separator: "\u{1F}").map(String.init) }
            let font = ResolvedFont(family: c[1], directories: list(c[2]), cacheDirectories: list(c[3]))
            // Still valid only if every directory is unchanged.
            guard !font.directories.isEmpty, font.directories.map(stamp).map({ $0.map(String.init) ?? "" }) == list(c[4]) else { return nil }
            return font
        }
        return nil
    }

    static func read(_ requested: String) -> ResolvedFont? {
        guard let url, let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return parse(String(decoding: data, as: UTF8.self), requested: requested)
    }

    static func write(_ requested: String, _ font: ResolvedFont) {
        guard let url, let new = line(requested, font) else { return }
        let old = FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let kept = old.split(separator: "\n").filter { !$0.hasPrefix(requested + "\t") }.map(String.init)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(((kept + [new]).joined(separator: "\n") + "\n").utf8).write(to: url, options: .atomic)
    }
}
