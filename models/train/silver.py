"""Silver labels from rules and gazetteers, for articles nobody annotated by hand.

label(text, seg) -> [(start, end, LABEL)], non-overlapping, by ../shared/ANNOTATION.md
as far as rules can follow it. Precision matters more than recall here: a
silver article teaches the model its spans, and the hand set teaches the rest.
"""
import json, re

# Upper- and lower-case Vietnamese letters; the Unicode ranges interleave
# cases, so the classes are listed letter by letter.
_LETTERS = [chr(c) for c in list(range(0x41, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00))]
UP = "".join(c for c in _LETTERS if c.isupper())
LO = "".join(c for c in _LETTERS if c.islower())
CAP = rf"[{UP}][{LO}{UP}]*"              # a capitalised syllable
NAME = rf"{CAP}(?: {CAP}){{0,4}}"        # a run of capitalised syllables
NUMTOK = r"\d+(?:[.,]\d+)*"

ADMIN = r"(?:tỉnh|Tỉnh|thành phố|Thành phố|TP\.|TP|huyện|Huyện|quận|Quận|thị xã|Thị xã|TX\.?|thị trấn|Thị trấn|xã|Xã|phường|Phường|thôn|Thôn|ấp|Ấp|bản|Bản|xóm|Xóm|tổ dân phố|khu phố|làng|Làng)"

TITLES = [
    "Phó Bí thư Thường trực", "Phó Chủ tịch Thường trực", "Ủy viên Ban Thường vụ", "Tổng Bí thư",
    "Phó Thủ tướng Thường trực", "Phó Thủ tướng", "Thủ tướng", "Chủ tịch nước", "Phó Chủ tịch nước",
    "Phó Chủ tịch", "Chủ tịch", "Phó Bí thư", "Bí thư", "Phó Tổng Giám đốc", "Tổng Giám đốc",
    "Phó Giám đốc", "Giám đốc", "Phó Trưởng phòng", "Trưởng phòng", "Phó Trưởng ban", "Trưởng ban",
    "Phó Trưởng Công an", "Trưởng Công an", "Phó Chánh Văn phòng", "Chánh Văn phòng", "Chánh án",
    "Phó Chánh án", "Viện trưởng", "Phó Viện trưởng", "Bộ trưởng", "Thứ trưởng", "Cục trưởng",
    "Phó Cục trưởng", "Chi cục trưởng", "Hiệu trưởng", "Phó Hiệu trưởng", "Chánh Thanh tra",
    "Người phát ngôn", "Trưởng đoàn", "Phó Trưởng đoàn", "Trưởng thôn", "Đại tướng", "Thượng tướng",
    "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đại úy", "Thượng úy",
    "Trung úy", "Thiếu úy", "Tổng thư ký", "Chủ nhiệm", "Phó Chủ nhiệm", "Tư lệnh", "Chính ủy",
]
TITLE_RE = "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True))

ORG_HEAD = r"(?:Sở|Bộ|Cục|Chi cục|Tổng cục|Ban|Phòng|Viện|Trường|Bệnh viện|Công ty|Tập đoàn|Ngân hàng|Hội|Tòa án nhân dân|TAND|VKSND|Viện KSND|Công an|Bộ Chỉ huy Quân sự|Bộ đội Biên phòng|Kho bạc Nhà nước|Đài|Báo|Liên đoàn|Trung tâm|Đoàn)"
COUNCIL = r"(?:UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân|Ủy ban MTTQ Việt Nam|Ủy ban MTTQ|MTTQ|Công an|Văn phòng UBND|Đoàn ĐBQH)"
PARTY = r"(?:Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|Đảng ủy)"
SURNAMES = set("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Trương Lâm Phùng Mai Tô Hà Tạ Lương Đinh Cao Châu Thái Lại Quách Kiều Chu Triệu Khổng Lưu Hứa Văn Tăng La Nông Lò Lò Mạc Thân Ninh Âu Doãn Từ Tống Khúc Giang Bạch".split())

BIG_PLACES = r"Hà Nội|Đà Nẵng|Hải Phòng|Cần Thơ|Việt Nam"

