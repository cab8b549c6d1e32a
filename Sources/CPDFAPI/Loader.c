// Finds and loads libYusuanPDFScan.so (see PDFAPI.h): only a PDF needs poppler.
#define _GNU_SOURCE
#include "PDFAPI.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const libraryName = "libYusuanPDFScan.so";

static const YSPDFAPI *tableOf(void *handle, const char *path, char *error, size_t size) {
    const YSPDFAPI *(*entry)(void) = (const YSPDFAPI *(*)(void))dlsym(handle, "ys_pdf_api");
    if (!entry) {
        snprintf(error, size, "%s is not yusuan's PDF library (no ys_pdf_api)", path);
        return NULL;
    }
    const YSPDFAPI *api = entry();
    if (!api || api->version != YS_PDF_API_VERSION) {
        snprintf(error, size, "%s belongs to another version of yusuan", path);
        return NULL;
    }
    return api;
}

const YSPDFAPI *ys_pdf_api_load(char *error, size_t size) {
    const char *chosen = getenv("YUSUAN_PDF_LIBRARY");
    if (chosen && *chosen) {
        void *handle = dlopen(chosen, RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            snprintf(error, size, "%s", dlerror());
            return NULL;
        }
        return tableOf(handle, chosen, error, size);
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char beside[PATH_MAX + 32] = "";
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            slash[1] = 0;
            snprintf(beside, sizeof beside, "%s%s", exe, libraryName);
        }
    }
    if (*beside) {
        void *handle = dlopen(beside, RTLD_NOW | RTLD_LOCAL);
        if (handle) { return tableOf(handle, beside, error, size); }
        if (access(beside, F_OK) == 0) {
            // There but unloadable (a missing poppler, say): that is the reason to give.
            snprintf(error, size, "%s", dlerror());
            return NULL;
        }
    }
    void *handle = dlopen(libraryName, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(error, size, "%s is neither beside the executable (%s) nor on the library path",
                 libraryName, *beside ? beside : "unknown");
        return NULL;
    }
    return tableOf(handle, libraryName, error, size);
}
