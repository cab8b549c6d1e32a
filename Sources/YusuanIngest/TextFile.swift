import Foundation

/// Any text file a user hands over (a CSV for a chart): UTF-8, with or without BOM, else GB18030
/// (a superset of GBK, what Excel saves on a Chinese system). Nil when it is neither.
public enum TextFile {
    public static func decode(_ data: Data) -> String? {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let s = String(data: bytes, encoding: .utf8) { return s }
        return TextDecoding.iconvDecode(Data(bytes), from: "GB18030")
    }
}
