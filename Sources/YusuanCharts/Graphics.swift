// Cairo, Pango and fontconfig are loaded, not linked (Sources/CGraphics): every call goes through
// `gx`, the table of their functions.
import CGraphics
import Foundation

/// The functions of Cairo, Pango and fontconfig, called as `gx.cairo_create(…)`. The public entry
/// points (`PangoTextMeasurer.init`, the renderers) call `Graphics.load()` first, which throws
/// with the loader's reason; after it, `gx` cannot fail.
let gx: YSGraphics = {
    let (table, reason) = Graphics.loadTable()
    guard let table else { fatalError(ChartError.graphicsUnavailable(reason).description) }
    return table.pointee
}()

/// Loading the drawing libraries: ~35 shared libraries, ~5 ms here, that a command drawing
/// nothing never loads, and that one which draws loads on the other core while it parses its
/// command line and reads the store (docs/PERFORMANCE.md).
public enum Graphics {
    /// Loads the libraries unless they are loaded (thread-safe: a load under way is waited for).
    /// Throws `ChartError.graphicsUnavailable` when they cannot be loaded.
    public static func load() throws {
        let (table, reason) = loadTable()
        if table == nil { throw ChartError.graphicsUnavailable(reason) }
    }

    /// Starts loading the libraries on another thread, for a command that is going to draw.
    public static func loadInBackground(on queue: DispatchQueue) {
        queue.async { _ = loadTable() }
    }

    static func loadTable() -> (UnsafePointer<YSGraphics>?, String) {
        var reason = [CChar](repeating: 0, count: 512)
        let table = ys_graphics_load(&reason, reason.count)
        return (table, String(decoding: reason.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self))
    }
}
