#!/usr/bin/env python3
"""Generate admin_units.tsv: Vietnamese administrative units in two eras.

Usage: gen_gazetteer.py SHARED_GAZETTEER_DIR OUT.tsv

Reads (read-only):
  admin-units-2025-03/units.json                 63 provinces -> districts -> wards (until 2025-06-30)
  admin-units-2025-07/mapping/splits.json        old province / commune (and 5 island districts) -> new ids
  admin-units-2025-07/mapping/merges.json        new province / commune -> old ids
  admin-units-2025-07/docs/915_CTK-CSCL.csv      34 new provinces and their codes
  admin-units-2025-07/docs/1027_CTK-CSCL.md      3,321 new communes (markdown table)

Writes a TSV of facts only, no header, one row per unit, UTF-8 NFC, "\n" line ends:
  era  level  code  kind  name  parent_code  province_code  successors
era: 2025-03 | 2025-07; level: province | district | commune; kind: the type word
(Tỉnh, Thành phố, Quận, Huyện, Thị xã, Phường, Xã, Thị trấn, Đặc khu); name: without
the type word; parent_code: empty for provinces, the district for 2025-03 communes,
the province for districts and 2025-07 communes; successors: comma-separated codes
of the other era (2025-03 -> 2025-07 from splits.json; 2025-07 -> 2025-03 from
merges.json), only codes that exist in that era's rows; empty when unknown.
Rows are ordered by era, then level (province, district, commune), then code.
"""
import csv
import json
import os
import re
import sys
import unicodedata

KINDS = ["Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Tỉnh", "Quận", "Huyện", "Phường", "Xã"]
LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}


def clean(s):
    s = unicodedata.normalize("NFC", s.replace("<br>", " "))
    return re.sub(r"\s+", " ", s).strip()


def split_kind(full, default=None):
    full = clean(full)
    low = full.lower()
    for k in KINDS:
        if low.startswith(k.lower() + " "):
            return k, full[len(k) + 1:].strip()
    if default is None:
        raise ValueError("no type word in %r" % full)
    return default, full


def fold_province(name):
    """Province name key for joining the 2025-07 sources ("Tp Hải Phòng" = "Thành phố Hải Phòng")."""
    n = clean(name).lower()
    for p in ("thành phố ", "tp ", "tp. ", "tỉnh "):
        if n.startswith(p):
            n = n[len(p):]
    return n.strip()


