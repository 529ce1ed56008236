#!/usr/bin/env python3
"""Generate word_pairs.txt: syllable pairs that Vietnamese writes as one word.

Usage: gen_word_pairs.py VIETNEWS_TRAIN_JSONL_GZ OUT.txt [MIN_JOINED MIN_RATIO]

Reads the `seg` field of every record (word-segmented text, syllables of one word
joined by "_": "tai_nạn giao_thông"). For each pair of adjacent alphabetic
syllables it counts how often the pair occurs and how often it sits inside one
word. A pair is kept when it was joined at least MIN_JOINED times (default 5)
and in at least MIN_RATIO of its occurrences (default 0.9).

A few pairs are left out because after a count they read as the count's unit
followed by a new word, and a figure may end between them: "[hai ngày] nay"
(these two days), "[3 năm] học", "[5 người] dân", "[300 tỷ đồng] loại".

Writes facts only: one pair a line, "a b", lower-cased and tone-folded as
src/normalize.rs folds ("hoà" -> "hòa"), NFC, sorted, "\n" line ends.
"""
import collections
import gzip
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "models", "train"))
from vntext import fold_tones  # noqa: E402


AFTER_A_COUNT = {"ngày nay", "năm học", "người dân", "đồng loại"}


def count(path):
    joined, total = collections.Counter(), collections.Counter()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            seg = json.loads(line).get("seg") or ""
            for para in seg.split("\n"):
                prev = None
                for word in para.lower().split():
                    # Folded syllable by syllable: "_" counts as a letter to the folding.
                    for i, syl in enumerate(fold_tones(s) for s in word.split("_")):
                        if not syl.isalpha():
                            prev = None
                            continue
                        if prev is not None:
                            total[(prev, syl)] += 1
                            if i > 0:
                                joined[(prev, syl)] += 1
                        prev = syl
    return joined, total


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    min_joined = int(sys.argv[3]) if len(sys.argv) == 5 else 5
    min_ratio = float(sys.argv[4]) if len(sys.argv) == 5 else 0.9
    joined, total = count(sys.argv[1])
    keep = sorted(
        f"{a} {b}"
        for (a, b), c in joined.items()
        if c >= min_joined and c / total[(a, b)] >= min_ratio and f"{a} {b}" not in AFTER_A_COUNT
    )
    with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as out:
        out.write("".join(k + "\n" for k in keep))
    print(f"{len(keep)} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
