#ifndef YUSUAN_PDFSCAN_H
#define YUSUAN_PDFSCAN_H
// libYusuanPDFScan.so: everything yusuan asks of poppler (see PDFAPI.h), behind one entry point
// that the executable finds with dlsym.
#include "PDFAPI.h"

#ifdef __cplusplus
extern "C" {
#endif

/// The table of functions, of version YS_PDF_API_VERSION.
const YSPDFAPI *ys_pdf_api(void);

#ifdef __cplusplus
}
#endif
#endif
