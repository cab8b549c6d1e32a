// One pass of poppler's content-stream interpreter per page gives both what yusuan needs: the
// text layer (poppler's TextOutputDev, the same words and glyph boxes poppler-glib's
// get_text/get_text_layout give) and the rectangles the page paints, from which the tables'
// rules are found. Rendering the page to find its rules parsed each page twice and rasterised
// it under a process-wide lock (Cairo 1.16's font locks); this does neither.
#include "PDFScan.h"

#include <Error.h>
#include <ErrorCodes.h>
#include <Gfx.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/gmem.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

struct YSDocument {
    std::unique_ptr<PDFDoc> doc;
};

namespace {

std::once_flag setUp;

// poppler reports recoverable syntax problems on stderr; the reader reports what matters itself.
void quiet(ErrorCategory, Goffset, const char *) { }

void setUpPoppler() {
    std::call_once(setUp, [] {
        if (!globalParams) { globalParams = std::make_unique<GlobalParams>(); }
        setErrorCallback(quiet);
    });
}

/// poppler-glib's text device (physical layout, reading order), keeping what the page paints.
class ScanDevice : public TextOutputDev {
public:
    ScanDevice() : TextOutputDev(static_cast<const char *>(nullptr), true, 0, false, false) { }
    std::vector<YSPaint> paints;

    void stroke(GfxState *state) override {
        TextOutputDev::stroke(state);
        record(state, true);
    }
    void fill(GfxState *state) override {
        TextOutputDev::fill(state);
        record(state, false);
    }
    void eoFill(GfxState *state) override {
        TextOutputDev::eoFill(state);
        record(state, false, true);
    }

private:
    /// Whether the paint shows dark (grey below 240, as the raster scan counted ink) once
    /// blended over white; -1 for what paints nothing that can be judged (patterns, invisible).
    static int darkness(GfxState *state, bool stroke) {
        GfxColorSpace *space = stroke ? state->getStrokeColorSpace() : state->getFillColorSpace();
        if (!space || space->getMode() == csPattern) { return -1; }
        GfxRGB rgb;
        if (stroke) { state->getStrokeRGB(&rgb); } else { state->getFillRGB(&rgb); }
        double opacity = stroke ? state->getStrokeOpacity() : state->getFillOpacity();
        if (opacity < 0.05) { return -1; }
        double grey = (colToDbl(rgb.b) + 2 * colToDbl(rgb.g) + colToDbl(rgb.r)) / 4 * 255;
        double shown = 255 - opacity * (255 - grey);
        if (shown < 240) { return 1; }
        // A light paint only covers what is under it when it is opaque.
        return opacity > 0.95 ? 0 : -1;
    }

    void record(GfxState *state, bool stroke, bool evenOdd = false) {
        int dark = darkness(state, stroke);
        if (dark < 0) { return; }
        const GfxPath *path = state->getPath();
        if (!path) { return; }
        if (stroke) {
            double start = 0;
            for (double d : state->getLineDash(&start)) {
                // A dashed or dotted line is runs of short marks, never a rule.
                if (d > 0) { return; }
            }
        }
        double width = stroke ? state->getTransformedLineWidth() : 0;
        bool projecting = state->getLineCap() == 2;
        struct Kept { double x0, y0, x1, y1; bool positive; };
        std::vector<Kept> rects; // the filled rectangles of this path so far, for holes
        for (int i = 0; i < path->getNumSubpaths(); ++i) {
            const GfxSubpath *sub = path->getSubpath(i);
            int n = sub->getNumPoints();
            std::vector<double> xs(n), ys(n);
            bool curved = false;
            for (int j = 0; j < n; ++j) {
                state->transform(sub->getX(j), sub->getY(j), &xs[j], &ys[j]);
                curved = curved || sub->getCurve(j);
            }
            if (stroke) {
                for (int j = 1; j < n; ++j) {
                    if (sub->getCurve(j) || sub->getCurve(j - 1)) { continue; }
                    segment(xs[j - 1], ys[j - 1], xs[j], ys[j], width, projecting, static_cast<uint8_t>(dark));
                }
                continue;
            }
            if (curved || n < 4 || n > 5) { continue; }
            double x0 = xs[0], x1 = xs[0], y0 = ys[0], y1 = ys[0];
            bool axisAligned = true;
            for (int j = 0; j < n; ++j) {
                int k = (j + 1) % n;
                bool flat = std::fabs(ys[j] - ys[k]) < 0.01, upright = std::fabs(xs[j] - xs[k]) < 0.01;
                axisAligned = axisAligned && (flat || upright);
                x0 = std::min(x0, xs[j]); x1 = std::max(x1, xs[j]);
                y0 = std::min(y0, ys[j]); y1 = std::max(y1, ys[j]);
            }
            if (!axisAligned || x1 - x0 < 0.01 || y1 - y0 < 0.01) { continue; }
            // Orientation (signed area) tells a hole under the non-zero winding rule.
            double area = 0;
            for (int j = 0; j < n; ++j) {
                int k = (j + 1) % n;
                area += xs[j] * ys[k] - xs[k] * ys[j];
            }
            YSPaint r = { x0, y0, x1, y1, static_cast<uint8_t>(dark) };
            bool hole = false;
            for (const Kept &outer : rects) {
                bool inside = x0 >= outer.x0 && x1 <= outer.x1 && y0 >= outer.y0 && y1 <= outer.y1;
                if (inside && (evenOdd || (area > 0) != outer.positive)) { hole = true; }
            }
            rects.push_back({ x0, y0, x1, y1, area > 0 });
            if (hole) { r.dark = 0; } // a frame: the hole shows what is under it, near enough white
            paints.push_back(r);
        }
    }

