#!/usr/bin/env python3
"""Pick VietNews train articles for hand annotation.

usage: select_hand.py TRAIN.jsonl.gz N OUTDIR BATCH [--figures] [--skip FILE.jsonl ...] [--first K]
Writes OUTDIR/bNN/articles.jsonl ({"id", "text"}), BATCH articles a folder,
numbered from K (default 0).
Default: articles about local government (3+ of the office keywords).
--figures: articles about local affairs dense in counted quantities
("1.200 lao động", "500 ha", "3 dự án"), the hardest label for the model.
--skip: leave out the ids already in these files (stand-off or gold).
The choice is deterministic (sorted by a hash of the id), so it can be redone.
"""
import argparse, gzip, hashlib, json, os, re, unicodedata

KEYS = ["UBND", "Tỉnh ủy", "Chủ tịch", "Bí thư", "tỷ đồng", "Giám đốc", "HĐND", "Sở "]
# a number followed by a lower-case word that is not a money, percent or date word
COUNTED = re.compile(r"\b\d[\d.,]*\s+(?!đồng|triệu|tỷ|nghìn|ngàn|%|tháng|năm|ngày|giờ|h\b)[a-zà-ỹđ]{2,}")


def score(t):
    return sum(k in t for k in KEYS)


def figure_rich(t):
    return score(t) >= 1 and len(COUNTED.findall(t)) >= 6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src"); ap.add_argument("n", type=int); ap.add_argument("outdir"); ap.add_argument("batch", type=int)
    ap.add_argument("--figures", action="store_true")
    ap.add_argument("--skip", nargs="*", default=[])
    ap.add_argument("--first", type=int, default=0)
    a = ap.parse_args()
    skip = {json.loads(l)["id"] for p in a.skip for l in open(p, encoding="utf-8")}
    cands = []
    with gzip.open(a.src, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            t = unicodedata.normalize("NFC", r["text"])
            if r["id"] in skip or not 500 <= len(t) <= 1600:
                continue
            if not (figure_rich(t) if a.figures else score(t) >= 3):
                continue
            h = hashlib.sha1(r["id"].encode()).hexdigest()
            cands.append((h, r["id"], t))
    cands.sort()
    chosen = cands[:a.n]
    for i in range(0, len(chosen), a.batch):
        d = os.path.join(a.outdir, f"b{a.first + i // a.batch:02d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "articles.jsonl"), "w", encoding="utf-8") as f:
            for _, aid, t in chosen[i:i + a.batch]:
                f.write(json.dumps({"id": aid, "text": t}, ensure_ascii=False) + "\n")
    print(f"{len(cands)} candidates, {len(chosen)} chosen")


if __name__ == "__main__":
    main()
