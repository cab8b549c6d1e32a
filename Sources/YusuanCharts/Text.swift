import Foundation

/// Font size (pixels) and weight of a run of text. The family is the renderer's choice.
public struct TextStyle: Hashable, Sendable {
    public enum Weight: Hashable, Sendable { case regular, bold }
    public var size: Double
    public var weight: Weight
    public init(size: Double, weight: Weight = .regular) { self.size = size; self.weight = weight }
    public func sized(_ s: Double) -> TextStyle { TextStyle(size: s, weight: weight) }
}

/// Measures single lines of text. Layout needs nothing else from the font, so it can be
/// tested with `ApproximateTextMeasurer` and rendered with the Pango measurer.
public protocol TextMeasurer: AnyObject {
    /// Advance width of `text` on one line, in pixels.
    func width(of text: String, style: TextStyle) -> Double
    /// Height of one line (ascent + descent), in pixels; lines are stacked at this pitch.
    func lineHeight(_ style: TextStyle) -> Double
    /// Text about to be measured at every break between `tokens` (the parts before and after each):
    /// a measurer may work those widths out at once. Measuring them must give what it would anyway.
    func prepareSplits(_ tokens: [String], style: TextStyle)
    /// The width of `tokens[range]` on one line: what `width(of: tokens[range].joined(), style:)`
    /// gives, which a measurer may work out from what `prepareSplits(tokens, style:)` found.
    func width(of tokens: [String], _ range: Range<Int>, style: TextStyle) -> Double
}

extension TextMeasurer {
    public func prepareSplits(_ tokens: [String], style: TextStyle) {}
    public func width(of tokens: [String], _ range: Range<Int>, style: TextStyle) -> Double {
        width(of: tokens[range].joined(), style: style)
    }
}

/// A font-free measurer: CJK and full-width characters 1 em, other characters 0.56 em,
/// lines 1.45 em. Close to Noto Sans CJK; meant for pure-layout tests.
public final class ApproximateTextMeasurer: TextMeasurer {
    public init() {}
    public func width(of text: String, style: TextStyle) -> Double {
        var em = 0.0
        for s in text.unicodeScalars {
            em += s.value >= 0x2E80 ? 1.0 : (s.value == 0x2026 ? 1.0 : 0.56)
        }
        return em * style.size * (style.weight == .bold ? 1.02 : 1)
    }
    public func lineHeight(_ style: TextStyle) -> Double { style.size * 1.45 }
}

/// Lines of text, where each line goes and how it is drawn. `rect` bounds every line.
public struct TextBox: Equatable, Sendable {
    public enum Alignment: Sendable { case leading, center, trailing }
    public var lines: [String]
    /// Top-left of each line's logical box.
    public var origins: [Point]
    public var widths: [Double]
    public var style: TextStyle
    public var color: Color
    public var rect: Rect
    /// True when a line was shortened with "…".
    public var truncated: Bool
    /// All lines joined, for tests and diagnostics.
    public var text: String { lines.joined() }

    /// Places `lines` (with measured `widths`) in `frame`, aligned horizontally and
    /// vertically centred when `verticalCenter`, else top-aligned.
    public init(lines: [String], widths: [Double], lineHeight: Double, style: TextStyle, color: Color,
                in frame: Rect, alignment: Alignment, verticalCenter: Bool = false, truncated: Bool = false) {
        self.lines = lines; self.widths = widths; self.style = style; self.color = color
        self.truncated = truncated
        let h = lineHeight * Double(lines.count)
        let top = verticalCenter ? frame.midY - h / 2 : frame.minY
        var origins: [Point] = []
        var minX = Double.infinity, maxX = -Double.infinity
        for (i, w) in widths.enumerated() {
            let x: Double
            switch alignment {
            case .leading: x = frame.minX
            case .center: x = frame.midX - w / 2
            case .trailing: x = frame.maxX - w
            }
            origins.append(Point(x: x, y: top + Double(i) * lineHeight))
            minX = min(minX, x); maxX = max(maxX, x + w)
        }
        self.origins = origins
        self.rect = lines.isEmpty ? Rect(x: frame.minX, y: top, width: 0, height: 0)
            : Rect(x: minX, y: top, width: maxX - minX, height: h)
    }
}

