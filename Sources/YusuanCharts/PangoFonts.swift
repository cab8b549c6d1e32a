// Font resolution: which installed family to draw with, and the Pango context and font
// descriptions every text call shares. Only this file and its siblings (FontConfig,
// PangoTextMeasurer, ShapedLine, CairoCanvas, CairoSurface, PNGEncoder) call Cairo, Pango or
// fontconfig, all through `gx` (Graphics.swift).
import CCairo
import CGraphics
import Foundation

/// Pango units per pixel (PANGO_SCALE is a macro Swift cannot import).
let pangoScale = 1024.0
/// What the default font resolves to, in order of preference.
private let preferredCJKFamilies = [
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "AR PL UMing CN",
]
private let cacheLock = NSLock()
// Read and written only with `cacheLock` held.
nonisolated(unsafe) private var resolvedFamilies: [String: String] = [:]
// Read and written only with `cacheLock` held.
nonisolated(unsafe) private var drawingFonts: [ResolvedFont] = []

/// A Pango context whose metrics do not depend on the surface or its scale: no hinting, no
/// rounding of glyph positions. Measuring and drawing with the same settings is what keeps a
/// label that fits in the layout inside its box on every surface.
func makePangoContext() -> OpaquePointer {
    let fontMap = gx.pango_cairo_font_map_get_default()!   // per thread, owned by Pango
    let ctx = gx.pango_font_map_create_context(fontMap)!
    let opts = gx.cairo_font_options_create()
    gx.cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE)
    gx.cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF)
    gx.cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY)
    gx.pango_cairo_context_set_font_options(ctx, opts)
    gx.cairo_font_options_destroy(opts)
    gx.pango_context_set_round_glyph_positions(ctx, 0)
    return ctx
}

func gUnref(_ p: OpaquePointer?) { if let p { gx.g_object_unref(UnsafeMutableRawPointer(p)) } }

/// Which installed family to draw with (see FontConfig.swift for why Pango draws through a
/// private fontconfig configuration).
enum FontResolver {
    /// Every installed family, by the system configuration.
    static func installedFamilies() -> [String] {
        guard let sys = FontConfigQuery.system() else { return [] }
        defer { sys.destroy() }
        return sys.families()
    }

    /// The installed spelling of the family to draw with. The first call in a process installs the
    /// drawing configuration, before Pango starts (Pango's own FcInit then finds one in place).
    static func resolve(_ requested: String?) throws -> String {
        let key = requested ?? ""
        cacheLock.lock(); defer { cacheLock.unlock() }
        if let hit = resolvedFamilies[key] { return hit }
        let font: ResolvedFont
        if let cached = FontCacheFile.read(key) {
            font = cached
        } else {
            guard let sys = FontConfigQuery.system() else { throw ChartError.noCJKFont }
            defer { sys.destroy() }
            font = try resolve(requested, in: sys)
            FontCacheFile.write(key, font)
        }
        draw(with: font)
        resolvedFamilies[key] = font.family
        return font.family
    }

    static func resolve(_ requested: String?, in sys: FontConfigQuery) throws -> ResolvedFont {
        let installed = sys.families()
        func installedName(_ name: String) -> String? {
            installed.first { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
        let found: String
        if let requested {
            guard let name = installedName(requested), sys.coversChinese(name) else {
                // Slow (loads each family), on the error path only.
                throw ChartError.fontNotFound(requested, available: installed.filter(sys.coversChinese))
            }
            found = name
        } else if let name = preferredCJKFamilies.lazy.compactMap(installedName).first(where: sys.coversChinese) {
            found = name
        } else if let any = installed.first(where: sys.coversChinese) {
            found = any
        } else {
            throw ChartError.noCJKFont
        }
        return ResolvedFont(family: found, directories: sys.directories(of: found), cacheDirectories: sys.cacheDirectories())
    }

    /// Makes the drawing configuration hold every font resolved so far in this process.
    private static func draw(with font: ResolvedFont) {
        guard !drawingFonts.contains(font) else { return }
        drawingFonts.append(font)
        guard let config = FontConfigQuery.drawing(drawingFonts) else { return }   // then fontconfig's own
        _ = gx.FcConfigSetCurrent(config)   // takes its own reference
        gx.FcConfigDestroy(config)
        // A font map already in use on this thread forgets what it matched against the old configuration.
        if drawingFonts.count > 1 {
            gx.pango_fc_font_map_config_changed(OpaquePointer(gx.pango_cairo_font_map_get_default()))
        }
    }
}

extension TextStyle {
    /// Text is measured and drawn at one reference size and scaled: with hinting and glyph-position
    /// rounding off (see `makePangoContext`), advances are linear in the size, and FreeType then
    /// loads each glyph once instead of once for every size label fitting tries — most of a cold
    /// render's time. Drawn too: Pango makes each new size's fontconfig pattern by starting two
    /// threads (one to match, one to sort the fallback fonts) and waiting for the match, ~0.2–0.4 ms
    /// a size, for every size a chart's labels and each band's thread use.
    static let referenceSize = 100.0
    var atReferenceSize: TextStyle { sized(Self.referenceSize) }
    /// What the reference size is multiplied by to draw at this style's size.
    var scaleFromReference: Double { size / Self.referenceSize }
}

/// Shared font descriptions for the styles in use, one set per family.
final class FontDescriptions {
    let family: String
    private var cache: [TextStyle: OpaquePointer] = [:]
    init(family: String) { self.family = family }
    func get(_ style: TextStyle) -> OpaquePointer {
        if let d = cache[style] { return d }
        let d = gx.pango_font_description_new()!
        gx.pango_font_description_set_family(d, family)
        gx.pango_font_description_set_absolute_size(d, style.size * pangoScale)
        gx.pango_font_description_set_weight(d, style.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        cache[style] = d
        return d
    }
    deinit { for d in cache.values { gx.pango_font_description_free(d) } }
}
