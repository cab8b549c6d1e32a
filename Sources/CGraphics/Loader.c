// Loads Cairo, Pango and fontconfig (see Graphics.h) through pangocairo, whose dependencies hold
// the rest: dlsym on its handle searches them too.
#define _GNU_SOURCE
#include "Graphics.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/// pangocairo's name (on macOS, Homebrew's, then the unversioned link).
static const char *const libraryNames[] = {
#ifdef __APPLE__
    "libpangocairo-1.0.0.dylib", "libpangocairo-1.0.dylib",
#else
    "libpangocairo-1.0.so.0",
#endif
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static YSGraphics table;
static const YSGraphics *loaded;
static char failure[512];

static void load(void) {
    void *handle = NULL;
    for (size_t i = 0; i < sizeof libraryNames / sizeof *libraryNames && !handle; i++) {
        handle = dlopen(libraryNames[i], RTLD_NOW | RTLD_LOCAL);
        // The first name's reason is the one to give.
        if (!handle && i == 0) { snprintf(failure, sizeof failure, "%s", dlerror()); }
    }
    if (!handle) { return; }
#define YS_GRAPHICS_LOOKUP(name)                                                        \
    if (!(table.name = (__typeof__(name) *)dlsym(handle, #name))) {                    \
        snprintf(failure, sizeof failure, "%s has no %s (too old a version?)", libraryNames[0], #name); \
        return;                                                                          \
    }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"   // see Graphics.h
    YS_GRAPHICS_FUNCTIONS(YS_GRAPHICS_LOOKUP)
#pragma GCC diagnostic pop
#undef YS_GRAPHICS_LOOKUP
    loaded = &table;
}

const YSGraphics *ys_graphics_load(char *error, size_t size) {
    pthread_once(&once, load);
    if (!loaded && size > 0) { snprintf(error, size, "%s", failure); }
    return loaded;
}