/// The result of fitting text into a width: the lines and whether any was shortened.
public struct WrappedText: Equatable, Sendable {
    public var lines: [String]
    public var widths: [Double]
    public var truncated: Bool
    public var maxWidth: Double { widths.max() ?? 0 }
}

/// Line breaking for Chinese with embedded Latin words and numbers.
public enum TextFitter {
    /// Characters that must not begin a line (closing brackets, commas, stops) ...
    static let noStart: Set<Character> = Set("，。、；：？！）」』》〉】〕”’%％…·,.;:?!)]}")
    /// ... and characters that must not end one (opening brackets and quotes).
    static let noEnd: Set<Character> = Set("（「『《〈【〔“‘([{")

    /// Splits text into unbreakable tokens: one CJK character, or a run of Latin letters and
    /// digits, with closing punctuation glued to the token before it and opening punctuation
    /// glued to the token after it.
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var pendingOpen = ""
        for ch in text {
            let isWordChar = ch.isASCII && (ch.isLetter || ch.isNumber || ch == "." || ch == "," || ch == "-" || ch == "+")
            if noEnd.contains(ch) { pendingOpen.append(ch); continue }
            if noStart.contains(ch), pendingOpen.isEmpty, !out.isEmpty {
                out[out.count - 1].append(ch); continue
            }
            if isWordChar, pendingOpen.isEmpty, let last = out.last, let lc = last.last,
               lc.isASCII && (lc.isLetter || lc.isNumber || lc == "." || lc == "," || lc == "-" || lc == "+") {
                out[out.count - 1].append(ch); continue
            }
            out.append(pendingOpen + String(ch))
            pendingOpen = ""
        }
        if !pendingOpen.isEmpty {
            if out.isEmpty { out.append(pendingOpen) } else { out[out.count - 1] += pendingOpen }
        }
        return out
    }

    /// The longest prefix of `text` that fits `maxWidth` with "…" appended, or nil when not even
    /// `minChars` characters fit.
    public static func ellipsize(_ text: String, maxWidth: Double, style: TextStyle,
                                 measurer: TextMeasurer, minChars: Int = 1) -> (String, Double)? {
        let w = measurer.width(of: text, style: style)
        if w <= maxWidth { return (text, w) }
        let chars = Array(text)
        var lo = 0, hi = chars.count - 1, best: (String, Double)? = nil
        while lo <= hi {  // binary search on the prefix length
            let mid = (lo + hi) / 2
            var prefix = String(chars[0..<mid])
            while let l = prefix.last, l == " " || TextFitter.noEnd.contains(l) { prefix.removeLast() }
            let candidate = prefix + "…"
            let cw = measurer.width(of: candidate, style: style)
            if cw <= maxWidth { best = (candidate, cw); lo = mid + 1 } else { hi = mid - 1 }
        }
        guard let b = best, b.0.count - 1 >= minChars else { return nil }
        return b
    }

    /// Fits `text` into at most `maxLines` lines of `maxWidth`. Two-line results are balanced
    /// (the break nearest the middle that fits), longer text is broken greedily. When the text
    /// does not fit, the last line ends with "…" (`truncated`). Returns nil when not even one
    /// character and the ellipsis fit.
    public static func wrap(_ text: String, maxWidth: Double, maxLines: Int, style: TextStyle,
                            measurer: TextMeasurer, allowTruncation: Bool = true) -> WrappedText? {
        guard maxLines >= 1, maxWidth > 0 else { return nil }
        let oneWidth = measurer.width(of: text, style: style)
        if oneWidth <= maxWidth { return WrappedText(lines: [text], widths: [oneWidth], truncated: false) }
        let toks = tokens(text)
        measurer.prepareSplits(toks, style: style)
        if maxLines == 2, toks.count >= 2 {
            var best: (Double, [String], [Double])? = nil
            for i in 1..<toks.count {
                let wa = measurer.width(of: toks, 0..<i, style: style)
                if wa > maxWidth { break }
                let wb = measurer.width(of: toks, i..<toks.count, style: style)
                if wb <= maxWidth {
                    let score = max(wa, wb)
                    // On a tie the later break wins: a longer first line reads better.
                    if best == nil || score <= best!.0 { best = (score, [toks[0..<i].joined(), toks[i...].joined()], [wa, wb]) }
                }
            }
            if let best { return WrappedText(lines: best.1, widths: best.2, truncated: false) }
        } else if maxLines > 2 {
            var lines: [String] = [], widths: [Double] = []
            var current = "", currentW = 0.0
            // The current line is tokens start..<i: measured as a span, which the measurer may know
            // from the splits prepared above (each later line's candidates are no prefix of the text).
            var i = 0, start = 0
            while i < toks.count {
                let cw = measurer.width(of: toks, start..<(i + 1), style: style)
                if cw <= maxWidth {
                    current += toks[i]; currentW = cw; i += 1
                } else if start == i {
                    break  // a single token wider than the line: fall through to truncation
                } else {
                    lines.append(current); widths.append(currentW)
                    current = ""; currentW = 0; start = i
                    if lines.count == maxLines { break }
                }
            }
            if i == toks.count, lines.count < maxLines, !current.isEmpty {
                lines.append(current); widths.append(currentW)
                return WrappedText(lines: lines, widths: widths, truncated: false)
            }
        }
        guard allowTruncation else { return nil }
        // Greedy lines then an ellipsised last line.
        var lines: [String] = [], widths: [Double] = []
        var rest = Substring(text)
        while lines.count < maxLines - 1, !rest.isEmpty {
            let restToks = tokens(String(rest))
            var line = "", lw = 0.0, used = 0
            for t in restToks {
                let w = measurer.width(of: line + t, style: style)
                if w > maxWidth { break }
                line += t; lw = w; used += t.count
            }
            if used == 0 { break }
            lines.append(line); widths.append(lw)
            rest = rest.dropFirst(used)
        }
        guard let last = ellipsize(String(rest), maxWidth: maxWidth, style: style, measurer: measurer) else {
            if lines.isEmpty { return nil }
            // Mark the previous line as cut instead.
            let prev = lines.removeLast(); widths.removeLast()
            guard let e = ellipsize(prev + rest, maxWidth: maxWidth, style: style, measurer: measurer) else { return nil }
            return WrappedText(lines: lines + [e.0], widths: widths + [e.1], truncated: true)
        }
        return WrappedText(lines: lines + [last.0], widths: widths + [last.1], truncated: last.0 != String(rest))
    }
}

