#!/usr/bin/env python3
"""Compare the facts yusuan reads from two inputs of the same document (say a text sample and the
`pdftotext -layout` text of its PDF): prints the facts only one side has, by table.

    scripts/compare-facts.py [--yusuan .build/debug/yusuan] A B [--tables-only]
"""
import argparse, collections, csv, io, os, subprocess, sys, tempfile

def facts(exe, path):
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "s.sqlite")
        r = subprocess.run([exe, "ingest", "-q", "--db", db, path], capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"{path}: ingest failed: {r.stderr}")
        out = subprocess.run([exe, "export", "--db", db, "--format", "csv"], capture_output=True, text=True).stdout
    rows = csv.DictReader(io.StringIO(out.lstrip("\ufeff")))
    keys = collections.Counter()
    for r in rows:
        keys[(r["table"], r["year"], r["stage"], r["code"], r["item"], r["measure"], r["amount_yuan"])] += 1
    return keys

ap = argparse.ArgumentParser()
ap.add_argument("a"); ap.add_argument("b")
ap.add_argument("--yusuan", default=".build/debug/yusuan")
ap.add_argument("--tables-only", action="store_true", help="leave out narrative facts")
args = ap.parse_args()
a, b = facts(args.yusuan, args.a), facts(args.yusuan, args.b)
if args.tables_only:
    a = collections.Counter({k: v for k, v in a.items() if k[0] != "narrative"})
    b = collections.Counter({k: v for k, v in b.items() if k[0] != "narrative"})
only_a, only_b = a - b, b - a
print(f"A {sum(a.values())} facts, B {sum(b.values())}; same {sum((a & b).values())}; only A {sum(only_a.values())}, only B {sum(only_b.values())}")
for name, side in (("only in A", only_a), ("only in B", only_b)):
    for k in sorted(side):
        print(f"  {name}: {' | '.join(k)}" + (f" ×{side[k]}" if side[k] > 1 else ""))
sys.exit(0 if not only_a and not only_b else 1)