PATTERNS = [
    # organisations first: a place inside them stays inside.
    ("ORG", rf"Ban Thường vụ {PARTY}(?: {NAME})?"),
    ("ORG", rf"{COUNCIL} {ADMIN}(?: {NAME})?"),
    ("ORG", rf"{PARTY}(?: {NAME})?"),
    # an office and its domain up to the place it serves: "Sở Giao thông vận tải TP. HCM"
    ("ORG", rf"(?:{ORG_HEAD}|{PARTY}|sở|ban|phòng)(?: {CAP})(?: [\w-]+){{0,6}}? (?:{ADMIN} {NAME}|TP\. ?HCM|{BIG_PLACES})"),
    ("ORG", rf"{ORG_HEAD}(?: [{LO}]+)?(?: {CAP})+(?: (?:và|&) {CAP}(?: [{LO}]+)?)?(?: {ADMIN}(?: {NAME})?)?"),
    ("ORG", r"Chính phủ|Quốc hội|UBND|HĐND"),
    ("TITLE", TITLE_RE),
    ("DATE", rf"(?:ngày )?\d{{1,2}}/\d{{1,2}}/\d{{4}}|(?:ngày )?\d{{1,2}}/\d{{1,2}}(?![\d/])|tháng \d{{1,2}}/\d{{4}}|\d{{1,2}} tháng (?:đầu )?năm \d{{4}}|năm \d{{4}}|quý [IV]+/\d{{4}}|giai đoạn \d{{4}}\s?-\s?\d{{4}}|tháng \d{{1,2}}"),
    ("PERCENT", rf"{NUMTOK}(?:\s?%| phần trăm)"),
    ("MONEY", rf"{NUMTOK}(?: (?:nghìn|ngàn|triệu|tỷ|tỉ))*(?: (?:đồng|USD|VNĐ|euro|EUR))|{NUMTOK}(?: (?:nghìn|ngàn|triệu|tỷ|tỉ))+(?= ?[,.;)]| (?:và|cho|từ|để|trong|so))"),
    ("QUANTITY", rf"{NUMTOK}(?:/{NUMTOK})?(?: (?:nghìn|ngàn|triệu|tỷ))? (?:ha|hécta|tấn|km|m2|m3|m|kg|lít|người|hộ|xã|phường|huyện|tỉnh|tiêu chí|điểm|lao động|năm|tháng|ngày|tuổi|dự án|trường|học sinh|con|chiếc|căn nhà|ngôi nhà|doanh nghiệp|đơn vị|trường hợp|cơ sở|công trình|km2|lượt|tàu|xe|giờ|phút|bệnh nhân|ca|thôn|bản|đối tượng|vụ|cây)\b"),
    ("LOC", rf"{ADMIN} {NAME}|TP\. ?HCM|TP HCM|Việt Nam|Hà Nội|Đà Nẵng|Hải Phòng|Cần Thơ|Trung Quốc|Lào|Campuchia|Mỹ|Nhật Bản|Hàn Quốc"),
    ("PER", rf"(?:(?<=ông )|(?<=bà )|(?<=anh )|(?<=chị )|(?<=Ông )|(?<=Bà )|(?<=Anh )|(?<=Chị )|(?<=cháu )|(?<=em ))(?:{NAME})"),
]
_SURNAME_RE = "|".join(sorted(SURNAMES, key=len, reverse=True))
# A surname and one to three capitalised syllables, when that is not a place.
PER_RE = re.compile(rf"(?<![{LO}{UP}])(?:{_SURNAME_RE})(?: {CAP}){{1,3}}(?![{LO}{UP}])")
PLACES = set()


def load_places(units_json):
    """Names of provinces and districts without their type word ("Hà Tĩnh", "Hồng Lĩnh")."""
    types = r"^(Thành phố|Tỉnh|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn) "
    for p in json.load(open(units_json, encoding="utf-8")):
        PLACES.add(re.sub(types, "", p["FullName"]))
        for d in p["District"]:
            PLACES.add(re.sub(types, "", d["FullName"]))
            for w in d.get("Ward") or []:
                PLACES.add(re.sub(types, "", w["FullName"]))


_AFTER_PLACE_WORD = re.compile(rf"(?:{ADMIN}|{ORG_HEAD}|{COUNCIL}|{PARTY}|đường|Đường|phố|cầu|sông|núi|chợ|quốc lộ|Quốc lộ)\s$")

COMPILED = [(lab, re.compile(p)) for lab, p in PATTERNS]


def _seg_names(text, seg):
    """PER from the word segmentation: joined capitalised syllables after a surname."""
    out = []
    if not seg:
        return out
    cur = 0
    for w in seg.split():
        if "_" not in w:
            continue
        parts = w.split("_")
        if len(parts) < 2 or len(parts) > 4 or parts[0] not in SURNAMES:
            continue
        if not all(p[:1].isupper() and p[1:].islower() for p in parts):
            continue
        surface = " ".join(parts)
        i = text.find(surface, cur)
        if i < 0:
            continue
        out.append((i, i + len(surface), "PER"))
        cur = i + len(surface)
    return out


def label(text, seg=None):
    taken = [False] * len(text)
    spans = []

    def add(s, e, lab):
        if taken[s]:
            return
        # stop before a span already taken (a name after an organisation).
        for k in range(s, e):
            if taken[k]:
                e = k
                break
        while e > s and text[e - 1] in " ,.;:-":
            e -= 1
        if e <= s:
            return
        for k in range(s, e):
            taken[k] = True
        spans.append((s, e, lab))

    def person(s, e):
        # a name that is a place, or follows an admin or organisation word, is no person
        w = text[s:e].split(" ")
        if any(" ".join(w[:k]) in PLACES for k in range(1, len(w) + 1)):
            return
        if _AFTER_PLACE_WORD.search(text[max(0, s - 25):s]):
            return
        add(s, e, "PER")

    for s, e, _ in _seg_names(text, seg):
        person(s, e)
    for m in PER_RE.finditer(text):
        person(m.start(), m.end())
    for lab, rx in COMPILED:
        for m in rx.finditer(text):
            # a match must start a word ("Ban" inside "Ngân hàng Ban..." is fine, "xã" in "thị xã" not).
            if m.start() > 0 and text[m.start() - 1].isalnum():
                continue
            add(m.start(), m.end(), lab)
    spans.sort()
    return spans


if __name__ == "__main__":
    import sys
    t = open(sys.argv[1], encoding="utf-8").read()
    for s, e, lab in label(t):
        print(lab, repr(t[s:e]))
