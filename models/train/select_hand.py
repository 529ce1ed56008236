#!/usr/bin/env python3
"""Pick VietNews train articles about local government for hand annotation.

usage: select_hand.py TRAIN.jsonl.gz N OUTDIR BATCH
Writes OUTDIR/bNN/articles.jsonl ({"id", "text"}), BATCH articles a folder.
The choice is deterministic (sorted by a hash of the id), so it can be redone.
"""
import gzip, hashlib, json, os, sys, unicodedata

KEYS = ["UBND", "Tỉnh ủy", "Chủ tịch", "Bí thư", "tỷ đồng", "Giám đốc", "HĐND", "Sở "]

def score(t):
    return sum(k in t for k in KEYS)

def main(src, n, outdir, batch):
    n, batch = int(n), int(batch)
    cands = []
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            t = unicodedata.normalize("NFC", r["text"])
            if not 500 <= len(t) <= 1600 or score(t) < 3:
                continue
            h = hashlib.sha1(r["id"].encode()).hexdigest()
            cands.append((h, r["id"], t))
    cands.sort()
    chosen = cands[:n]
    for i in range(0, len(chosen), batch):
        d = os.path.join(outdir, f"b{i // batch:02d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "articles.jsonl"), "w", encoding="utf-8") as f:
            for _, aid, t in chosen[i:i + batch]:
                f.write(json.dumps({"id": aid, "text": t}, ensure_ascii=False) + "\n")
    print(f"{len(cands)} candidates, {len(chosen)} chosen")

if __name__ == "__main__":
    if len(sys.argv) != 5:
        print(__doc__); sys.exit(2)
    main(*sys.argv[1:])