    /// A straight stroke: kept when axis-aligned (a rule is never slanted).
    void segment(double ax, double ay, double bx, double by, double width, bool projecting, uint8_t dark) {
        double half = width / 2, cap = projecting ? half : 0;
        if (std::fabs(ay - by) < 0.01 && std::fabs(ax - bx) >= 0.01) {
            paints.push_back({ std::min(ax, bx) - cap, ay - half, std::max(ax, bx) + cap, ay + half, dark });
        } else if (std::fabs(ax - bx) < 0.01 && std::fabs(ay - by) >= 0.01) {
            paints.push_back({ ax - half, std::min(ay, by) - cap, ax + half, std::max(ay, by) + cap, dark });
        }
    }
};

bool noAnnotations(Annot *, void *) { return false; }

template <typename T> T *copyOut(const std::vector<T> &v) {
    if (v.empty()) { return nullptr; }
    T *out = static_cast<T *>(std::malloc(v.size() * sizeof(T)));
    if (out) { std::memcpy(out, v.data(), v.size() * sizeof(T)); }
    return out;
}

} // namespace

extern "C" {

static YSDocument *ys_document_open(const char *bytes, size_t length, int *status) {
    setUpPoppler();
    auto out = std::make_unique<YSDocument>();
    // Not copied: the caller keeps the bytes for the document's life (and several documents,
    // one per thread, read the same bytes).
    out->doc = std::make_unique<PDFDoc>(new MemStream(bytes, 0, static_cast<Goffset>(length), Object(objNull)));
    if (!out->doc->isOk()) {
        *status = out->doc->getErrorCode() == errEncrypted ? YS_ENCRYPTED : YS_DAMAGED;
        return nullptr;
    }
    *status = YS_OK;
    return out.release();
}

static int ys_document_page_count(const YSDocument *doc) {
    return doc->doc->getNumPages();
}

static int ys_document_read_page(YSDocument *doc, int index, YSPage *out) {
    std::memset(out, 0, sizeof(*out));
    Page *page = doc->doc->getPage(index + 1);
    if (!page) { return 0; }
    int rotate = page->getRotate();
    bool turned = rotate == 90 || rotate == 270;
    out->width = turned ? page->getCropHeight() : page->getCropWidth();
    out->height = turned ? page->getCropWidth() : page->getCropHeight();

    ScanDevice device;
    // As poppler-glib builds its text page: the page's content at 72 dpi, cropped, without
    // annotations (displaySlice starts and ends the page on the device).
    page->displaySlice(&device, 72.0, 72.0, 0, false, true, -1, -1, -1, -1, false, nullptr, nullptr, noAnnotations, nullptr);
    TextPage *text = device.takeText();

    std::vector<YSGlyph> glyphs;
    PDFRectangle all(0, 0, out->width, out->height);
    int lines = 0;
    std::vector<TextWordSelection *> **words = text->getSelectionWords(&all, selectionStyleGlyph, &lines);
    for (int i = 0; i < lines; ++i) {
        for (TextWordSelection *selection : *words[i]) {
            const TextWord *word = selection->getWord();
            for (int k = selection->getBegin(); k < selection->getEnd(); ++k) {
                YSGlyph g;
                g.scalar = *word->getChar(k);
                word->getCharBBox(k, &g.x0, &g.y0, &g.x1, &g.y1);
                glyphs.push_back(g);
            }
            delete selection;
        }
        delete words[i];
    }
    gfree(words);
    text->decRefCnt();

    out->glyphs = copyOut(glyphs);
    out->glyphCount = out->glyphs ? glyphs.size() : 0;
    out->paints = copyOut(device.paints);
    out->paintCount = out->paints ? device.paints.size() : 0;
    return 1;
}

static void ys_page_free(YSPage *page) {
    std::free(page->glyphs);
    std::free(page->paints);
    page->glyphs = nullptr;
    page->paints = nullptr;
}

static void ys_document_close(YSDocument *doc) {
    delete doc;
}

} // extern "C"

// poppler-glib's side of the table (GlibDocument.cpp).
extern "C" void ys_fill_glib(YSPDFAPI *api);

extern "C" const YSPDFAPI *ys_pdf_api(void) {
    static const YSPDFAPI table = [] {
        YSPDFAPI t = {};
        t.version = YS_PDF_API_VERSION;
        t.document_open = ys_document_open;
        t.document_page_count = ys_document_page_count;
        t.document_read_page = ys_document_read_page;
        t.page_free = ys_page_free;
        t.document_close = ys_document_close;
        ys_fill_glib(&t);
        return t;
    }();
    return &table;
}
