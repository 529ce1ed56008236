#!/usr/bin/env bash
# Benchmark: the whole pipeline over the first N articles of VietNews val,
# both backends, 1 thread and all threads, with per-stage time and peak RSS;
# then underthesea's NER on the same articles for comparison.
#
# usage: bench/run.sh [N] [VAL.jsonl.gz]     (N defaults to 2000)
# Needs: cargo, python3 with onnxruntime; underthesea for the comparison
# (pip install underthesea; its CRF model ships in the package).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-2000}"
VAL="${2:-../shared/data/vietnews/val.jsonl.gz}"
PY="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/vnextract
"$PY" - "$VAL" "$N" "$work/input.jsonl" <<'PY'
import gzip, json, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with gzip.open(src, "rt", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
    for i, line in enumerate(f):
        if i >= n:
            break
        r = json.loads(line)
        o.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
PY
echo "input: $N articles, $(du -h "$work/input.jsonl" | cut -f1)"
cores="$(nproc)"
printf '\n%-12s %7s %10s %11s %9s %9s  %s\n' backend threads articles/s tokens/s wall_s rss_MiB "stage seconds (summed over threads)"
for backend in onnxruntime tract; do
  for threads in 1 "$cores"; do
    out="$work/out-$backend-$threads"
    /usr/bin/time -f "%M" -o "$work/rss" "$bin" run "$work/input.jsonl" --out "$out" \
      --backend "$backend" --threads "$threads" 2>/dev/null || { echo "$backend: failed"; continue; }
    "$PY" - "$out/summary.json" "$(cat "$work/rss")" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); rss = int(sys.argv[2]) / 1024
stages = " ".join(f"{k}={v:.2f}" for k, v in s["stage_seconds"].items())
model_share = s["stage_seconds"]["model"] / max(1e-9, sum(s["stage_seconds"].values()))
print(f"{s['backend']:<12} {s['threads']:>7} {s['articles_per_second']:>10.1f} {s['tokens_per_second']:>11.0f} {s['wall_seconds']:>9.2f} {rss:>9.0f}  {stages} model_share={model_share:.0%}")
PY
    cp "$out/summary.json" "$work/summary-$backend-$threads.json"
  done
done

if "$PY" -c "import underthesea" 2>/dev/null; then
  "$PY" - "$work/input.jsonl" "$work/summary-onnxruntime-$cores.json" <<'PY'
import json, sys, time
from underthesea import ner
arts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
ner("Ông Nguyễn Văn A làm việc tại Hà Nội.")  # load the model outside the timing
t = time.time()
for a in arts:
    for line in a.split("\n"):
        if line.strip():
            ner(line)
dt = time.time() - t
ours = json.load(open(sys.argv[2]))
print(f"\nunderthesea ner: {len(arts)} articles in {dt:.1f}s = {len(arts)/dt:.1f} articles/s (1 process)")
print(f"vnextract ({ours['backend']}, {ours['threads']} threads): {ours['articles_per_second']:.1f} articles/s = {ours['articles_per_second']/(len(arts)/dt):.1f}x underthesea")
PY
else
  echo "underthesea not installed: pip install underthesea for the comparison"
fi
