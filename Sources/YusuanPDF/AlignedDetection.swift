import Foundation

// Telling space-aligned text (`pdftotext -layout`) from text already split by tabs: a test of
// every line of every text read, so by the byte first.
extension AlignedText {
    /// Whether a text is laid out with spaces at all (else it needs no conversion).
    public static func isSpaceAligned(_ lines: [Substring]) -> Bool {
        var aligned = 0, tabbed = 0
        for l in lines {
            if l.utf8.contains(9) { tabbed += 1 } else if isTableLine(l) { aligned += 1 }
        }
        return aligned >= 3 && aligned * 2 > tabbed
    }

    /// Two or more pieces, one of them a number, with a column gap (two spaces) somewhere: a row
    /// of a table, not a sentence (whose pieces are long and whose words are one space apart).
    static func isTableLine(_ l: Substring) -> Bool {
        // By the byte first: most lines of a text have no two spaces together, or no digit, and
        // splitting every line into pieces to learn it was 5 % of reading a tabbed text.
        guard l.utf8.withContiguousStorageIfAvailable(mayBeTableLine) ?? Array(l.utf8).withUnsafeBufferPointer(mayBeTableLine) else { return false }
        let t = tokens(l, wide: false)
        return t.count >= 2 && t.contains(where: \.isNumber) && t.allSatisfy { $0.text.count <= 40 }
            && l.trimmingCharacters(in: .whitespaces).contains("  ")
    }

    /// What a table line's bytes must have: no tab, two spaces together, a digit (ASCII, or the
    /// last byte of a full-width one). Lines without them are no table lines.
    public static func mayBeTableLine(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var pair = false, digit = false, space = false
        for b in u {
            if b == 9 { return false }
            pair = pair || (space && b == 0x20)
            space = b == 0x20
            digit = digit || (0x30...0x39).contains(b) || (0x90...0x99).contains(b)
        }
        return pair && digit
    }
}
