#!/usr/bin/env python3
"""Renders the tab-separated samples into PDFs with two producers, for the PDF round-trip tests.

Each sample becomes an HTML page (tables with ruled cells, prose as paragraphs), printed to PDF by
LibreOffice (`soffice --headless --convert-to pdf`) and by Chromium (`--print-to-pdf`). A second
HTML per sample draws its tables without rules, so that reading tables from how their amounts line
up is tested too. Usage: scripts/make-roundtrip-pdfs.py SAMPLES_DIR OUT_DIR
"""
import html, os, subprocess, sys, tempfile

CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: 'Noto Sans CJK SC', 'Noto Serif CJK SC', sans-serif; font-size: 8pt; }
table { border-collapse: collapse; margin: 6pt 0 10pt 0; }
td { padding: 1pt 3pt; vertical-align: middle; }
td.n { text-align: right; }
p { margin: 2pt 0; }
"""

def is_number(s):
    t = s.strip().replace(",", "").replace(".", "", 1).lstrip("-")
    return t.isdigit()

def to_html(lines, ruled):
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><style>", CSS]
    out.append("td { border: 0.6pt solid #000; }" if ruled else "td { border: none; padding: 1pt 9pt; }")
    out.append("</style></head><body>")
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            j = i
            while j < len(lines) and "\t" in lines[j]:
                j += 1
            rows = [l.split("\t") for l in lines[i:j]]
            width = max(len(r) for r in rows)
            # LibreOffice's HTML import honours only the old table attributes, not CSS borders.
            out.append("<table border='1' cellpadding='3' cellspacing='0'>" if ruled else "<table border='0' cellpadding='5' cellspacing='0'>")
            for r in rows:
                r = r + [""] * (width - len(r))
                out.append("<tr>" + "".join(
                    f"<td class='{'n' if is_number(c) else 't'}'>{html.escape(c.strip())}</td>" for c in r) + "</tr>")
            out.append("</table>")
            i = j
        else:
            if lines[i].strip():
                out.append(f"<p>{html.escape(lines[i].strip())}</p>")
            i += 1
    out.append("</body></html>")
    return "\n".join(out)

def main():
    samples, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    tmp = tempfile.mkdtemp()
    for name in sorted(os.listdir(samples)):
        if not name.endswith(".txt"):
            continue
        stem = name[:-4]
        lines = open(os.path.join(samples, name), encoding="utf-8").read().splitlines()
        for ruled, suffix in ((True, ""), (False, "-plain")):
            page = os.path.join(tmp, f"{stem}{suffix}.html")
            with open(page, "w", encoding="utf-8") as f:
                f.write(to_html(lines, ruled))
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf:writer_web_pdf_Export",
                            "--outdir", tmp, page], check=True, capture_output=True)
            os.replace(os.path.join(tmp, f"{stem}{suffix}.pdf"), os.path.join(out_dir, f"{stem}{suffix}-libreoffice.pdf"))
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            f"--print-to-pdf={os.path.join(out_dir, f'{stem}{suffix}-chromium.pdf')}", page],
                           check=True, capture_output=True)
            print("wrote", stem + suffix)

if __name__ == "__main__":
    main()
