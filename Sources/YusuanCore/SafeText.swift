/// Control characters have no place in a name or a label: ESC and BEL from a document must not
/// reach a terminal, and a NUL must not cut a string short in C or SQLite.
public enum SafeText {
    /// C0 controls other than TAB and LF, DEL, C1 controls, and the bidirectional overrides that
    /// make a terminal or a page show text in another order than it is stored.
    @inline(__always)
    public static func isControl(_ v: UInt32) -> Bool {
        (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Whether `s` holds any character `isControl` removes: one scan of its UTF-8 (C1 controls are
    /// C2 80–9F, the bidirectional ones E2 80 AA–AE and E2 81 A6–A9), cheap for clean text.
    public static func hasControls(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            // Scalar by scalar from their lead bytes (a String's UTF-8 is valid): a CJK character
            // is one step, not three.
            var i = 0
            while i < u.count {
                let b = u[i]
                if b < 0x80 {
                    if (b < 0x20 && b != 0x09 && b != 0x0A) || b == 0x7F { return true }
                    i += 1
                    continue
                }
                if b == 0xC2, i + 1 < u.count, (0x80...0x9F).contains(u[i + 1]) { return true }
                if b == 0xE2, i + 2 < u.count {
                    let b1 = u[i + 1], b2 = u[i + 2]
                    if b1 == 0x80 && (0xAA...0xAE).contains(b2) || b1 == 0x81 && (0xA6...0xA9).contains(b2) { return true }
                }
                i += ByteSearch.sequenceLength(b)
            }
            return false
        }
    }

    /// `s` without control characters, and how many were removed.
    public static func strippingControls(_ s: String) -> (text: String, removed: Int, firstLine: Int?) {
        guard hasControls(s) else { return (s, 0, nil) }
        var out = String.UnicodeScalarView()
        var removed = 0, line = 1
        var first: Int?
        for u in s.unicodeScalars {
            if u == "\n" { line += 1 }
            if isControl(u.value) {
                removed += 1
                if first == nil { first = line }
                continue
            }
            out.append(u)
        }
        return (String(out), removed, first)
    }

    /// For one-line output (terminal, names): control characters removed.
    public static func clean(_ s: String) -> String { strippingControls(s).text }
}
