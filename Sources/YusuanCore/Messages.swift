import Foundation

/// Every user-facing string, from one catalogue file per language (`Resources/messages.zh.tsv`,
/// `messages.en.tsv`: key, tab, template with `{named}` placeholders). Chinese is the default;
/// `--lang en` or `YUSUAN_LANG=en` switches. Loaded once per language.
public enum Messages {
    public enum Language: String, CaseIterable, Sendable { case zh, en }

    /// The language of this process: set once from `--lang`, else `$YUSUAN_LANG`, else Chinese.
    // Set once, by the command line before any work starts (`--lang`); only read afterwards.
    nonisolated(unsafe) public static var language: Language =
        ProcessEnvironment.value("YUSUAN_LANG").flatMap { Language(rawValue: String($0.prefix(2)).lowercased()) } ?? .zh

    private static let zh = load(.zh)
    private static let en = load(.en)

    /// The catalogue of a language: key → template.
    public static func catalogue(_ lang: Language) -> [String: String] { lang == .zh ? zh : en }

    /// The text of `key` in the current language with `{name}` replaced by `args[name]`.
    public static func text(_ key: String, _ args: [String: String] = [:]) -> String {
        guard var s = catalogue(language)[key] ?? catalogue(.en)[key] else { return key }
        for (k, v) in args { s = ByteSearch.replacing("{\(k)}", with: v, in: s) }
        return s
    }

    /// The text of `key` in `lang` (English where `lang` lacks it).
    public static func text(_ key: String, in lang: Language, _ args: [String: String] = [:]) -> String {
        guard var s = catalogue(lang)[key] ?? catalogue(.en)[key] else { return key }
        for (k, v) in args { s = ByteSearch.replacing("{\(k)}", with: v, in: s) }
        return s
    }

    /// A reading warning stored at ingest, in the current language: from its message key and
    /// arguments where the reader stored them (`Diagnostic.args`), else Chinese from the catalogue
    /// by its rule, else the stored (English) message.
    public static func reading(rule: String, message: String, args: [String: String]? = nil) -> String {
        if let args, let key = args[Diagnostic.keyArgument] { return text(key, in: language, args) }
        guard language == .zh, let s = catalogue(.zh)["reading." + rule] else { return message }
        return s
    }

    /// The placeholder names of a template, e.g. `["path"]`.
    public static func placeholders(_ template: String) -> Set<String> {
        var out = Set<String>()
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    static func load(_ lang: Language) -> [String: String] {
        guard let url = Bundle.module.url(forResource: "messages.\(lang.rawValue)", withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "messages.\(lang.rawValue)", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("messages.\(lang.rawValue).tsv is missing from the build")   // a packaging defect
        }
        return entries(in: text)
    }

    /// A catalogue file's entries: each line that is neither empty nor a comment (`#`) and holds a
    /// tab, its text before the first tab → the rest (tabs kept), `\n` in it made a newline. What
    /// `Knowledge.rows` and joining the cells after the first give (`MessagesTests`), in one pass
    /// over the bytes: every command loads a catalogue at start, and the rows' arrays of strings
    /// and a generic search of every value for a backslash were a third of `yusuan --version`'s
    /// own work.
    static func entries(in text: String) -> [String: String] {
        var text = text
        return text.withUTF8 { bytes in
            var out: [String: String] = [:]
            out.reserveCapacity(1024)
            guard let base = bytes.baseAddress else { return out }
            var start = 0
            while start < bytes.count {
                let end = memchr(base + start, 0x0A, bytes.count - start).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? bytes.count
                defer { start = end + 1 }
                guard end > start, bytes[start] != UInt8(ascii: "#"),
                      let tab = memchr(base + start, 0x09, end - start).map({ UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }) else { continue }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<tab]), as: UTF8.self)
                let valueBytes = UnsafeBufferPointer(rebasing: bytes[(tab + 1)..<end])
                let value = String(decoding: valueBytes, as: UTF8.self)
                let escaped = valueBytes.count > 0 && memchr(valueBytes.baseAddress!, 0x5C, valueBytes.count) != nil
                out[key] = escaped ? ByteSearch.replacing("\\n", with: "\n", in: value) : value
            }
            return out
        }
    }
}

/// Shorthand for `Messages.text`.
public func L(_ key: String, _ args: [String: String] = [:]) -> String { Messages.text(key, args) }

/// One variable of the process's environment. `ProcessInfo.processInfo.environment` copies the
/// whole environment into a dictionary at every call (~0.1 ms each, at every command's start).
public enum ProcessEnvironment {
    public static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}
