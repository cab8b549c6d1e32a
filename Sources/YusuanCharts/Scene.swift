import Foundation

/// One drawing instruction. A layout produces a list of these; a `Canvas` replays them.
public enum SceneItem: Equatable, Sendable {
    /// A filled rectangle, optionally outlined.
    case rect(Rect, fill: Color, stroke: Color? = nil, lineWidth: Double = 0)
    /// A straight line.
    case line(from: Point, to: Point, color: Color, width: Double)
    /// A rectangle filled with a left-to-right gradient through evenly spaced `stops`.
    case gradient(Rect, stops: [Color])
    /// Lines of text, already placed.
    case text(TextBox)
    /// A filled disc (a dot of a dot plot).
    case circle(center: Point, radius: Double, fill: Color)
}

/// A laid-out chart: its pixel size, background and drawing list.
public struct Scene: Equatable, Sendable {
    public var size: Size
    public var background: Color
    public var items: [SceneItem]
    public init(size: Size, background: Color, items: [SceneItem] = []) {
        self.size = size; self.background = background; self.items = items
    }
    /// Every text box in drawing order.
    public var textBoxes: [TextBox] {
        items.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
    }
}

/// A drawing surface in chart pixels. The Cairo canvas is the one implementation that ships;
/// tests may record calls instead.
public protocol Canvas: AnyObject {
    func fill(_ rect: Rect, color: Color)
    func stroke(_ rect: Rect, color: Color, width: Double)
    func line(from: Point, to: Point, color: Color, width: Double)
    func gradient(_ rect: Rect, stops: [Color])
    /// Draws one line of text with its logical box's top-left at `origin`.
    func text(_ string: String, at origin: Point, style: TextStyle, color: Color)
    func circle(center: Point, radius: Double, color: Color)
}

extension Canvas {
    /// Canvases without curves draw a dot as its bounding square.
    public func circle(center: Point, radius: Double, color: Color) {
        fill(Rect(x: center.x - radius, y: center.y - radius, width: 2 * radius, height: 2 * radius), color: color)
    }
}

extension Scene {
    /// Replays the drawing list onto `canvas`.
    public func draw(on canvas: Canvas) {
        canvas.fill(Rect(x: 0, y: 0, width: size.width, height: size.height), color: background)
        for item in items {
            switch item {
            case let .rect(r, fill, stroke, lw):
                if fill.a > 0 { canvas.fill(r, color: fill) }
                if let stroke, lw > 0 { canvas.stroke(r, color: stroke, width: lw) }
            case let .line(a, b, c, w):
                canvas.line(from: a, to: b, color: c, width: w)
            case let .gradient(r, stops):
                canvas.gradient(r, stops: stops)
            case let .circle(c, r, fill):
                canvas.circle(center: c, radius: r, color: fill)
            case let .text(box):
                for (i, l) in box.lines.enumerated() {
                    canvas.text(l, at: box.origins[i], style: box.style, color: box.color)
                }
            }
        }
    }
}
