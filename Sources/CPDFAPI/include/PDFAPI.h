#ifndef YUSUAN_PDFAPI_H
#define YUSUAN_PDFAPI_H
// What yusuan asks of poppler, as one table of functions. poppler and the ~20 shared libraries
// under it live in libYusuanPDFScan.so (the CPDFScan target), which is loaded the first time a
// PDF is read: every other command starts without them (a chart from the command line starts
// ~5 ms sooner). C interface over C++ and poppler-glib, for Swift.
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One glyph: a Unicode scalar and its box in points (origin top-left, y downwards).
typedef struct {
    uint32_t scalar;
    double x0, y0, x1, y1;
} YSGlyph;

/// One painted rectangle in points (origin top-left, y downwards), in painting order: a filled
/// rectangle, or one straight axis-aligned stroke (its extent along the line, its width across).
/// `dark` is 1 when its colour is darker than near-white (grey level below 240 of 255), 0 when it
/// paints white or near-white over what is under it.
typedef struct {
    double x0, y0, x1, y1;
    uint8_t dark;
} YSPaint;

typedef struct {
    double width, height;
    YSGlyph *glyphs;
    size_t glyphCount;
    YSPaint *paints;
    size_t paintCount;
} YSPage;

/// A document opened on poppler's core (one pass per page: glyphs and paints).
typedef struct YSDocument YSDocument;

enum { YS_OK = 0, YS_ENCRYPTED = 1, YS_DAMAGED = 2 };

/// Raised whenever the table changes shape: a library of another version is refused.
#define YS_PDF_API_VERSION 1

typedef struct {
    int version;

    // poppler's core, one pass per page.
    /// Opens PDF bytes, which are not copied and must outlive the document; NULL with `status`
    /// set when the file cannot be opened.
    YSDocument *(*document_open)(const char *bytes, size_t length, int *status);
    int (*document_page_count)(const YSDocument *doc);
    /// Reads page `index` (0-based) into `out`; 0 when it cannot be read. Free with page_free.
    int (*document_read_page)(YSDocument *doc, int index, YSPage *out);
    void (*page_free)(YSPage *page);
    void (*document_close)(YSDocument *doc);

    // poppler-glib: metadata, pictures, drawing (`check --annotate`). Documents and pages are
    // GObjects, released with `unref`; strings and arrays with `release`.
    /// Opens PDF bytes (not copied); NULL with `status` and a message (release it) on failure.
    void *(*glib_open)(const char *bytes, size_t length, int *status, char **message);
    int (*glib_page_count)(void *doc);
    /// The title in the document's metadata, or NULL.
    char *(*glib_title)(void *doc);
    void *(*glib_page)(void *doc, int index);
    void (*glib_page_size)(void *page, double *width, double *height);
    /// The page's text (UTF-8) and one box per character (x0, y0, x1, y1): the count of boxes.
    /// Release both (either may be NULL), whatever the count.
    unsigned (*glib_page_text)(void *page, char **text, double **boxes);
    /// Draws the page into a cairo_t; `printing` draws it as for print (no annotations' looks).
    void (*glib_page_render)(void *page, void *cairo, int printing);
    int (*glib_page_has_images)(void *page);
    void (*unref)(void *object);
    void (*release)(void *memory);
} YSPDFAPI;

/// Loads the library (the caller keeps the table): from the path in YUSUAN_PDF_LIBRARY when it
/// is set, else beside the running executable, else by the loader's search path. NULL with a
/// sentence in `error` when it cannot be loaded.
const YSPDFAPI *ys_pdf_api_load(char *error, size_t errorSize);

#ifdef __cplusplus
}
#endif
#endif
