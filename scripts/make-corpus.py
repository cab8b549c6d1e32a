#!/usr/bin/env python3
"""Writes a synthetic corpus of budget disclosures for scale tests, benchmarks and fuzzing.

    python3 scripts/make-corpus.py OUT_DIR [-n 1000] [--damaged 50] [--seed 1] [--samples Samples]

Each document is one of the four samples varied the way real disclosures vary:

- another entity: the entity and its region are replaced by another Chongqing district or
  county (or development zone) and another department;
- another fiscal year (2016-2025): every year in the text is shifted by the same amount;
- amounts scaled by a whole factor (so that totals still add up and shares do not change);
- some re-paginated: a table's title and header rows repeated in the middle of its rows, as a
  PDF page break leaves them;
- saved as UTF-8, UTF-8 with a BOM or GB18030, some with CRLF line ends.

`--damaged M` adds M broken files (`damaged-*.txt`): truncated, flipped bytes, shuffled or dropped
lines, invalid UTF-8, a 1 MB line, a 40-digit number, a PDF header, empty.

Python 3 standard library only; deterministic for a given --seed. Prints a one-line summary.
"""

import argparse
import os
import random
import re
import sys
from decimal import Decimal

DISTRICTS = [
    "万州区", "涪陵区", "渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区",
    "綦江区", "大足区", "渝北区", "巴南区", "黔江区", "长寿区", "江津区", "合川区", "永川区",
    "南川区", "璧山区", "铜梁区", "潼南区", "荣昌区", "开州区", "梁平区", "武隆区",
    "城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县", "巫山县", "巫溪县",
]
ZONES = [
    # (full name, short alias used in prose)
    ("重庆经济技术开发区", "重庆经开区"),
    ("重庆高新技术产业开发区", "重庆高新区"),
    ("万盛经济技术开发区", "万盛经开区"),
]
DEPARTMENTS = [
    "经济和信息化委员会", "发展和改革委员会", "财政局", "教育委员会", "卫生健康委员会", "生态环境局",
    "交通运输委员会", "文化和旅游发展委员会", "农业农村委员会", "住房和城乡建设委员会", "商务委员会",
    "民政局", "司法局", "人力资源和社会保障局", "市场监督管理局", "应急管理局", "规划和自然资源局",
    "城市管理局", "水利局", "科学技术局", "统计局", "审计局", "林业局", "退役军人事务局", "医疗保障局",
    "体育局", "机关事务管理局", "供销合作社", "档案馆", "融媒体中心",
]

# Per sample: the base fiscal year, and how its entity/region strings are replaced.
SAMPLES = {
    "yubei-2024-linkong.txt": dict(year=2024, kind="district",
                                   entity="重庆市渝北区临空都市开发建设管理办公室", region="渝北区"),
    "tongnan-2024-jingxinwei.txt": dict(year=2024, kind="district",
                                        entity="重庆市潼南区经济和信息化委员会", region="潼南区"),
    "cqjkq-2025-guanweihui.txt": dict(year=2025, kind="zone",
                                      entity="重庆经济技术开发区管理委员会", region="重庆经济技术开发区",
                                      alias="重庆经开区"),
    "wansheng-2025-special-funds.txt": dict(year=2025, kind="booklet",
                                            region="万盛经济技术开发区", alias="万盛经开区"),
}

NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]|\.\d)")
CELL_AMOUNT = re.compile(r"^\s*-?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)\s*$")
MONEY_AFTER = re.compile(r"\s*(万元|元|亿元)")


def scale_number(text, k):
    """`text` (digits, optional grouping commas and decimals) times the whole number k, same format."""
    grouped = "," in text
    plain = text.replace(",", "")
    places = len(plain.split(".")[1]) if "." in plain else 0
    v = Decimal(plain) * k
    s = f"{v:.{places}f}"
    if grouped:
        whole, _, frac = s.partition(".")
        whole = f"{int(whole):,}"
        s = whole + ("." + frac if frac else "")
    return s


