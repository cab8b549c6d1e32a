// Font resolution: which installed family to draw with, and the Pango context and font
// descriptions every text call shares. Only this file and its siblings (PangoTextMeasurer,
// CairoCanvas, CairoSurface, PNGEncoder) call Cairo, Pango or fontconfig.
import CCairo
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

/// A Pango context whose metrics do not depend on the surface or its scale: no hinting, no
/// rounding of glyph positions. Measuring and drawing with the same settings is what keeps a
/// label that fits in the layout inside its box on every surface.
func makePangoContext() -> OpaquePointer {
    let fontMap = pango_cairo_font_map_get_default()!   // per thread, owned by Pango
    let ctx = pango_font_map_create_context(fontMap)!
    let opts = cairo_font_options_create()
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE)
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF)
    cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY)
    pango_cairo_context_set_font_options(ctx, opts)
    cairo_font_options_destroy(opts)
    pango_context_set_round_glyph_positions(ctx, 0)
    return ctx
}

func gUnref(_ p: OpaquePointer?) { if let p { g_object_unref(UnsafeMutableRawPointer(p)) } }

/// Font lookup through fontconfig, via Pango's font map.
enum FontResolver {
    /// Whether `family` is installed under that name and has the glyph 中.
    static func coversChinese(_ family: String, context: OpaquePointer) -> Bool {
        let desc = pango_font_description_new()!
        defer { pango_font_description_free(desc) }
        pango_font_description_set_family(desc, family)
        pango_font_description_set_absolute_size(desc, 12 * pangoScale)
        guard let font = pango_font_map_load_font(pango_cairo_font_map_get_default(), context, desc) else { return false }
        defer { g_object_unref(font) }
        // fontconfig substitutes a default for unknown names: check we got the family we asked for.
        let got = pango_font_describe(font)!
        defer { pango_font_description_free(got) }
        guard let fam = pango_font_description_get_family(got),
              String(cString: fam).caseInsensitiveCompare(family) == .orderedSame else { return false }
        return pango_font_has_char(font, 0x4E2D) != 0
    }

    static func installedFamilies() -> [String] {
        var families: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>? = nil
        var n: Int32 = 0
        pango_font_map_list_families(pango_cairo_font_map_get_default(), &families, &n)
        defer { g_free(families) }
        var names: [String] = []
        for i in 0..<Int(n) {
            if let f = families?[i], let name = pango_font_family_get_name(f) { names.append(String(cString: name)) }
        }
        return names.sorted()
    }

    /// Installed families that can draw Chinese (slow: loads each family; error path only).
    static func cjkFamilies(context: OpaquePointer) -> [String] {
        installedFamilies().filter { coversChinese($0, context: context) }
    }

    /// The installed spelling of the family to draw with.
    static func resolve(_ requested: String?) throws -> String {
        let key = requested ?? ""
        cacheLock.lock(); defer { cacheLock.unlock() }
        if let hit = resolvedFamilies[key] { return hit }
        let ctx = makePangoContext()
        defer { gUnref(ctx) }
        let installed = installedFamilies()
        func installedName(_ name: String) -> String? {
            installed.first { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
        let found: String
        if let requested {
            guard let name = installedName(requested), coversChinese(name, context: ctx) else {
                throw ChartError.fontNotFound(requested, available: cjkFamilies(context: ctx))
            }
            found = name
        } else if let name = preferredCJKFamilies.lazy.compactMap(installedName).first(where: { coversChinese($0, context: ctx) }) {
            found = name
        } else if let any = installed.first(where: { coversChinese($0, context: ctx) }) {
            found = any
        } else {
            throw ChartError.noCJKFont
        }
        resolvedFamilies[key] = found
        return found
    }
}

/// Shared font descriptions for the styles in use, one set per family.
final class FontDescriptions {
    let family: String
    private var cache: [TextStyle: OpaquePointer] = [:]
    init(family: String) { self.family = family }
    func get(_ style: TextStyle) -> OpaquePointer {
        if let d = cache[style] { return d }
        let d = pango_font_description_new()!
        pango_font_description_set_family(d, family)
        pango_font_description_set_absolute_size(d, style.size * pangoScale)
        pango_font_description_set_weight(d, style.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        cache[style] = d
        return d
    }
    deinit { for d in cache.values { pango_font_description_free(d) } }
}
