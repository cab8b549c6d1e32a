import Foundation

/// The light, print-friendly look of every chart. Sizes are in pixels at 1600×900 and are
/// multiplied by `factor` so a smaller or larger canvas keeps the same proportions.
public struct Theme: Sendable {
    public var factor: Double = 1
    public var background = Color.white
    public var text = Color(hex: 0x1F2328)
    public var secondaryText = Color(hex: 0x57606A)
    public var mutedText = Color(hex: 0x6E7781)
    public var grid = Color(hex: 0xE3E6EA)
    public var axis = Color(hex: 0x9AA1A9)
    public var zeroLine = Color(hex: 0x3A4048)
    /// Series colours: distinguishable in greyscale print and for common colour blindness.
    public var palette: [Color] = [0x3B6EA5, 0xE08A2E, 0x4E9A6A, 0xC4514A, 0x8268A8,
                                   0x3A9DB0, 0xC9A227, 0x8C6D62, 0x6B7A8F, 0xD27AA0].map { Color(hex: $0) }
    /// Fills of treemap classes: lighter than the series colours so dark labels stay legible.
    public var classPalette: [Color] = [0x8FB3D9, 0xF2B77A, 0x95C9A4, 0xE79C94, 0xB9A6D6,
                                        0x8ECFD9, 0xE8D283, 0xC4ACA2, 0xAEB8C6, 0xEBB3CB].map { Color(hex: $0) }
    public var increase = Color(hex: 0xC4514A)
    public var decrease = Color(hex: 0x3B6EA5)
    public var neutral = Color(hex: 0xEEEFF1)
    public var missing = Color(hex: 0xD5D8DC)

    public init(factor: Double = 1) { self.factor = factor }

    /// A theme sized for a canvas: 1 at 1600×900, clamped so text stays readable.
    public static func forSize(_ size: Size) -> Theme {
        Theme(factor: min(2.5, max(0.5, min(size.width / 1600, size.height / 900))))
    }

    public var margin: Double { 40 * factor }
    public var title: TextStyle { TextStyle(size: 34 * factor, weight: .bold) }
    public var subtitle: TextStyle { TextStyle(size: 21 * factor) }
    public var legend: TextStyle { TextStyle(size: 17 * factor) }
    public var categoryLabel: TextStyle { TextStyle(size: 18 * factor) }
    public var valueLabel: TextStyle { TextStyle(size: 16 * factor) }
    public var tickLabel: TextStyle { TextStyle(size: 15 * factor) }
    public var footnote: TextStyle { TextStyle(size: 14.5 * factor) }
    public var groupHeader: TextStyle { TextStyle(size: 17 * factor, weight: .bold) }
}