def main(src, out):
    j = lambda *p: os.path.join(src, *p)
    rows = []  # (era, level, code, kind, name, parent, province, successors list)

    # ---- 2025-07 sources first (needed to validate successor codes) ----
    new_prov = {}  # code -> (kind, name)
    with open(j("admin-units-2025-07", "docs", "915_CTK-CSCL.csv"), encoding="utf-8-sig") as f:
        r = csv.reader(f)
        next(r)
        for rec in r:
            if not rec or not rec[0].strip():
                continue
            code = rec[1].strip()
            kind, name = split_kind(rec[2], default="Tỉnh")
            new_prov[code] = (kind, name)
    prov_by_key = {fold_province(n): c for c, (_, n) in new_prov.items()}
    assert len(new_prov) == 34 and len(prov_by_key) == 34, len(new_prov)

    new_comm = {}  # code -> (kind, name, province code)
    with open(j("admin-units-2025-07", "docs", "1027_CTK-CSCL.md"), encoding="utf-8") as f:
        cur_prov = None
        for line in f:
            line = line.strip()
            if not line.startswith("|"):
                continue
            cells = [clean(c) for c in line.strip("|").split("|")]
            if len(cells) != 4:
                raise ValueError("bad table row: %r" % line)
            stt, code, name, prov = cells
            if not stt.isdigit():
                # section header such as "| | | TỈNH HÀ TĨNH | Tỉnh Hà Tĩnh |"
                key = fold_province(name)
                if key in prov_by_key:
                    cur_prov = prov_by_key[key]
                continue
            pcode = prov_by_key.get(fold_province(prov)) if prov else cur_prov
            if pcode is None:
                raise ValueError("unknown province in %r" % line)
            if cur_prov is not None and pcode != cur_prov:
                raise ValueError("province column disagrees with section: %r" % line)
            assert re.fullmatch(r"\d{5}", code), code
            kind, nm = split_kind(name)
            assert code not in new_comm, code
            new_comm[code] = (kind, nm, pcode)
    assert len(new_comm) == 3321, len(new_comm)

    merges = json.load(open(j("admin-units-2025-07", "mapping", "merges.json"), encoding="utf-8"))["data"]
    new_prov_pred, new_comm_pred = {}, {}
    for p in merges:
        pc = p["level1_id"]
        assert pc in new_prov, pc
        new_prov_pred[pc] = [m["old_id"] for m in p["merges"]]
        for c in p["level2s"]:
            cc = c["level2_id"]
            if cc not in new_comm or new_comm[cc][2] != pc:
                raise ValueError("merges.json commune %s not in 1027 list under %s" % (cc, pc))
            new_comm_pred[cc] = [m["old_id"] for m in c["merges"]]

    # ---- 2025-03 ----
    units = json.load(open(j("admin-units-2025-03", "units.json"), encoding="utf-8"))
    splits = json.load(open(j("admin-units-2025-07", "mapping", "splits.json"), encoding="utf-8"))["data"]
    succ = {}  # old code -> [new codes]
    for p in splits:
        succ[("province", p["level1_id"])] = [s["new_id"] for s in p["splits"]]
        for d in p.get("level2s") or []:
            succ[("district", d["level2_id"])] = [s["new_id"] for s in d["splits"]]
        for c in p.get("level3s") or []:
            succ[("commune", c["level3_id"])] = [s["new_id"] for s in c["splits"]]

    old_codes = set()
    for p in units:
        pc = p["Code"]
        kind, name = split_kind(p["FullName"])
        rows.append(["2025-03", "province", pc, kind, name, "", pc, succ.get(("province", pc), [])])
        old_codes.add(pc)
        for d in p["District"]:
            dc = d["Code"]
            assert d["ProvinceCode"] == pc
            kind, name = split_kind(d["FullName"])
            rows.append(["2025-03", "district", dc, kind, name, pc, pc, succ.get(("district", dc), [])])
            old_codes.add(dc)
            for w in d["Ward"] or []:
                wc = w["Code"]
                assert w["DistrictCode"] == dc
                kind, name = split_kind(w["FullName"])
                rows.append(["2025-03", "commune", wc, kind, name, dc, pc, succ.get(("commune", wc), [])])
                old_codes.add(wc)

    new_codes = set(new_prov) | set(new_comm)
    for code, (kind, name) in new_prov.items():
        rows.append(["2025-07", "province", code, kind, name, "", code, new_prov_pred.get(code, [])])
    for code, (kind, name, pc) in new_comm.items():
        rows.append(["2025-07", "commune", code, kind, name, pc, pc, new_comm_pred.get(code, [])])

    dropped = 0
    for r in rows:
        other = new_codes if r[0] == "2025-03" else old_codes
        keep = []
        for c in r[7]:
            if c in other and c not in keep:
                keep.append(c)
            elif c not in other:
                dropped += 1
        r[7] = keep

    seen = set()
    for r in rows:
        key = (r[0], r[2])
        assert key not in seen, key  # codes are unique within an era across levels
        seen.add(key)
        for v in r[:7]:
            assert "\t" not in v and "\n" not in v, r

    rows.sort(key=lambda r: (r[0], LEVEL_ORDER[r[1]], r[2]))
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write("\t".join(r[:7] + [",".join(r[7])]) + "\n")
    print("wrote %d rows to %s (%d successor codes unknown in the other era dropped)"
          % (len(rows), out, dropped), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    main(sys.argv[1], sys.argv[2])
