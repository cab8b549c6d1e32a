import YusuanCore

/// A document's tables as the text of `document.tables_json`: what `JSONEncoder` with sorted keys
/// writes for `[TableSummary]` (GRDB's JSON for a nested value, which stores before wrote), byte
/// for byte (`TablesJSONTests`), without it: the encoder's generic machinery took 300,000
/// instructions a document, as much as storing its origins.
enum TablesJSON {
    static func encode(_ tables: [TableSummary]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(tables.count * 160 + 2)
        out.append(UInt8(ascii: "["))
        for (i, t) in tables.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            // Keys in sorted order; `note` only when there is one (`encodeIfPresent`).
            key("facts", first: true, &out); out.append(contentsOf: String(t.facts).utf8)
            key("kind", &out); string(t.kind.rawValue, &out)
            key("line", &out); out.append(contentsOf: String(t.line).utf8)
            if let note = t.note { key("note", &out); string(note, &out) }
            key("title", &out); string(t.title, &out)
            key("unit", &out); string(t.unit.rawValue, &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func key(_ name: StaticString, first: Bool = false, _ out: inout [UInt8]) {
        out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string as the encoder writes it: `"`, `\` and `/` escaped, control characters as
    /// `\b \t \n \f \r` or `\u00xx`, everything else as its UTF-8.
    private static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(UInt8(ascii: "\\")); out.append(b)
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
