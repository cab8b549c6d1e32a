import Foundation

/// The two export formats of the facts contract, byte-for-byte deterministic.
public enum FactExport {
    public static let columns = ["document", "page", "line", "region", "region_code", "province", "entity", "entity_code", "year", "stage", "table",
                                 "code", "item", "measure", "amount_yuan", "source_unit", "derived"]

    /// One JSON object per line, keys in contract order.
    public static func jsonLine(_ f: Fact) -> String {
        var s = "{"
        s += "\"document\":" + jsonString(f.document)
        s += ",\"page\":" + (f.page.map(String.init) ?? "null")
        s += ",\"line\":" + String(f.line)
        s += ",\"region\":" + jsonString(f.region)
        s += ",\"region_code\":" + (f.regionCode.map(jsonString) ?? "null")
        s += ",\"province\":" + jsonString(f.province)
        s += ",\"entity\":" + jsonString(f.entity)
        s += ",\"entity_code\":" + (f.entityCode.map(jsonString) ?? "null")
        s += ",\"year\":" + String(f.year)
        s += ",\"stage\":" + jsonString(f.stage.rawValue)
        s += ",\"table\":" + jsonString(f.table.rawValue)
        s += ",\"code\":" + (f.code.map(jsonString) ?? "null")
        s += ",\"item\":" + jsonString(f.item)
        s += ",\"measure\":" + jsonString(f.measure.rawValue)
        s += ",\"amount_yuan\":" + jsonString(f.amount.yuanString)
        s += ",\"source_unit\":" + jsonString(f.sourceUnit.rawValue)
        s += ",\"derived\":" + (f.derived ? "true" : "false")
        return s + "}"
    }

    public static func csvHeader() -> String { "\u{FEFF}" + columns.joined(separator: ",") + "\r\n" }

    /// One RFC 4180 record (CRLF-terminated); null is an empty field.
    public static func csvLine(_ f: Fact) -> String {
        let fields: [String] = [f.document, f.page.map(String.init) ?? "", String(f.line), f.region,
                                f.regionCode ?? "", f.province, f.entity, f.entityCode ?? "", String(f.year),
                                f.stage.rawValue, f.table.rawValue, f.code ?? "", f.item, f.measure.rawValue,
                                f.amount.yuanString, f.sourceUnit.rawValue, f.derived ? "true" : "false"]
        let amountColumn = 14
        return fields.enumerated().map { csvField($1, numeric: $0 == amountColumn) }.joined(separator: ",") + "\r\n"
    }

    /// One RFC 4180 field, the one CSV writer of every command. Text that a spreadsheet would run
    /// as a formula (a cell beginning with `= + - @`, TAB or CR, as OWASP lists) gets a leading `'`;
    /// `numeric` fields (amounts, percentages the program formatted itself) are left as numbers.
    public static func csvField(_ s: String, numeric: Bool = false) -> String {
        var s = s
        if !numeric, let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { s = "'" + s }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
