#ifndef YUSUAN_PDFSCAN_H
#define YUSUAN_PDFSCAN_H
// One pass over a PDF page through poppler's core: the glyphs as poppler's text layer orders
// them, and the rectangles the page paints (fills and strokes), for finding a table's rules
// without rendering the page. C interface over C++, for Swift.
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

typedef struct YSDocument YSDocument;

enum { YS_OK = 0, YS_ENCRYPTED = 1, YS_DAMAGED = 2 };

/// Opens PDF bytes, which are not copied and must outlive the document; nil with `status` set
/// when the file cannot be opened.
YSDocument *ys_document_open(const char *bytes, size_t length, int *status);
int ys_document_page_count(const YSDocument *doc);
/// Reads page `index` (0-based) into `out`; 0 when it cannot be read. Free with ys_page_free.
int ys_document_read_page(YSDocument *doc, int index, YSPage *out);
void ys_page_free(YSPage *page);
void ys_document_close(YSDocument *doc);

#ifdef __cplusplus
}
#endif
#endif
