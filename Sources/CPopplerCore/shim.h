// poppler's own (C++) library, for CPDFScan only: its headers are C++, so nothing is imported
// into Swift from here; this module exists to bring poppler's compiler and linker flags
// (pkg-config `poppler`, Debian's libpoppler-private-dev).