def transform_prose(line, k, dy):
    def sub(m):
        t = m.group(1)
        after = line[m.end():m.end() + 4]
        if after.startswith("%") or after.startswith("％"):
            return t
        if "," not in t and "." not in t and len(t) == 4 and 2000 <= int(t) <= 2035 \
                and not MONEY_AFTER.match(after):
            return str(int(t) + dy)
        if "," in t or MONEY_AFTER.match(after):
            return scale_number(t, k)
        return t
    return NUMBER.sub(sub, line)


def transform_line(line, k, dy):
    if "\t" not in line:
        return transform_prose(line, k, dy)
    cells = line.split("\t")
    out = []
    for c in cells:
        m = CELL_AMOUNT.match(c)
        if m:
            out.append(c.replace(m.group(1), scale_number(m.group(1), k)))
        else:
            out.append(transform_prose(c, k, dy))
    return "\t".join(out)


def rename(text, spec, rng):
    """Replaces the sample's entity and region by another one; returns (text, label)."""
    kind = spec["kind"]
    if kind == "district" or (kind == "zone" and rng.random() < 0.5):
        d = rng.choice(DISTRICTS)
        dept = rng.choice(DEPARTMENTS)
        stem = d[:-1]
        if kind == "district":
            text = text.replace(spec["entity"], "重庆市" + d + dept)
            old = spec["region"]
            text = text.replace(old, d).replace(old[:-1], stem)
        else:
            text = text.replace(spec["entity"], "重庆市" + d + dept)
            text = text.replace(spec["region"], "重庆市" + d).replace(spec["alias"], d)
            text = text.replace("经开区管委会", d + dept).replace("经开区", d)
        return text, d + dept
    if kind == "zone":
        full, alias = rng.choice(ZONES)
        text = text.replace(spec["region"], full).replace(spec["alias"], alias)
        return text, full
    # booklet: a district's or a zone's catalogue of special funds
    if rng.random() < 0.7:
        d = rng.choice(DISTRICTS)
        text = text.replace(spec["region"], d).replace(spec["alias"], d).replace("万盛区", d)
        return text, d
    full, alias = rng.choice(ZONES)
    text = text.replace(spec["region"], full).replace(spec["alias"], alias)
    return text, full


AMOUNT_IN_ROW = re.compile(r"(^|\t)-?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(\t|$)")


def repaginate(lines, rng, breaks):
    """Repeats a table's title (and unit line) and header rows in the middle of its rows."""
    runs = []  # (start, end) of runs of tab-separated lines
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            j = i
            while j < len(lines) and "\t" in lines[j]:
                j += 1
            if j - i >= 8:
                runs.append((i, j))
            i = j
        else:
            i += 1
    rng.shuffle(runs)
    inserts = []
    for start, end in runs[:breaks]:
        header_end = start
        while header_end < end and not AMOUNT_IN_ROW.search(lines[header_end]):
            header_end += 1
        if header_end >= end - 4:
            continue
        title, unit = None, None
        t = start - 1
        while t >= 0 and t > start - 8:
            s = lines[t].strip()
            if s.startswith("单位") and ("元" in s) and unit is None:
                unit = lines[t]
            elif s and "\t" not in s and not s.startswith("单位"):
                title = lines[t]
                break
            t -= 1
        if title is None:
            continue
        at = rng.randrange(header_end + 2, end - 1)
        page = ["", f"- {rng.randrange(2, 60)} -", "", title, ""]
        if unit is not None and rng.random() < 0.7:
            page += [unit, ""]
        page += lines[start:header_end]
        inserts.append((at, page))
    for at, page in sorted(inserts, reverse=True):
        lines[at:at] = page
    return lines


def vary(name, base, rng):
    spec = SAMPLES[name]
    text = base
    text, label = rename(text, spec, rng)
    year = rng.randrange(2016, 2026)
    dy = year - spec["year"]
    k = rng.choice([1, 1, 2, 3, 4, 7])
    lines = [transform_line(l, k, dy) for l in text.split("\n")]
    if rng.random() < 0.3:
        lines = repaginate(lines, rng, rng.randrange(1, 4))
    return "\n".join(lines), year, label


