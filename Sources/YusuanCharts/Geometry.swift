import Foundation

/// A point in chart pixels (origin top-left, y grows downward).
public struct Point: Equatable, Sendable {
    public var x: Double, y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// A size in chart pixels.
public struct Size: Equatable, Sendable {
    public var width: Double, height: Double
    public init(width: Double, height: Double) { self.width = width; self.height = height }
}

/// An axis-aligned rectangle in chart pixels.
public struct Rect: Equatable, Sendable, CustomStringConvertible {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }
    public var area: Double { width * height }

    /// Shrinks every side by `d` (never below zero size).
    public func insetBy(_ d: Double) -> Rect { insetBy(dx: d, dy: d) }
    public func insetBy(dx: Double, dy: Double) -> Rect {
        let w = max(0, width - 2 * dx), h = max(0, height - 2 * dy)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    /// Whether `r` lies inside this rectangle, allowing `tolerance` pixels of rounding.
    public func contains(_ r: Rect, tolerance: Double = 1e-6) -> Bool {
        r.minX >= minX - tolerance && r.minY >= minY - tolerance
            && r.maxX <= maxX + tolerance && r.maxY <= maxY + tolerance
    }

    /// Whether the interiors of the two rectangles overlap by more than `tolerance`.
    public func overlaps(_ r: Rect, tolerance: Double = 1e-6) -> Bool {
        min(maxX, r.maxX) - max(minX, r.minX) > tolerance
            && min(maxY, r.maxY) - max(minY, r.minY) > tolerance
    }

    public var description: String {
        String(format: "(%.2f, %.2f, %.2f × %.2f)", x, y, width, height)
    }
}

/// An sRGB colour with alpha, components in 0...1.
public struct Color: Equatable, Sendable {
    public var r: Double, g: Double, b: Double, a: Double
    public init(r: Double, g: Double, b: Double, a: Double = 1) {
        self.r = r; self.g = g; self.b = b; self.a = a
    }
    /// `Color(hex: 0x2F5D8A)`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(r: Double((hex >> 16) & 0xFF) / 255, g: Double((hex >> 8) & 0xFF) / 255,
                  b: Double(hex & 0xFF) / 255, a: alpha)
    }
    /// Linear mix: `t = 0` gives self, `t = 1` gives `other`.
    public func mixed(with other: Color, _ t: Double) -> Color {
        let t = min(1, max(0, t))
        return Color(r: r + (other.r - r) * t, g: g + (other.g - g) * t,
                     b: b + (other.b - b) * t, a: a + (other.a - a) * t)
    }
    /// Relative luminance (WCAG), used to pick dark or light text on a fill.
    public var luminance: Double {
        func lin(_ c: Double) -> Double { c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
    public static let white = Color(r: 1, g: 1, b: 1)
    public static let black = Color(r: 0, g: 0, b: 0)
}