/// Number formatting for labels: thousands separators, fixed decimals, optional unit.
public enum NumberFormat {
    /// `118708.76` → `"118,708.76"` with `places` decimals, rounded half away from zero.
    public static func grouped(_ v: Double, places: Int = 2, signed: Bool = false) -> String {
        guard v.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(v) * scale).rounded(.toNearestOrAwayFromZero)
        let n = UInt64(min(scaled, 9.0e18))
        let ip = n / UInt64(scale), fp = n % UInt64(scale)
        var digits = Array(String(ip))
        var out: [Character] = []
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        digits = out.reversed()
        var s = String(digits)
        if places > 0 {
            var f = String(fp)
            while f.count < places { f = "0" + f }
            s += "." + f
        }
        if n == 0 { return s }
        if v < 0 { return "-" + s }
        return signed ? "+" + s : s
    }

    /// A value label: `"183.53 万元"`, `"+12.50%"`. An empty unit gives the bare number.
    public static func label(_ v: Double, unit: String, places: Int = 2, signed: Bool = false) -> String {
        let n = grouped(v, places: places, signed: signed)
        if unit.isEmpty { return n }
        if unit == "%" || unit == "％" { return n + "%" }
        return n + " " + unit
    }

    /// `0.3625` → `"36.3%"` (one decimal; below 0.1% shows `"<0.1%"`).
    public static func percent(_ share: Double, places: Int = 1, signed: Bool = false) -> String {
        if share > 0, share < 0.001, !signed { return "<0.1%" }
        return grouped(share * 100, places: places, signed: signed) + "%"
    }
}
