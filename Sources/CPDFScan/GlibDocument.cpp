// poppler-glib's side of the table in PDFAPI.h: what the Swift side used to call directly
// (metadata, a page's text boxes, pictures, drawing into Cairo), behind plain C types so that
// the executable needs neither poppler-glib's headers nor its library.
#include "PDFScan.h"

#include <cairo.h>
#include <glib.h>
#include <poppler.h>

#include <cstring>

namespace {

void *glibOpen(const char *bytes, size_t length, int *status, char **message) {
    GError *err = nullptr;
    // Not copied: the caller keeps the bytes for the document's life.
    GBytes *data = g_bytes_new_static(bytes, length);
    PopplerDocument *doc = poppler_document_new_from_bytes(data, nullptr, &err);
    g_bytes_unref(data);
    if (doc) {
        *status = YS_OK;
        *message = nullptr;
        return doc;
    }
    *status = err && err->code == POPPLER_ERROR_ENCRYPTED ? YS_ENCRYPTED : YS_DAMAGED;
    *message = g_strdup(err ? err->message : "unknown error");
    if (err) { g_error_free(err); }
    return nullptr;
}

int glibPageCount(void *doc) { return poppler_document_get_n_pages(static_cast<PopplerDocument *>(doc)); }

char *glibTitle(void *doc) { return poppler_document_get_title(static_cast<PopplerDocument *>(doc)); }

void *glibPage(void *doc, int index) { return poppler_document_get_page(static_cast<PopplerDocument *>(doc), index); }

void glibPageSize(void *page, double *width, double *height) {
    poppler_page_get_size(static_cast<PopplerPage *>(page), width, height);
}

unsigned glibPageText(void *page, char **text, double **boxes) {
    auto *p = static_cast<PopplerPage *>(page);
    *text = poppler_page_get_text(p);
    *boxes = nullptr;
    PopplerRectangle *rects = nullptr;
    guint n = 0;
    if (!*text || !poppler_page_get_text_layout(p, &rects, &n) || !rects) { return 0; }
    // PopplerRectangle is four doubles (x1, y1, x2, y2): handed over as they are.
    static_assert(sizeof(PopplerRectangle) == 4 * sizeof(double), "PopplerRectangle is four doubles");
    *boxes = reinterpret_cast<double *>(rects);
    return n;
}

void glibPageRender(void *page, void *cairo, int printing) {
    auto *p = static_cast<PopplerPage *>(page);
    auto *cr = static_cast<cairo_t *>(cairo);
    if (printing) { poppler_page_render_for_printing(p, cr); } else { poppler_page_render(p, cr); }
}

int glibPageHasImages(void *page) {
    GList *list = poppler_page_get_image_mapping(static_cast<PopplerPage *>(page));
    if (!list) { return 0; }
    poppler_page_free_image_mapping(list);
    return 1;
}

void unref(void *object) { g_object_unref(object); }

void release(void *memory) { g_free(memory); }

} // namespace

extern "C" void ys_fill_glib(YSPDFAPI *api) {
    api->glib_open = glibOpen;
    api->glib_page_count = glibPageCount;
    api->glib_title = glibTitle;
    api->glib_page = glibPage;
    api->glib_page_size = glibPageSize;
    api->glib_page_text = glibPageText;
    api->glib_page_render = glibPageRender;
    api->glib_page_has_images = glibPageHasImages;
    api->unref = unref;
    api->release = release;
}
