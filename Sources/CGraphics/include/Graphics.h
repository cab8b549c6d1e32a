#ifndef YUSUAN_GRAPHICS_H
#define YUSUAN_GRAPHICS_H
// Cairo, Pango and fontconfig as one table of functions, loaded with dlopen (`ys_graphics_load`)
// rather than linked: a command that draws nothing starts without their ~35 shared libraries, and
// one that draws loads them on the other core while it parses its command line and reads the store
// (docs/PERFORMANCE.md). Each entry has the type of the function it names (`__typeof__`), so a
// call through the table is checked against the library's own header.
#include <stddef.h>
#include <cairo.h>
#include <cairo-svg.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>

/// Every function yusuan calls, as F(name). Add a function here before calling it as `gx.name`.
#define YS_GRAPHICS_FUNCTIONS(F) \
    /* Cairo */ \
    F(cairo_arc) F(cairo_clip_extents) F(cairo_create) F(cairo_destroy) F(cairo_fill) \
    F(cairo_font_options_create) F(cairo_font_options_destroy) F(cairo_font_options_set_antialias) \
    F(cairo_font_options_set_hint_metrics) F(cairo_font_options_set_hint_style) \
    F(cairo_format_stride_for_width) F(cairo_get_current_point) F(cairo_image_surface_create) \
    F(cairo_image_surface_create_for_data) F(cairo_image_surface_get_data) \
    F(cairo_image_surface_get_format) F(cairo_image_surface_get_height) \
    F(cairo_image_surface_get_stride) F(cairo_image_surface_get_width) F(cairo_line_to) \
    F(cairo_move_to) F(cairo_new_path) F(cairo_paint) F(cairo_pattern_add_color_stop_rgba) \
    F(cairo_pattern_create_linear) F(cairo_pattern_destroy) F(cairo_pdf_surface_create) \
    F(cairo_pdf_surface_create_for_stream) F(cairo_pdf_surface_set_metadata) \
    F(cairo_pdf_surface_set_size) F(cairo_rectangle) F(cairo_restore) F(cairo_save) F(cairo_scale) \
    F(cairo_select_font_face) F(cairo_set_antialias) F(cairo_set_font_size) F(cairo_set_line_cap) \
    F(cairo_set_line_width) F(cairo_set_source) F(cairo_set_source_rgb) F(cairo_set_source_rgba) \
    F(cairo_show_page) F(cairo_show_text) F(cairo_status) F(cairo_status_to_string) F(cairo_stroke) \
    F(cairo_surface_destroy) F(cairo_surface_finish) F(cairo_surface_flush) \
    F(cairo_surface_mark_dirty) F(cairo_surface_status) F(cairo_surface_write_to_png_stream) \
    F(cairo_svg_surface_create_for_stream) F(cairo_svg_surface_set_document_unit) \
    F(cairo_text_extents) F(cairo_translate) \
    /* Pango (and its Cairo and fontconfig font maps) */ \
    F(pango_cairo_context_set_font_options) F(pango_cairo_font_map_get_default) \
    F(pango_cairo_show_glyph_item) F(pango_cairo_show_layout) F(pango_cairo_update_context) \
    F(pango_context_get_base_dir) F(pango_context_set_font_description) \
    F(pango_context_set_round_glyph_positions) F(pango_fc_font_map_config_changed) \
    F(pango_find_base_dir) F(pango_font_description_free) F(pango_font_description_new) \
    F(pango_font_description_set_absolute_size) F(pango_font_description_set_family) \
    F(pango_font_description_set_weight) F(pango_font_get_glyph_extents) F(pango_font_get_hb_font) \
    F(pango_font_map_create_context) \
    F(pango_glyph_string_free) F(pango_glyph_string_new) \
    F(pango_item_free) F(pango_itemize_with_base_dir) F(pango_layout_get_baseline) \
    F(pango_layout_get_size) F(pango_layout_new) F(pango_layout_set_font_description) \
    F(pango_layout_set_text) F(pango_shape_with_flags) \
    /* GLib and HarfBuzz, for what Pango hands back */ \
    F(g_list_free) F(g_object_unref) F(hb_font_get_glyph_h_advance) \
    /* fontconfig */ \
    F(FcCharSetHasChar) F(FcConfigBuildFonts) F(FcConfigCreate) F(FcConfigDestroy) \
    F(FcConfigGetCacheDirs) F(FcConfigParseAndLoadFromMemory) F(FcConfigSetCurrent) \
    F(FcConfigSubstitute) F(FcDefaultSubstitute) F(FcFontList) F(FcFontMatch) F(FcFontSetDestroy) \
    F(FcInitLoadConfigAndFonts) F(FcObjectSetAdd) F(FcObjectSetCreate) F(FcObjectSetDestroy) \
    F(FcPatternAddString) F(FcPatternCreate) F(FcPatternDestroy) F(FcPatternGetCharSet) \
    F(FcPatternGetString) F(FcStrListDone) F(FcStrListNext)

// pango_find_base_dir is deprecated since Pango 1.44 and still what ShapedLine gives a line's
// direction by, as a layout does: its entry is no new use.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#define YS_GRAPHICS_ENTRY(name) __typeof__(name) *_Nonnull name;
typedef struct {
    YS_GRAPHICS_FUNCTIONS(YS_GRAPHICS_ENTRY)
} YSGraphics;
#undef YS_GRAPHICS_ENTRY
#pragma GCC diagnostic pop

/// The table, loading the libraries the first time (thread-safe; later calls return at once).
/// NULL when they cannot be loaded, with a sentence in `error` saying which and why (each call
/// gives the same answer).
const YSGraphics *_Nullable ys_graphics_load(char *_Nonnull error, size_t errorSize);

#endif
