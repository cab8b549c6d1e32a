import ArgumentParser
import Foundation
import YusuanCore

/// ArgumentParser's own words (its errors, usage and help scaffolding) in the catalogue's language.
/// Its error types are internal, so the messages are recognised by their fixed English forms
/// (swift-argument-parser 1.x, `ErrorMessageGenerator`); a form not known here is kept as it is.
enum ArgumentText {
    /// One parser error message (`The value 'xml' is invalid for '--format <format>'. …`).
    static func error(_ message: String) -> String {
        if let m = match(#"^The value '(.*)' is invalid for '([^']*)'(.*)$"#, message) ?? match(#"^The value '(.*)' is invalid()\.(.*)$"#, message) {
            return L("argerr.value", ["value": m[0], "option": m[1], "rest": valueRest(m[2])])
        }
        if let m = match(#"^Unknown option '([^']*)'\. Did you mean '([^']*)'\?$"#, message) {
            return L("argerr.unknown.suggest", ["option": m[0], "suggestion": m[1]])
        }
        if let m = match(#"^Unknown option '([^']*)'$"#, message) { return L("argerr.unknown", ["option": m[0]]) }
        if let m = match(#"^Missing value for '([^']*)'$"#, message) { return L("argerr.missing-value", ["option": m[0]]) }
        if let m = match(#"^Missing expected argument '([^']*)'$"#, message) { return L("argerr.missing-argument", ["argument": m[0]]) }
        if let m = match(#"^Missing one of: (.*)$"#, message) { return L("argerr.missing-one", ["arguments": quoted(m[0])]) }
        if let m = match(#"^Unexpected argument '(.*)'$"#, message) { return L("argerr.unexpected", ["value": m[0]]) }
        if let m = match(#"^(\d+) unexpected arguments: (.*)$"#, message) {
            return L("argerr.unexpected.many", ["count": m[0], "values": quoted(m[1])])
        }
        if let m = match(#"^The option '([^']*)' does not take any value, but '(.*)' was specified\.$"#, message) {
            return L("argerr.no-value-taken", ["option": m[0], "value": m[1]])
        }
        if message == "Missing required subcommand." { return L("argerr.subcommand") }
        if let m = match(#"^Invalid option: (.*)$"#, message) { return L("argerr.invalid", ["option": m[0]]) }
        return message
    }

    /// The usage block after an error: `Usage: …`, `Help:  …`, `See '… --help' for more information.`
    static func usage(_ text: String) -> String {
        text.components(separatedBy: "\n").map { line in
            if let m = match(#"^(\s*)See '(.*)' for more information\.$"#, line) { return m[0] + L("help.see", ["command": m[1]]) }
            return replacePrefix(replacePrefix(line, "Usage:", L("help.usage")), "Help:", L("help.abstract"))
        }.joined(separator: "\n")
    }

    /// A value list with each contract name's Chinese name beside it: `sangong（“三公”经费表）`.
    static func named(_ values: String) -> String {
        let list = values.components(separatedBy: ", ")
        let names = Messages.catalogue(Messages.language)
        // The vocabulary the list is of: the one that names most of its values (`project` is a table and a measure).
        let prefix = ["table.", "measure.", "stage."].max { a, b in
            list.filter { names[a + $0] != nil }.count < list.filter { names[b + $0] != nil }.count
        }!
        return list.map { v in names[prefix + v].map { "\(v)（\($0)）" } ?? v }.joined(separator: L("list.sep"))
    }

    /// A help page: its section headings and the built-in `--help`/`--version` lines.
    static func help(_ text: String) -> String {
        guard Messages.language != .en else { return text }
        // A long value list wraps over lines: one line again, so that it is recognised whole.
        var text = text
        // The patterns only where their words are (here and on each line below): compiling the
        // first regular expression costs ~2 ms (ICU), a quarter of `yusuan --version`.
        let listed = ByteSearch.contains(text, "(values: ") || ByteSearch.contains(text, "(default: ")
        while listed, let r = text.range(of: #"\((values|default): [^)\n]*\n[^)]*\)"#, options: .regularExpression) {
            let joined = text[r].replacingOccurrences(of: #"\s*\n\s*"#, with: " ", options: .regularExpression)
            text.replaceSubrange(r, with: joined)
        }
        return text.components(separatedBy: "\n").map { line -> String in
            var l = line
            for (en, key) in [("OVERVIEW:", "help.overview"), ("USAGE:", "help.usage"), ("OPTIONS:", "help.options"),
                              ("ARGUMENTS:", "help.arguments"), ("SUBCOMMANDS:", "help.subcommands")] {
                l = replacePrefix(l, en, L(key))
            }
            if ByteSearch.contains(l, "See '"), let m = match(#"^(\s*)See '(.*) <subcommand>' for detailed help\.$"#, l) {
                return m[0] + L("help.detailed", ["command": m[1]])
            }
            l = ByteSearch.replacing("Show help information.", with: L("help.help"), in: l)
            l = ByteSearch.replacing("Show the version.", with: L("help.version"), in: l)
            guard ByteSearch.contains(l, "(values: ") || ByteSearch.contains(l, "(default: ") else { return l }
            if let m = match(#"^(.*)\(values: (.*); default: (.*)\)(.*)$"#, l) {
                return m[0] + "（" + L("help.values.default", ["values": named(m[1]), "default": m[2]]) + "）" + m[3]
            }
            if let m = match(#"^(.*)\(values: (.*)\)(.*)$"#, l) {
                return m[0] + "（" + L("help.values") + named(m[1]) + "）" + m[2]
            }
            if let m = match(#"^(.*)\(default: (.*)\)(.*)$"#, l) { return m[0] + "（" + L("help.default") + m[1] + "）" + m[2] }
            return l
        }.joined(separator: "\n")
    }

    /// `. Please provide one of 'md', 'html' and 'docx'.` → `；可选：md、html、docx`; `: reason` kept.
    private static func valueRest(_ rest: String) -> String {
        if rest.hasPrefix(". Please provide one of") {
            var values = matches(#"'([^']*)'"#, rest)
            if values.isEmpty { values = matches(#"(?m)^  - (.*)$"#, rest) }
            return L("argerr.value.choices", ["values": values.joined(separator: L("list.sep"))])
        }
        if rest.hasPrefix(": ") { return L("argerr.value.reason", ["reason": String(rest.dropFirst(2))]) }
        return rest
    }

    private static func quoted(_ s: String) -> String { matches(#"'([^']*)'"#, s).joined(separator: L("list.sep")) }

    /// `Usage: x` → `用法：x`: a full-width colon takes no space after it.
    private static func replacePrefix(_ s: String, _ prefix: String, _ with: String) -> String {
        guard let r = s.range(of: prefix), s[s.startIndex..<r.lowerBound].allSatisfy(\.isWhitespace) else { return s }
        var rest = s[r.upperBound...]
        if with.hasSuffix("：") { rest = rest.drop { $0 == " " } }
        return s[..<r.lowerBound] + with + rest
    }

    /// The capture groups of the first match of `pattern` in `s`.
    private static func match(_ pattern: String, _ s: String) -> [String]? {
        guard let re = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
              let m = re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else { return nil }
        return (1..<m.numberOfRanges).map { i in Range(m.range(at: i), in: s).map { String(s[$0]) } ?? "" }
    }

    /// Group 1 of every match.
    private static func matches(_ pattern: String, _ s: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).compactMap { Range($0.range(at: 1), in: s).map { String(s[$0]) } }
    }
}

extension Yusuan {
    /// As ArgumentParser's `exit(withError:)`, in the catalogue's words: help on standard output
    /// (exit 0), an error as `错误：…` with the usage on standard error; the same exit codes.
    static func exitLocalized(_ error: Error) -> Never {
        let code = exitCode(for: error)
        let full = fullMessage(for: error)
        if code == .success {
            if !full.isEmpty { print(ArgumentText.help(full)) }
            Foundation.exit(code.rawValue)
        }
        let message = message(for: error)
        guard !full.isEmpty else { Foundation.exit(code.rawValue) }
        var rest = full
        if !message.isEmpty, let r = full.range(of: message) { rest = String(full[r.upperBound...]) }
        else if full.hasPrefix("Error: ") { rest = String(full.dropFirst(7)) }
        if rest.hasPrefix("\n") { rest.removeFirst() }
        let head = message.isEmpty ? "" : L("error.prefix") + ArgumentText.error(message) + (rest.isEmpty ? "" : "\n")
        printError(head + ArgumentText.usage(rest).trimmingCharacters(in: .newlines))
        Foundation.exit(code.rawValue)
    }
}
