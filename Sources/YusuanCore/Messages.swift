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
        return Knowledge.entries(in: text, unescapingNewlines: true)
    }
}

/// Shorthand for `Messages.text`.
public func L(_ key: String, _ args: [String: String] = [:]) -> String { Messages.text(key, args) }

/// One variable of the process's environment. `ProcessInfo.processInfo.environment` copies the
/// whole environment into a dictionary at every call (~0.1 ms each, at every command's start).
public enum ProcessEnvironment {
    public static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}