def encode(text, rng):
    r = rng.random()
    crlf = rng.random() < 0.2
    if crlf:
        text = text.replace("\n", "\r\n")
    if r < 0.2:
        return text.encode("gb18030"), "gb18030"
    if r < 0.3:
        return b"\xef\xbb\xbf" + text.encode("utf-8"), "bom"
    return text.encode("utf-8"), "crlf" if crlf else "utf8"


def damage(data, rng, kind):
    if kind == "empty":
        return b"" if rng.random() < 0.5 else b"  \r\n\n\t \n"
    if kind == "pdf":
        return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + data[:2000]
    if kind == "truncated":
        return data[:rng.randrange(1, max(2, len(data)))]
    if kind == "flipped":
        b = bytearray(data)
        for _ in range(rng.randrange(1, 200)):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b)
    if kind == "invalid-utf8":
        b = bytearray(data)
        for _ in range(rng.randrange(1, 30)):
            i = rng.randrange(len(b))
            b[i:i] = bytes([rng.choice([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xf8])])
        return bytes(b)
    lines = data.split(b"\n")
    if kind == "shuffled":
        i = rng.randrange(len(lines))
        j = min(len(lines), i + rng.randrange(2, 300))
        chunk = lines[i:j]
        rng.shuffle(chunk)
        lines[i:j] = chunk
    elif kind == "dropped":
        lines = [l for l in lines if rng.random() > 0.15]
    elif kind == "huge-line":
        i = rng.randrange(len(lines))
        filler = rng.choice([b"9", b"\t", "合计".encode(), b"1,234.56\t", b" "])
        lines.insert(i, filler * (1_048_576 // len(filler)))
    elif kind == "big-number":
        # a 40-digit number in a row's amount cell and in a sentence
        digits = "".join(rng.choice("0123456789") for _ in range(39))
        big = ("9" + digits).encode()
        rows = [n for n, l in enumerate(lines) if b"\t" in l and re.search(rb"\d\.\d", l)]
        if rows:
            n = rng.choice(rows)
            lines[n] = re.sub(rb"\d[\d,]*\.\d+", lambda m: big + b".00", lines[n], count=1)
        lines.insert(rng.randrange(len(lines)), "支出预算合计".encode() + big + "万元。".encode())
    return b"\n".join(lines)


DAMAGE_KINDS = ["truncated", "flipped", "shuffled", "dropped", "invalid-utf8", "huge-line",
                "big-number", "pdf", "empty"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="folder to write into (created if missing)")
    ap.add_argument("-n", "--count", type=int, default=1000, help="documents to write (default 1000)")
    ap.add_argument("--damaged", type=int, default=0, metavar="M", help="damaged files to add (default 0)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--samples", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Samples"),
                    help="folder with the four samples (default: the repository's Samples/)")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    bases = {}
    for name in sorted(SAMPLES):
        with open(os.path.join(args.samples, name), encoding="utf-8") as f:
            bases[name] = f.read()
    names = sorted(bases)
    os.makedirs(args.out, exist_ok=True)
    seen = set()
    total = 0
    stats = {}
    for i in range(args.count):
        for _attempt in range(20):
            name = rng.choice(names)
            text, year, label = vary(name, bases[name], rng)
            if text not in seen:  # distinct content: the store replaces identical content
                break
        seen.add(text)
        data, enc = encode(text, rng)
        stats[enc] = stats.get(enc, 0) + 1
        stem = name.split("-")[0]
        path = os.path.join(args.out, f"doc-{i + 1:05d}-{stem}-{year}.txt")
        with open(path, "wb") as f:
            f.write(data)
        total += len(data)
    for i in range(args.damaged):
        kind = DAMAGE_KINDS[i % len(DAMAGE_KINDS)]
        name = rng.choice(names)
        text, _, _ = vary(name, bases[name], rng)
        data = damage(encode(text, rng)[0], rng, kind)
        with open(os.path.join(args.out, f"damaged-{i + 1:04d}-{kind}.txt"), "wb") as f:
            f.write(data)
        total += len(data)
    enc = ", ".join(f"{v} {k}" for k, v in sorted(stats.items()))
    print(f"wrote {args.count} documents ({enc}) and {args.damaged} damaged files, "
          f"{total / 1e6:.1f} MB, into {args.out}")


if __name__ == "__main__":
    sys.exit(main())
