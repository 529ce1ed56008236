#!/usr/bin/env python3
"""Turn hand-annotated gold files into committed stand-off annotations (no article text).

usage: export_hand.py OUT.jsonl GOLD.jsonl [GOLD.jsonl ...]
Each output line: {"id", "entities": [[start, end, label]], "figures": [[start, end, value, unit, of, to]]}.
The text is joined back from VietNews train by id (prepare.py).
"""
import json, sys


def main(out, *golds):
    n = 0
    seen = set()
    with open(out, "w", encoding="utf-8") as f:
        for g in golds:
            for line in open(g, encoding="utf-8"):
                r = json.loads(line)
                if r["id"] in seen:
                    continue
                seen.add(r["id"])
                ents = [[e["start"], e["end"], e["label"]] for e in r["entities"]]
                figs = [[x["start"], x["end"], x["value"], x["unit"], x.get("of"), x.get("to")] for x in r["figures"]]
                f.write(json.dumps({"id": r["id"], "entities": ents, "figures": figs}, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} articles -> {out}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__); sys.exit(2)
    main(*sys.argv[1:])
