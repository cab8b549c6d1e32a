#!/bin/bash
# The paired figures of docs/PERFORMANCE.md (issue #15), in one run on a quiet machine:
#   bash scripts/paired-benchmarks.sh BEFORE AFTER     (two `make release` binaries of yusuan, each
#   with the libYusuanPDFScan.so of its build beside it when it has one)
# needs hyperfine, /usr/bin/time, python3 with ../shared/peers/requirements.txt, and the corpus
# (python3 scripts/make-corpus.py /tmp/corpus). Each binary writes its own stores: a store of a newer
# version is refused by an older yusuan.
set -u
BEFORE=$1; AFTER=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd); PEERS=${PEERS:-$ROOT/../shared/peers}; W=$(mktemp -d)
CORPUS=${CORPUS:-/tmp/corpus}
uptime
echo "== 1,000 documents into a new store"
hyperfine -N -w1 -r5 --prepare "rm -f $W/h.sqlite $W/h.sqlite-wal $W/h.sqlite-shm" \
  "$BEFORE ingest -q --db $W/h.sqlite $CORPUS" "$AFTER ingest -q --db $W/h.sqlite $CORPUS"
echo "== one treemap PNG against the matplotlib peer"
"$BEFORE" ingest -q --db "$W/b.sqlite" "$ROOT/Samples" >/dev/null 2>&1
"$AFTER" ingest -q --db "$W/a.sqlite" "$ROOT/Samples" >/dev/null 2>&1
T="chart treemap --entity 重庆经济技术开发区管理委员会 --year 2025"
hyperfine -N -w3 -r20 "python3 $PEERS/treemap_matplotlib.py $PEERS/data/cqjkq2025_kuan.csv $W/peer 1" \
  "$BEFORE $T --db $W/b.sqlite -o $W/b.png" "$AFTER $T --db $W/a.sqlite -o $W/a.png"
echo "== the same, interleaved: one run of each in turn, 40 rounds (the machine's drift spread over all three)"
python3 "$ROOT/scripts/interleaved.py" 40 "python3 $PEERS/treemap_matplotlib.py $PEERS/data/cqjkq2025_kuan.csv $W/peer 1" \
  "$BEFORE $T --db $W/b.sqlite -o $W/b.png" "$AFTER $T --db $W/a.sqlite -o $W/a.png"
echo "== one treemap from a store of 1,000 documents (the corpus and the samples; an entity printed in one document)"
for side in before after; do
  bin=$BEFORE; [ $side = after ] && bin=$AFTER
  rm -f "$W"/big-$side.sqlite*
  "$bin" ingest -q --db "$W/big-$side.sqlite" "$CORPUS" "$ROOT/Samples" >/dev/null 2>&1
done
E="chart treemap --entity 重庆市万州区交通运输委员会 --year 2025"
hyperfine -N -w2 -r10 "$BEFORE $E --db $W/big-before.sqlite -o $W/b.png" "$AFTER $E --db $W/big-after.sqlite -o $W/a.png"
echo "== a 25-page PDF against pdfplumber"
P=$(ls "$ROOT"/../shared/pdf-samples/*.pdf | grep -vi template | head -1)
hyperfine -N -w3 -r20 --prepare "rm -f $W/q.sqlite $W/q.sqlite-wal $W/q.sqlite-shm" \
  "python3 $PEERS/pdf_pdfplumber.py $P" "$BEFORE ingest -q --db $W/q.sqlite $P" "$AFTER ingest -q --db $W/q.sqlite $P"
echo "== peak memory"
for b in "$BEFORE" "$AFTER"; do
  rm -f "$W"/x.sqlite*
  /usr/bin/time -o "$W/t" -f "$b corpus: %e s, %U+%S s CPU, peak %M KB" "$b" ingest -q --db "$W/x.sqlite" "$CORPUS" >/dev/null 2>&1
  cat "$W/t"
done
rm -rf "$W"
