//! Numbers, amounts, percentages and dates as Vietnamese news writes them.
//!
//! Values follow shared/ANNOTATION.md ("Figures" and the rulings on MONEY, PERCENT,
//! QUANTITY and DATE): dot = thousands, comma = decimal, scale words applied, ranges
//! as `value`..`to`, ratios as `value`/`of`. Parsing is exact: no floats are used,
//! so "1.590 tỷ" is exactly 1590000000000. Nothing here panics on any input.

use std::cmp::Ordering;
use std::fmt;

// ---------------------------------------------------------------------------
// Decimal
// ---------------------------------------------------------------------------

/// Exact decimal: value = mantissa * 10^-scale. No floats anywhere in parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    pub mantissa: i128,
    pub scale: u32,
}

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    pub fn new(mantissa: i128, scale: u32) -> Self {
        Decimal { mantissa, scale }
    }

    pub fn from_int(i: i128) -> Self {
        Decimal {
            mantissa: i,
            scale: 0,
        }
    }

    /// 10^exp, or `None` when it does not fit.
    pub fn pow10(exp: u32) -> Option<Self> {
        10i128.checked_pow(exp).map(Self::from_int)
    }

    /// Strips trailing zeros so that structural equality is equality by value.
    pub fn normalized(self) -> Self {
        let (mut m, mut s) = (self.mantissa, self.scale);
        if m == 0 {
            return Decimal::ZERO;
        }
        while s > 0 && m % 10 == 0 {
            m /= 10;
            s -= 1;
        }
        Decimal {
            mantissa: m,
            scale: s,
        }
    }

    fn rescaled(self, scale: u32) -> Option<Self> {
        let diff = scale.checked_sub(self.scale)?;
        let f = 10i128.checked_pow(diff)?;
        Some(Decimal {
            mantissa: self.mantissa.checked_mul(f)?,
            scale,
        })
    }

    pub fn checked_add(self, other: Self) -> Option<Self> {
        let (a, b) = (self.normalized(), other.normalized());
        let s = a.scale.max(b.scale);
        let m = a
            .rescaled(s)?
            .mantissa
            .checked_add(b.rescaled(s)?.mantissa)?;
        Some(
            Decimal {
                mantissa: m,
                scale: s,
            }
            .normalized(),
        )
    }

    pub fn checked_mul(self, other: Self) -> Option<Self> {
        let (a, b) = (self.normalized(), other.normalized());
        Some(
            Decimal {
                mantissa: a.mantissa.checked_mul(b.mantissa)?,
                scale: a.scale.checked_add(b.scale)?,
            }
            .normalized(),
        )
    }

    pub fn checked_neg(self) -> Option<Self> {
        Some(Decimal {
            mantissa: self.mantissa.checked_neg()?,
            scale: self.scale,
        })
    }

    /// Compares by value; `None` only if the two cannot be brought to one scale in i128.
    pub fn cmp_value(&self, other: &Self) -> Option<Ordering> {
        let (a, b) = (self.normalized(), other.normalized());
        let s = a.scale.max(b.scale);
        Some(a.rescaled(s)?.mantissa.cmp(&b.rescaled(s)?.mantissa))
    }

    /// Nearest f64 (via the decimal text, so it is correctly rounded).
    pub fn to_f64(&self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.normalized();
        let digits = n.mantissa.unsigned_abs().to_string();
        let scale = n.scale as usize;
        let body = if scale == 0 {
            digits
        } else if digits.len() > scale {
            let (i, fr) = digits.split_at(digits.len() - scale);
            format!("{i}.{fr}")
        } else {
            format!("0.{}{}", "0".repeat(scale - digits.len()), digits)
        };
        if n.mantissa < 0 {
            write!(f, "-{body}")
        } else {
            f.write_str(&body)
        }
    }
}

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    Money,
    Percent,
    Quantity,
}

/// A MONEY / PERCENT / QUANTITY figure with its normalised value.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFigure {
    pub kind: FigureKind,
    pub value: Decimal,
    /// Upper bound of a range ("18-20 năm": value 18, to 20).
    pub to: Option<Decimal>,
    /// Denominator of a ratio ("55/63 tiêu chí": value 55, of 63).
    pub of: Option<Decimal>,
    /// "VND", "USD", "%", or the unit / counted noun ("ha", "tiêu chí", "m2").
    pub unit: Option<String>,
    /// Leading qualifier such as "hơn", "gần", "ước đạt".
    pub qualifier: Option<String>,
}

/// A DATE mention. `months_span` is a period of that many months starting at
/// `month` (January when `month` is `None`): "9 tháng năm 2023", "6 tháng cuối năm".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DateValue {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub quarter: Option<u32>,
    pub hour: Option<u32>,
    pub end_year: Option<i32>,
    pub months_span: Option<u32>,
}

// ---------------------------------------------------------------------------
// Character helpers. Everything works on Vec<char> so that positions are the
// code-point offsets the annotation uses.
// ---------------------------------------------------------------------------

/// Char at `i`, or NUL past the end (NUL is never a digit, letter or space).
fn at(c: &[char], i: usize) -> char {
    c.get(i).copied().unwrap_or('\0')
}

fn is_word_char(ch: char) -> bool {
    // Combining marks are included in case a caller forgot NFC.
    ch.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&ch)
}

fn is_tok_char(ch: char) -> bool {
    is_word_char(ch) || ch.is_alphanumeric()
}

/// Lowercases one char, keeping it when the lowercase is several chars so that
/// offsets stay aligned with the original text.
fn lower(ch: char) -> char {
    let mut l = ch.to_lowercase();
    match (l.next(), l.next()) {
        (Some(a), None) => a,
        _ => ch,
    }
}

fn lower_vec(s: &str) -> (Vec<char>, Vec<char>) {
    let orig: Vec<char> = s.chars().collect();
    let low = orig.iter().map(|&ch| lower(ch)).collect();
    (orig, low)
}

fn skip_ws(c: &[char], mut i: usize) -> usize {
    while at(c, i).is_whitespace() {
        i += 1;
    }
    i
}

fn digit_run(c: &[char], mut i: usize) -> usize {
    while at(c, i).is_ascii_digit() {
        i += 1;
    }
    i
}

/// The whole word starting at `i`.
fn word_at(c: &[char], i: usize) -> Option<(String, usize)> {
    if !is_word_char(at(c, i)) {
        return None;
    }
    let mut e = i;
    while is_word_char(at(c, e)) {
        e += 1;
    }
    Some((c.get(i..e)?.iter().collect(), e))
}

/// The next word after optional whitespace: (word, start, end).
fn next_word(c: &[char], i: usize) -> Option<(String, usize, usize)> {
    let s = skip_ws(c, i);
    word_at(c, s).map(|(w, e)| (w, s, e))
}

/// Matches a (lowercase) phrase at `i`; its words may be separated by any
/// whitespace, and a phrase ending in a letter or digit must end a token.
fn match_phrase(c: &[char], i: usize, phrase: &str) -> Option<usize> {
    let mut p = i;
    for (k, part) in phrase.split(' ').enumerate() {
        if k > 0 {
            let q = skip_ws(c, p);
            if q == p {
                return None;
            }
            p = q;
        }
        for pc in part.chars() {
            if at(c, p) != pc {
                return None;
            }
            p += 1;
        }
    }
    let last = phrase.chars().last()?;
    if is_tok_char(last) && is_tok_char(at(c, p)) {
        return None;
    }
    Some(p)
}

/// Longest phrase of `list` matching at `i`.
fn match_any<'a>(c: &[char], i: usize, list: &[&'a str]) -> Option<(&'a str, usize)> {
    let mut best: Option<(&'a str, usize)> = None;
    for &ph in list {
        if let Some(e) = match_phrase(c, i, ph) {
            if best.is_none_or(|b| e > b.1) {
                best = Some((ph, e));
            }
        }
    }
    best
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/// A parsed number with what range/ratio handling needs to know about it.
#[derive(Debug, Clone, Copy)]
struct Num {
    value: Decimal,
    end: usize,
    /// First group before its scale word: "9,8" in "9,8 tỉ" (scale sharing in ranges).
    lead: Decimal,
    /// Exponent of the first scale chain ("tỉ" = 9).
    lead_exp: Option<u32>,
    /// Largest exponent applied anywhere.
    max_exp: Option<u32>,
    /// Spelled out in words.
    words: bool,
    /// Digits with no scale word (may start a ratio "55/63").
    plain: bool,
    /// Leading zero on a long integer: a phone or code number, not a figure.
    phone_like: bool,
}

/// Digits with Vietnamese separators: "1.590" = 1590, "31,8" = 31.8,
/// "1.234,5" = 1234.5; also "3.5" (one dot, 1-2 digits) and "1,590,000".
fn parse_digit_numeral(c: &[char], i: usize) -> Option<(Decimal, usize)> {
    let int_end = digit_run(c, i);
    if int_end == i {
        return None;
    }
    let mut digits: Vec<char> = c.get(i..int_end)?.to_vec();
    let mut frac: Vec<char> = Vec::new();
    let mut end = int_end;

    // English thousands need at least two comma groups, so "1,590" stays 1.59.
    let mut k = end;
    let mut groups = 0;
    while at(c, k) == ',' && digit_run(c, k + 1) == k + 4 {
        groups += 1;
        k += 4;
    }
    if digits.len() <= 3 && groups >= 2 {
        while end < k {
            digits.extend_from_slice(c.get(end + 1..end + 4)?);
            end += 4;
        }
        if at(c, end) == '.' && at(c, end + 1).is_ascii_digit() {
            let r = digit_run(c, end + 1);
            frac = c.get(end + 1..r)?.to_vec();
            end = r;
        }
    } else if at(c, end) == '.' && at(c, end + 1).is_ascii_digit() {
        let r = digit_run(c, end + 1);
        if r - (end + 1) == 3 {
            // A dot before exactly three digits is a thousands separator.
            while at(c, end) == '.' && digit_run(c, end + 1) == end + 4 {
                digits.extend_from_slice(c.get(end + 1..end + 4)?);
                end += 4;
            }
        } else if !(at(c, r) == '.' && at(c, r + 1).is_ascii_digit()) {
            // English decimal point ("3.5%"); a second dot would make it a date (4.1.2017).
            frac = c.get(end + 1..r)?.to_vec();
            end = r;
        }
    }
    if frac.is_empty() && at(c, end) == ',' && at(c, end + 1).is_ascii_digit() {
        let r = digit_run(c, end + 1);
        frac = c.get(end + 1..r)?.to_vec();
        end = r;
    }
    let mut m: i128 = 0;
    for ch in digits.iter().chain(frac.iter()) {
        m = m
            .checked_mul(10)?
            .checked_add(i128::from(ch.to_digit(10)?))?;
    }
    let scale = u32::try_from(frac.len()).ok()?;
    Some((Decimal::new(m, scale).normalized(), end))
}

/// A scale word at `i`: nghìn/ngàn 3, vạn 4, triệu 6, tỷ/tỉ 9, chục 1, trăm 2.
fn scale_word(c: &[char], i: usize, allow_hundred: bool) -> Option<(u32, usize)> {
    let (w, e) = word_at(c, i)?;
    let exp = match w.as_str() {
        "nghìn" | "ngàn" => 3,
        "vạn" => 4,
        "triệu" => 6,
        "tỷ" | "tỉ" => 9,
        "chục" => 1,
        "trăm" if allow_hundred => 2,
        _ => return None,
    };
    // "tỷ lệ" (rate), "tỷ giá" (exchange rate), "tỷ trọng" (share) are not amounts.
    if exp == 9 {
        if let Some((n, _, _)) = next_word(c, e) {
            if matches!(n.as_str(), "lệ" | "giá" | "trọng" | "suất" | "số") {
                return None;
            }
        }
    }
    Some((exp, e))
}

/// Consecutive scale words multiply: "nghìn tỷ" = 10^12.
fn scale_chain(c: &[char], i: usize, allow_hundred: bool) -> Option<(u32, usize)> {
    let mut exp = 0u32;
    let mut end = i;
    let mut any = false;
    while let Some((x, e)) = scale_word(c, skip_ws(c, end), allow_hundred) {
        exp = exp.checked_add(x)?;
        end = e;
        any = true;
    }
    any.then_some((exp, end))
}

/// "rưỡi" (and a half) right after `i`.
fn half_after(c: &[char], i: usize) -> Option<usize> {
    match_phrase(c, skip_ws(c, i), "rưỡi")
}

/// Half of 10^exp.
fn half(exp: u32) -> Option<Decimal> {
    Decimal::new(5, 1).checked_mul(Decimal::pow10(exp)?)
}

fn parse_num(c: &[char], i: usize, allow_sign: bool) -> Option<Num> {
    let mut p = i;
    let mut neg = false;
    if allow_sign && matches!(at(c, p), '-' | '−') && at(c, p + 1).is_ascii_digit() {
        neg = true;
        p += 1;
    }
    let mut n = if at(c, p).is_ascii_digit() {
        parse_digits_num(c, p)?
    } else if !neg {
        parse_word_num(c, p)?
    } else {
        return None;
    };
    if neg {
        n.value = n.value.checked_neg()?;
        n.lead = n.lead.checked_neg()?;
    }
    Some(n)
}

fn parse_digits_num(c: &[char], i: usize) -> Option<Num> {
    let (base, e0) = parse_digit_numeral(c, i)?;
    let int_len = c
        .get(i..e0)?
        .iter()
        .take_while(|ch| **ch != ',')
        .filter(|ch| ch.is_ascii_digit())
        .count();
    let mut n = Num {
        value: base,
        end: e0,
        lead: base,
        lead_exp: None,
        max_exp: None,
        words: false,
        plain: true,
        phone_like: at(c, i) == '0' && at(c, i + 1).is_ascii_digit() && int_len >= 3,
    };
    let Some((exp, e1)) = scale_chain(c, e0, true) else {
        return Some(n);
    };
    n.value = base.checked_mul(Decimal::pow10(exp)?)?;
    n.end = e1;
    n.lead_exp = Some(exp);
    n.max_exp = Some(exp);
    n.plain = false;
    let mut last = exp;
    loop {
        if let Some(e) = half_after(c, n.end) {
            n.value = n.value.checked_add(half(last)?)?;
            n.end = e;
            break;
        }
        // "1 tỷ 200 triệu": a further group only counts with a smaller scale word.
        let s = skip_ws(c, n.end);
        if s == n.end || !at(c, s).is_ascii_digit() {
            break;
        }
        let Some((d, de)) = parse_digit_numeral(c, s) else {
            break;
        };
        let Some((exp2, e2)) = scale_chain(c, de, true) else {
            break;
        };
        if exp2 >= last {
            break;
        }
        n.value = n.value.checked_add(d.checked_mul(Decimal::pow10(exp2)?)?)?;
        n.end = e2;
        last = exp2;
    }
    Some(n)
}

/// Plain digit words. "tư", "lăm", "mốt" only occur after tens, so they are
/// handled there (which also keeps "tư nhân" from reading as 4).
fn digit_word(w: &str) -> Option<i128> {
    Some(match w {
        "không" => 0,
        "một" => 1,
        "hai" => 2,
        "ba" => 3,
        "bốn" => 4,
        "năm" => 5,
        "sáu" => 6,
        "bảy" | "bẩy" => 7,
        "tám" => 8,
        "chín" => 9,
        _ => return None,
    })
}

/// Units digit after "mười"/"mươi". "năm" is deliberately not read here:
/// "mười năm", "hai mươi năm" are ten/twenty years; five after tens is "lăm".
fn unit_after_tens(c: &[char], e: usize, after_muoi: bool) -> (i128, usize) {
    let s = skip_ws(c, e);
    if s == e {
        return (0, e);
    }
    let Some((w, we)) = word_at(c, s) else {
        return (0, e);
    };
    let u = match w.as_str() {
        "một" => 1,
        "mốt" if after_muoi => 1,
        "hai" => 2,
        "ba" => 3,
        "bốn" | "tư" => 4,
        "lăm" => 5,
        "sáu" => 6,
        "bảy" | "bẩy" => 7,
        "tám" => 8,
        "chín" => 9,
        _ => return (0, e),
    };
    (u, we)
}

/// A group below 1000 in words: (value, end, structural). Structural groups
/// contain trăm/mươi/mười/linh, which is what lets them follow a scale word.
fn parse_group(c: &[char], p: usize, after_scale: bool) -> Option<(i128, usize, bool)> {
    let (w, e) = word_at(c, p)?;
    if w == "mười" {
        let (u, e2) = unit_after_tens(c, e, false);
        return Some((10 + u, e2, true));
    }
    let d = digit_word(&w)?;
    // "không" leads a number only inside one ("một nghìn không trăm ..."); alone it means "not".
    if d == 0 && !after_scale {
        return None;
    }
    if let Some((w2, s2, e2)) = next_word(c, e) {
        if s2 > e && w2 == "trăm" {
            let mut v = d * 100;
            let mut end = e2;
            if let Some((w3, s3, e3)) = next_word(c, e2) {
                if s3 > e2 {
                    if w3 == "linh" || w3 == "lẻ" {
                        if let Some((w4, _, e4)) = next_word(c, e3) {
                            let u = if w4 == "tư" {
                                Some(4)
                            } else {
                                digit_word(&w4)
                            };
                            if let Some(u) = u.filter(|u| *u > 0) {
                                v += u;
                                end = e4;
                            }
                        }
                    } else if w3 == "mười" {
                        let (u, e4) = unit_after_tens(c, e3, false);
                        v += 10 + u;
                        end = e4;
                    } else if w3 == "rưỡi" {
                        v += 50;
                        end = e3;
                    } else if let Some(t) = digit_word(&w3).filter(|t| *t >= 2) {
                        if let Some((w4, _, e4)) = next_word(c, e3) {
                            if w4 == "mươi" {
                                let (u, e5) = unit_after_tens(c, e4, true);
                                v += t * 10 + u;
                                end = e5;
                            }
                        }
                    }
                }
            }
            return Some((v, end, true));
        }
        if s2 > e && w2 == "mươi" && d >= 2 {
            let (u, e3) = unit_after_tens(c, e2, true);
            return Some((d * 10 + u, e3, true));
        }
    }
    Some((d, e, false))
}

/// Words after a leading "năm" that make it "year", not "five".
const YEAR_WORDS: &[&str] = &[
    "nay", "ngoái", "qua", "tới", "trước", "sau", "học", "tài", "đó", "này", "kia", "ấy", "mới",
    "nào", "rồi", "xưa", "sinh", "thứ", "đầu", "cuối", "giữa", "kế", "liền", "nữa", "âm", "dương",
];

fn parse_word_num(c: &[char], i: usize) -> Option<Num> {
    let (w0, e0) = word_at(c, i)?;
    let mk = |value: Decimal, end: usize, lead: Decimal, exp: Option<u32>, max: Option<u32>| Num {
        value,
        end,
        lead,
        lead_exp: exp,
        max_exp: max,
        words: true,
        plain: false,
        phone_like: false,
    };
    if w0 == "nửa" {
        // "nửa triệu" = 500000; a bare "nửa" (half) is not a count.
        let (exp, e) = scale_chain(c, e0, true)?;
        let v = half(exp)?;
        return Some(mk(v, e, Decimal::new(5, 1), Some(exp), Some(exp)));
    }
    if w0 == "năm" {
        let s = skip_ws(c, e0);
        if at(c, s).is_ascii_digit() {
            return None; // "năm 2023" is a year
        }
        if let Some((w, _)) = word_at(c, s) {
            if s > e0 && YEAR_WORDS.contains(&w.as_str()) {
                return None;
            }
        }
    }
    let mut total = Decimal::ZERO;
    let mut last: Option<u32> = None;
    let mut lead = Decimal::ZERO;
    let mut lead_exp = None;
    let mut pos = i;
    let mut first = true;
    loop {
        let start = if first { pos } else { skip_ws(c, pos) };
        if !first && start == pos {
            break;
        }
        let (g, gend, structural) = if first && w0 == "chục" {
            // "chục tuyến" = 10: the chain below reads the "chục" itself.
            (1, start, true)
        } else {
            match parse_group(c, start, !first) {
                Some(x) => x,
                None => break,
            }
        };
        let gd = Decimal::from_int(g);
        match scale_chain(c, gend, false) {
            Some((exp, ce)) => {
                if last.is_some_and(|l| exp >= l) {
                    break;
                }
                total = total.checked_add(gd.checked_mul(Decimal::pow10(exp)?)?)?;
                pos = ce;
                if first {
                    lead = gd;
                    lead_exp = Some(exp);
                }
                last = Some(exp);
                if let Some(e) = half_after(c, pos) {
                    total = total.checked_add(half(exp)?)?;
                    pos = e;
                    break;
                }
            }
            None => {
                if first {
                    total = gd;
                    lead = gd;
                    pos = gend;
                } else if structural {
                    // "một nghìn không trăm linh năm"; a bare digit after a scale
                    // word is left alone ("hai nghìn năm" = two thousand years).
                    total = total.checked_add(gd)?;
                    pos = gend;
                }
                break;
            }
        }
        first = false;
    }
    if pos == i {
        return None;
    }
    Some(mk(total, pos, lead, lead_exp, last.max(lead_exp)))
}

/// Parse just a number with optional scale words: "1.590" -> 1590, "31,8" -> 31.8,
/// "1 tỷ 200 triệu" -> 1200000000, "hai mươi mốt" -> 21. Returns the value and the
/// number of chars consumed from the start.
pub fn parse_number_prefix(s: &str) -> Option<(Decimal, usize)> {
    let (_, low) = lower_vec(s);
    let p = skip_ws(&low, 0);
    let n = parse_num(&low, p, true)?;
    Some((n.value.normalized(), n.end))
}

/// Whether `s` starts with a scale word (nghìn, triệu, tỷ, ...), as the
/// number parser reads them.
pub fn starts_with_scale_word(s: &str) -> bool {
    let (_, low) = lower_vec(s);
    scale_word(&low, 0, true).is_some()
}

// ---------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------

const MO: FigureKind = FigureKind::Money;
const PE: FigureKind = FigureKind::Percent;
const QU: FigureKind = FigureKind::Quantity;

/// Qualifiers reported in `qualifier`.
const QUALIFIERS: &[&str] = &[
    "gần như",
    "ước đạt",
    "ước tính",
    "lên tới",
    "lên đến",
    "trên dưới",
    "xấp xỉ",
    "tối đa",
    "tối thiểu",
    "ít nhất",
    "hơn",
    "trên",
    "gần",
    "khoảng",
    "ước",
    "chừng",
    "hàng",
    "tới",
    "đến",
    "dưới",
];
/// Leading words skipped without being reported (the annotation keeps them outside figures).
const SILENT_LEAD: &[&str] = &["tăng", "giảm", "đạt", "từ", "còn", "mức", "thêm", "là"];
/// Vague amounts: never a figure.
const VAGUE: &[&str] = &[
    "vài", "mấy", "nhiều", "dăm", "mươi", "các", "những", "mọi", "hàng", "số", "bao", "hầu",
];
/// After "một", these make it the article "a" ("một số", "một cách").
const ARTICLE_NEXT: &[&str] = &[
    "số", "cách", "trong", "lúc", "khi", "chút", "ít", "vài", "loạt", "phần", "thời", "mình",
    "hồi", "mặt", "bên", "nơi", "kiểu", "dạng", "nửa", "hôm", "buổi", "dịp", "thứ", "khác", "lát",
    "hai", "mực",
];

/// Units whose canonical form differs from the text, currencies and percent signs.
const MAPPED_UNITS: &[(&str, &str, FigureKind)] = &[
    ("%", "%", PE),
    ("phần trăm", "%", PE),
    ("điểm phần trăm", "%", PE),
    ("điểm %", "%", PE),
    ("đồng", "VND", MO),
    ("đ", "VND", MO),
    ("vnđ", "VND", MO),
    ("vnd", "VND", MO),
    ("việt nam đồng", "VND", MO),
    ("usd", "USD", MO),
    ("$", "USD", MO),
    ("us$", "USD", MO),
    ("đô la mỹ", "USD", MO),
    ("đô-la mỹ", "USD", MO),
    ("đôla mỹ", "USD", MO),
    ("đô la", "USD", MO),
    ("đô-la", "USD", MO),
    ("đôla", "USD", MO),
    ("đô", "USD", MO),
    ("mỹ kim", "USD", MO),
    ("eur", "EUR", MO),
    ("euro", "EUR", MO),
    ("yên nhật", "JPY", MO),
    ("yên", "JPY", MO),
    ("jpy", "JPY", MO),
    ("nhân dân tệ", "CNY", MO),
    ("cny", "CNY", MO),
    ("ndt", "CNY", MO),
    ("bảng anh", "GBP", MO),
    ("gbp", "GBP", MO),
    ("won", "KRW", MO),
    ("krw", "KRW", MO),
    ("bạt", "THB", MO),
    ("baht", "THB", MO),
    ("thb", "THB", MO),
    ("rúp", "RUB", MO),
    ("kíp", "LAK", MO),
    ("riel", "KHR", MO),
    ("aud", "AUD", MO),
    ("đô la úc", "AUD", MO),
    ("sgd", "SGD", MO),
    ("đô la singapore", "SGD", MO),
    ("ha", "ha", QU),
    ("héc-ta", "ha", QU),
    ("héc ta", "ha", QU),
    ("hécta", "ha", QU),
    ("hecta", "ha", QU),
    ("m2", "m2", QU),
    ("m²", "m2", QU),
    ("km2", "km2", QU),
    ("km²", "km2", QU),
    ("m3", "m3", QU),
    ("m³", "m3", QU),
    ("km/h", "km/h", QU),
    ("°c", "°C", QU),
    ("độ c", "°C", QU),
    ("mw", "MW", QU),
    ("kw", "kW", QU),
    ("gw", "GW", QU),
    ("kwh", "kWh", QU),
    ("mwh", "MWh", QU),
    ("gwh", "GWh", QU),
    ("kv", "kV", QU),
    ("kva", "kVA", QU),
    ("mva", "MVA", QU),
    ("teu", "TEU", QU),
];

/// Units and counted nouns reported as written (lowercase). Longest match wins,
/// so "hộ dân" gives "hộ" but "căn hộ" gives "căn hộ".
const COUNTED: &[&str] = &[
    "km",
    "m",
    "cm",
    "mm",
    "kg",
    "g",
    "gam",
    "tấn",
    "tạ",
    "lít",
    "ml",
    "mét",
    "cây số",
    "độ",
    "năm",
    "tháng",
    "ngày",
    "tuần",
    "giờ",
    "tiếng",
    "phút",
    "giây",
    "quý",
    "tuổi",
    "thập kỷ",
    "thế kỷ",
    "người",
    "hộ",
    "xã",
    "phường",
    "thị trấn",
    "huyện",
    "tỉnh",
    "thành phố",
    "thôn",
    "bản",
    "làng",
    "tổ dân phố",
    "trường",
    "lớp",
    "điểm",
    "lượt",
    "lượt khách",
    "lượt người",
    "vụ",
    "vụ án",
    "vụ việc",
    "ca",
    "lần",
    "tiêu chí",
    "lao động",
    "dự án",
    "doanh nghiệp",
    "học sinh",
    "sinh viên",
    "học viên",
    "trường hợp",
    "cán bộ",
    "đảng viên",
    "hội viên",
    "giáo viên",
    "bệnh nhân",
    "công nhân",
    "thí sinh",
    "đại biểu",
    "gia đình",
    "hợp tác xã",
    "cơ sở",
    "phương tiện",
    "ô tô",
    "xe",
    "xe máy",
    "tàu",
    "căn hộ",
    "căn nhà",
    "ngôi nhà",
    "nhà",
    "tuyến",
    "công trình",
    "sản phẩm",
    "mô hình",
    "hồ sơ",
    "đơn vị",
    "tổ chức",
    "nhà đầu tư",
    "du khách",
    "khách",
    "chuyến",
    "container",
    "cơ quan",
    "chi bộ",
    "ý kiến",
    "nạn nhân",
    "đối tượng",
    "bị cáo",
    "chiến sĩ",
    "cây",
    "bài",
    "suất",
    "phần",
    "tổ",
    "nhóm",
    "đoàn",
    "khu đô thị",
    "khu công nghiệp",
    "cụm công nghiệp",
    "khu dân cư",
    "cơ sở sản xuất",
    "tỉnh, thành phố",
];

/// Words that end an unknown unit: they start the rest of the sentence.
const UNIT_STOP: &[&str] = &[
    "so", "và", "của", "trong", "tại", "với", "được", "là", "thì", "mà", "cho", "từ", "đến", "tới",
    "tăng", "giảm", "đạt", "trên", "dưới", "hơn", "gần", "khoảng", "mỗi", "một", "các", "những",
    "này", "đó", "nay", "qua", "theo", "vào", "ra", "lên", "xuống", "bằng", "như", "hay", "hoặc",
    "nhưng", "có", "không", "đã", "đang", "sẽ", "rưỡi",
];

struct Unit {
    name: String,
    kind: FigureKind,
    end: usize,
    known: bool,
}

/// "đồng chí", "đồng hồ", "đô thị" are nouns, not currencies.
fn blocked_compound(c: &[char], phrase: &str, end: usize) -> bool {
    let next = next_word(c, end).map(|(w, _, _)| w);
    let Some(next) = next else { return false };
    match phrase {
        "đồng" => matches!(
            next.as_str(),
            "chí"
                | "hồ"
                | "bào"
                | "nghiệp"
                | "đội"
                | "ruộng"
                | "bằng"
                | "thời"
                | "hương"
                | "minh"
                | "tâm"
                | "ý"
                | "phục"
                | "lòng"
                | "xu"
        ),
        "đô" => matches!(next.as_str(), "thị" | "thành" | "vật" | "đốc" | "hộ"),
        _ => false,
    }
}

fn parse_unit(c: &[char], orig: &[char], p: usize) -> Option<Unit> {
    let q = skip_ws(c, p);
    let mut best: Option<(usize, &str, FigureKind)> = None;
    for &(ph, canon, kind) in MAPPED_UNITS {
        if let Some(e) = match_phrase(c, q, ph) {
            if !blocked_compound(c, ph, e) && best.is_none_or(|b| e > b.0) {
                best = Some((e, canon, kind));
            }
        }
    }
    for &ph in COUNTED {
        if let Some(e) = match_phrase(c, q, ph) {
            if best.is_none_or(|b| e > b.0) {
                best = Some((e, ph, QU));
            }
        }
    }
    if let Some((end, name, kind)) = best {
        return Some(Unit {
            name: name.to_string(),
            kind,
            end,
            known: true,
        });
    }
    // Unknown counted noun: up to two words as written. It must be separated
    // from the number, so "43A" (a plate) never yields a unit.
    if q == p {
        return None;
    }
    let mut words: Vec<String> = Vec::new();
    let mut end = q;
    while words.len() < 2 {
        let s = if words.is_empty() {
            q
        } else {
            let s = skip_ws(c, end);
            if s == end {
                break;
            }
            s
        };
        let Some((w, e)) = word_at(c, s) else { break };
        if UNIT_STOP.contains(&w.as_str()) {
            break;
        }
        let ow: String = orig.get(s..e)?.iter().collect();
        // A capital after a lowercase noun starts a name ("200 em Hà Nội").
        if !words.is_empty() && ow.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        words.push(ow);
        end = e;
    }
    if words.is_empty() {
        return None;
    }
    Some(Unit {
        name: words.join(" "),
        kind: QU,
        end,
        known: false,
    })
}

/// A range connector and second number after `q`: "-20", " đến 9,8 tỉ".
fn range_tail(c: &[char], q: usize) -> Option<Num> {
    let r = skip_ws(c, q);
    let after = match at(c, r) {
        '-' | '–' | '—' | '~' => r + 1,
        _ => match_any(c, r, &["đến", "tới"])?.1,
    };
    parse_num(c, skip_ws(c, after), false)
}

/// Bounds of a range: value is the lower bound, and "1,5 đến 9,8 tỉ" shares the
/// second number's scale word with the first.
fn range_bounds(n1: &Num, n2: &Num) -> Option<(Decimal, Decimal)> {
    let mut lo = n1.value;
    if n1.max_exp.is_none() {
        if let Some(exp) = n2.lead_exp {
            if lo
                .cmp_value(&n2.lead)
                .is_some_and(|o| o != Ordering::Greater)
            {
                lo = lo.checked_mul(Decimal::pow10(exp)?)?;
            }
        }
    }
    // "19-2" is not a range: a reversed pair stays a single number.
    (lo.cmp_value(&n2.value) == Some(Ordering::Less)).then_some((lo, n2.value))
}

/// Parse a figure mention (the span text, maybe with a leading qualifier). `None` if
/// the string holds no digit and no number word, or isn't a figure ("hàng trăm",
/// "vài", "nhiều", "một" meaning "a").
pub fn parse_figure(s: &str) -> Option<ParsedFigure> {
    let (orig, low) = lower_vec(s);
    let c = &low[..];
    let mut p = skip_ws(c, 0);

    // Qualifiers may stack ("ước đạt trên"); the one nearest the number is kept.
    let mut qualifier: Option<&str> = None;
    for _ in 0..4 {
        if let Some((q, e)) = match_any(c, p, QUALIFIERS) {
            // "hàng" qualifies only digits; "hàng trăm", "hàng nghìn tỷ" are vague.
            if q == "hàng" && !at(c, skip_ws(c, e)).is_ascii_digit() {
                return None;
            }
            qualifier = Some(q);
            p = skip_ws(c, e);
        } else if let Some((_, e)) = match_any(c, p, SILENT_LEAD) {
            p = skip_ws(c, e);
        } else {
            break;
        }
    }
    if let Some((w, _)) = word_at(c, p) {
        if VAGUE.contains(&w.as_str()) {
            return None;
        }
    }
    let mut dollar_prefix = false;
    if at(c, p) == '$' {
        dollar_prefix = true;
        p = skip_ws(c, p + 1);
    }

    let n1 = parse_num(c, p, true)?;
    if n1.phone_like {
        return None;
    }
    if n1.words {
        let text: String = c.get(p..n1.end)?.iter().collect();
        let next = next_word(c, n1.end).map(|(w, _, _)| w);
        // Alone, "một" and "năm" are as likely "a" and "year" as numbers.
        if (text == "một" || text == "năm") && next.is_none() {
            return None;
        }
        if text == "một" && next.is_some_and(|w| ARTICLE_NEXT.contains(&w.as_str())) {
            return None;
        }
    }
    // Plates like "43A-123.45", "29A1": digits glued to capitals then a digit or dash.
    if !n1.words && at(&orig, n1.end).is_ascii_uppercase() {
        let mut j = n1.end;
        let mut has_digit = false;
        while at(&orig, j).is_ascii_alphanumeric() {
            has_digit |= at(&orig, j).is_ascii_digit();
            j += 1;
        }
        if has_digit || at(&orig, j) == '-' {
            return None;
        }
    }

    let mut value = n1.value;
    let mut to: Option<Decimal> = None;
    let mut of: Option<Decimal> = None;
    let mut max_exp = n1.max_exp;
    let mut q = n1.end;

    if n1.plain && at(c, q) == '/' {
        let nx = at(&orig, q + 1);
        if nx.is_ascii_digit() {
            let (d, e) = parse_digit_numeral(c, q + 1)?;
            if at(c, e) == '/' && at(c, e + 1).is_ascii_digit() {
                return None; // "2/9/1945" is a date
            }
            of = Some(d);
            q = e;
        } else if nx.is_uppercase() {
            return None; // document number: 910/QĐ-UBND
        }
    }

    let mut unit = None;
    if of.is_none() {
        if let Some(n2) = range_tail(c, q) {
            if let Some((lo, hi)) = range_bounds(&n1, &n2) {
                value = lo;
                to = Some(hi);
                max_exp = max_exp.max(n2.max_exp);
                q = n2.end;
            }
        }
    }
    if let Some(u1) = parse_unit(c, &orig, q) {
        // "50%-55%", "5 tỷ đồng - 10 tỷ đồng": the unit repeated on both ends.
        let mut taken = false;
        if of.is_none() && to.is_none() {
            if let Some(n2) = range_tail(c, u1.end) {
                if let Some(u2) = parse_unit(c, &orig, n2.end) {
                    if u2.name == u1.name {
                        if let Some((lo, hi)) = range_bounds(&n1, &n2) {
                            value = lo;
                            to = Some(hi);
                            max_exp = max_exp.max(n2.max_exp);
                            unit = Some(u2);
                            taken = true;
                        }
                    }
                }
            }
        }
        if !taken {
            unit = Some(u1);
        }
    }

    let (kind, unit_name) = match &unit {
        Some(u) => (u.kind, Some(u.name.clone())),
        None if dollar_prefix => (MO, Some("USD".to_string())),
        // Ruling: "90 triệu", "14.000 tỷ" without a currency word are VND.
        None if max_exp.is_some_and(|e| e >= 6) => (MO, Some("VND".to_string())),
        None => (QU, None),
    };
    // "1 năm rưỡi" = 1.5 years.
    if let Some(u) = &unit {
        let plain_count = max_exp.is_none() && to.is_none() && of.is_none();
        if u.known && kind == QU && plain_count && half_after(c, u.end).is_some() {
            value = value.checked_add(Decimal::new(5, 1))?;
        }
    }
    Some(ParsedFigure {
        kind,
        value: value.normalized(),
        to: to.map(Decimal::normalized),
        of: of.map(Decimal::normalized),
        unit: unit_name,
        qualifier: qualifier.map(str::to_string),
    })
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// Leading context skipped before a date: parts of the day, "vào", "đầu"...
const DATE_CONTEXT: &[&str] = &[
    "rạng sáng",
    "sáng sớm",
    "sáng",
    "chiều",
    "trưa",
    "tối",
    "đêm",
    "khuya",
    "vào",
    "hôm",
    "lúc",
    "từ",
    "khoảng",
    "đầu",
    "cuối",
    "giữa",
    "trung tuần",
    "thượng tuần",
    "hạ tuần",
    "tuần đầu",
    "tuần cuối",
    "cuối tuần",
    "sn",
    "chủ nhật",
    "dự kiến",
    "trước",
    "sau",
    "đến",
    "tới",
];
const WEEKDAYS: &[&str] = &[
    "hai", "ba", "tư", "năm", "sáu", "bảy", "bẩy", "2", "3", "4", "5", "6", "7",
];
/// Relative years after "năm": consumed, but give no year.
const RELATIVE_YEAR: &[&str] = &[
    "nay", "ngoái", "qua", "tới", "trước", "sau", "sau đó", "này",
];
const MONTH_WORDS: &[(&str, u32)] = &[
    ("giêng", 1),
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("tư", 4),
    ("bốn", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("bẩy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
    ("mười một", 11),
    ("mười hai", 12),
    ("chạp", 12),
];
const QUARTER_WORDS: &[(&str, u32)] = &[
    ("i", 1),
    ("ii", 2),
    ("iii", 3),
    ("iv", 4),
    ("một", 1),
    ("nhất", 1),
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("tư", 4),
];

/// Plain digits (at most 6) as (value, digit count, end).
fn read_int(c: &[char], i: usize) -> Option<(u32, usize, usize)> {
    let e = digit_run(c, i);
    let n = e - i;
    if n == 0 || n > 6 {
        return None;
    }
    let mut v = 0u32;
    for ch in c.get(i..e)? {
        v = v * 10 + ch.to_digit(10)?;
    }
    Some((v, n, e))
}

fn read_year4(c: &[char], i: usize) -> Option<(i32, usize)> {
    let (y, n, e) = read_int(c, i)?;
    (n == 4).then_some((i32::try_from(y).ok()?, e))
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(m: Option<u32>, y: Option<i32>) -> u32 {
    match m {
        Some(2) => {
            if y.is_none_or(is_leap) {
                29
            } else {
                28
            }
        }
        Some(4 | 6 | 9 | 11) => 30,
        _ => 31,
    }
}

fn valid_date(d: &DateValue) -> bool {
    let any = d.year.is_some()
        || d.month.is_some()
        || d.day.is_some()
        || d.quarter.is_some()
        || d.hour.is_some()
        || d.months_span.is_some();
    any && d.month.is_none_or(|m| (1..=12).contains(&m))
        && d.day
            .is_none_or(|x| x >= 1 && x <= days_in_month(d.month, d.year))
        && d.quarter.is_none_or(|q| (1..=4).contains(&q))
        && d.hour.is_none_or(|h| h <= 24)
        && d.year.is_none_or(|y| (1..=9999).contains(&y))
        && d.end_year
            .is_none_or(|e| d.year.is_some_and(|y| e > y && e <= 9999))
        && d.months_span
            .is_none_or(|n| n >= 1 && d.month.unwrap_or(1).saturating_add(n) <= 13)
}

/// "- 2020", " đến năm 2020" after a year: sets `end_year`.
fn year_range(c: &[char], i: usize, d: &mut DateValue) -> usize {
    let r = skip_ws(c, i);
    let after = match at(c, r) {
        '-' | '–' | '—' => Some(r + 1),
        _ => match_any(c, r, &["đến", "tới"]).map(|x| x.1),
    };
    let Some(after) = after else { return i };
    let mut s = skip_ws(c, after);
    if let Some(e) = match_phrase(c, s, "năm") {
        s = skip_ws(c, e);
    }
    match read_year4(c, s) {
        Some((y2, e)) if d.year.is_some_and(|y| y2 > y) => {
            d.end_year = Some(y2);
            e
        }
        _ => i,
    }
}

/// "năm 2016" / "năm nay" after `i`; sets the year when given.
fn year_suffix(c: &[char], i: usize, d: &mut DateValue) -> usize {
    let Some(ne) = match_phrase(c, skip_ws(c, i), "năm") else {
        return i;
    };
    let s = skip_ws(c, ne);
    if let Some((y, e)) = read_year4(c, s) {
        d.year = Some(y);
        return e;
    }
    match match_any(c, s, RELATIVE_YEAR) {
        Some((_, e)) => e,
        None => i,
    }
}

/// After "tháng": the month (number or name) and an optional year.
fn month_after_thang(c: &[char], i: usize, d: &mut DateValue) -> Option<usize> {
    let s = skip_ws(c, i);
    let mut end;
    if at(c, s).is_ascii_digit() {
        let (m, nm, e) = read_int(c, s)?;
        if nm > 2 {
            return None;
        }
        d.month = Some(m);
        end = e;
        if matches!(at(c, e), '/' | '-' | '.') {
            if let Some((y, ye)) = read_year4(c, e + 1) {
                d.year = Some(y);
                end = ye;
            }
        }
    } else {
        let mut best: Option<(u32, usize)> = None;
        for &(w, m) in MONTH_WORDS {
            if let Some(e) = match_phrase(c, s, w) {
                // "tháng năm 2023" reads "năm" as "year", not May.
                if w == "năm" && at(c, skip_ws(c, e)).is_ascii_digit() {
                    continue;
                }
                if best.is_none_or(|b| e > b.1) {
                    best = Some((m, e));
                }
            }
        }
        let (m, e) = best?;
        d.month = Some(m);
        end = e;
    }
    if d.year.is_none() {
        end = year_suffix(c, end, d);
    }
    Some(end)
}

/// Time of day after the hour digits: "6h", "6h30", "18:30", "6 giờ 30 phút".
fn time_after(c: &[char], i: usize, hour: u32, nd: usize) -> Option<usize> {
    if nd > 2 || hour > 24 {
        return None;
    }
    let ch = at(c, i);
    if ch == 'h' || ch == 'g' {
        let mut e = i + 1;
        if at(c, e).is_ascii_digit() {
            let (m, nm, e2) = read_int(c, e)?;
            if nm > 2 || m > 59 {
                return None;
            }
            e = e2;
            if at(c, e) == '\'' || at(c, e) == '’' {
                e += 1;
            }
        }
        if is_tok_char(at(c, e)) {
            return None; // "6ha" is hectares
        }
        return Some(e);
    }
    if ch == ':' && at(c, i + 1).is_ascii_digit() {
        let (m, nm, e) = read_int(c, i + 1)?;
        return (nm == 2 && m <= 59).then_some(e);
    }
    let mut e = match_phrase(c, skip_ws(c, i), "giờ")?;
    let s = skip_ws(c, e);
    if let Some((m, nm, e2)) = read_int(c, s) {
        if nm <= 2 && m <= 59 {
            e = e2;
            if let Some(e3) = match_phrase(c, skip_ws(c, e2), "phút") {
                e = e3;
            }
        }
    }
    Some(e)
}

/// Skips context words, weekday names and commas before a date.
fn skip_date_context(c: &[char], mut p: usize) -> usize {
    loop {
        let before = p;
        p = skip_ws(c, p);
        while matches!(at(c, p), ',' | '(' | ':') {
            p = skip_ws(c, p + 1);
        }
        if let Some((_, e)) = match_any(c, p, DATE_CONTEXT) {
            p = e;
        } else if let Some(e) = match_phrase(c, p, "thứ") {
            if let Some((_, e2)) = match_any(c, skip_ws(c, e), WEEKDAYS) {
                p = e2;
            }
        }
        if p == before {
            return p;
        }
    }
}

/// Date parts as (value, digit count), the separators between them, and the end.
type Parts = (Vec<(u32, usize)>, Vec<char>, usize);

/// Reads "a/b/c" parts with '/', '-' or '.' between them (at most 4).
fn date_parts(c: &[char], i: usize) -> Option<Parts> {
    let (a, na, mut end) = read_int(c, i)?;
    let mut parts = vec![(a, na)];
    let mut seps = Vec::new();
    while parts.len() < 4 {
        let sep = at(c, end);
        if !(matches!(sep, '/' | '-' | '.') && at(c, end + 1).is_ascii_digit()) {
            break;
        }
        let (v, n, e) = read_int(c, end + 1)?;
        parts.push((v, n));
        seps.push(sep);
        end = e;
    }
    Some((parts, seps, end))
}

fn two_digit_year(y: u32) -> i32 {
    // Two-digit years in news are recent: 17 -> 2017, 98 -> 1998.
    let y = y as i32;
    if y <= 69 {
        2000 + y
    } else {
        1900 + y
    }
}

/// Interprets 2-4 separated parts. `ngay` is set after "ngày", which makes a
/// two-part dotted form ("ngày 4.1") a date rather than a decimal.
fn interpret_parts(
    parts: &[(u32, usize)],
    seps: &[char],
    ngay: bool,
    d: &mut DateValue,
) -> Option<()> {
    let get = |k: usize| parts.get(k).copied();
    match parts.len() {
        2 => {
            let ((a, na), (b, nb)) = (get(0)?, get(1)?);
            let sep = *seps.first()?;
            if na == 4 && nb == 4 && !ngay {
                if sep != '-' {
                    return None;
                }
                d.year = Some(a as i32);
                d.end_year = Some(b as i32);
            } else if nb == 4 && na <= 2 && !ngay {
                d.month = Some(a);
                d.year = Some(b as i32);
            } else if na <= 2 && nb <= 2 && (sep != '.' || ngay) {
                d.day = Some(a);
                d.month = Some(b);
            } else {
                return None;
            }
        }
        3 => {
            let ((a, na), (b, nb), (x, nx)) = (get(0)?, get(1)?, get(2)?);
            let (s0, s1) = (*seps.first()?, *seps.get(1)?);
            if na == 4 && nb <= 2 && nx <= 2 && s0 == '-' && s1 == '-' {
                // ISO 2017-09-26
                d.year = Some(a as i32);
                d.month = Some(b);
                d.day = Some(x);
            } else if na <= 2 && nb <= 2 && nx <= 2 && s0 == '-' && s1 == '/' {
                // "3-5/10": days 3 to 5 of October; the start day is kept.
                d.day = Some(a);
                d.month = Some(x);
            } else if na <= 2 && nb <= 2 && (nx == 4 || nx == 2) && s0 == s1 {
                d.day = Some(a);
                d.month = Some(b);
                d.year = Some(if nx == 4 { x as i32 } else { two_digit_year(x) });
            } else {
                return None;
            }
        }
        4 => {
            let ((a, na), (b, nb), (x, nx), (y, ny)) = (get(0)?, get(1)?, get(2)?, get(3)?);
            if na > 2 || nb > 2 || nx > 2 {
                return None;
            }
            match seps {
                // "3-5/10/2023"
                ['-', '/', '/'] if ny == 4 => {
                    d.day = Some(a);
                    d.month = Some(x);
                    d.year = Some(y as i32);
                }
                // "3/10-5/10": the first date
                ['/', '-', '/'] if ny <= 2 => {
                    d.day = Some(a);
                    d.month = Some(b);
                }
                _ => return None,
            }
        }
        _ => return None,
    }
    Some(())
}

/// A date starting with digits. Returns (end, strict): strict results (bare
/// years) must not be followed by a word, so "2023 người" is not a date.
fn numeric_date(
    c: &[char],
    i: usize,
    d: &mut DateValue,
    ngay: bool,
    depth: u8,
) -> Option<(usize, bool)> {
    let (a, na, e) = read_int(c, i)?;
    if !ngay {
        if let Some(te) = time_after(c, e, a, na) {
            d.hour = Some(a);
            if depth > 0 {
                let rest = skip_date_context(c, te);
                let mut d2 = d.clone();
                if let Some((end, _)) = date_core(c, rest, &mut d2, depth - 1) {
                    if d2.hour == d.hour {
                        *d = d2;
                        return Some((end, false));
                    }
                }
            }
            return Some((te, false));
        }
        let s = skip_ws(c, e);
        if let Some(te) = match_phrase(c, s, "tháng") {
            return months_date(c, a, na, te, d);
        }
    }
    let (parts, seps, mut end) = date_parts(c, i)?;
    if parts.len() == 1 {
        if ngay {
            d.day = Some(a);
            if let Some(te) = match_phrase(c, skip_ws(c, end), "tháng") {
                end = month_after_thang(c, te, d)?;
            }
            return Some((end, false));
        }
        // A bare year: "2023", "(SN 1994)".
        if na == 4 && (1000..=2999).contains(&a) {
            d.year = Some(a as i32);
            end = year_range(c, end, d);
            return Some((end, true));
        }
        return None;
    }
    interpret_parts(&parts, &seps, ngay, d)?;
    let year_only = d.month.is_none() && d.day.is_none();
    if d.year.is_none() {
        end = year_suffix(c, end, d); // "26/9 năm 2017"
    }
    Some((end, year_only))
}

/// "N tháng ..." after the number `a`: a period ("9 tháng năm 2023",
/// "6 tháng đầu năm 2016") or a day and month ("9 tháng 5 năm 2023").
fn months_date(
    c: &[char],
    a: u32,
    na: usize,
    te: usize,
    d: &mut DateValue,
) -> Option<(usize, bool)> {
    let t = skip_ws(c, te);
    let (pos, late) = if let Some(e) = match_phrase(c, t, "đầu") {
        (Some(e), false)
    } else if let Some(e) = match_phrase(c, t, "cuối") {
        (Some(e), true)
    } else {
        (None, false)
    };
    let year_word = match_phrase(c, skip_ws(c, pos.unwrap_or(t)), "năm");
    let span_year = year_word.filter(|&ne| {
        // Bare "tháng năm" then a word would be ambiguous with May; digits,
        // "nay"/"ngoái" or the end of the text make it "year".
        let s = skip_ws(c, ne);
        pos.is_some()
            || at(c, s).is_ascii_digit()
            || match_any(c, s, RELATIVE_YEAR).is_some()
            || !is_tok_char(at(c, s))
    });
    if let Some(ne) = span_year {
        if a == 0 || a > 12 || na > 2 {
            return None;
        }
        d.months_span = Some(a);
        if late {
            d.month = Some(13 - a);
        }
        let s = skip_ws(c, ne);
        if let Some((y, e)) = read_year4(c, s) {
            d.year = Some(y);
            return Some((e, false));
        }
        return Some((match_any(c, s, RELATIVE_YEAR).map_or(ne, |x| x.1), false));
    }
    if pos.is_some() {
        return None;
    }
    // "9 tháng 5 năm 2023": day and month. A bare "6 tháng" is a duration.
    if na > 2 {
        return None;
    }
    d.day = Some(a);
    let end = month_after_thang(c, te, d)?;
    Some((end, false))
}

fn date_core(c: &[char], p: usize, d: &mut DateValue, depth: u8) -> Option<(usize, bool)> {
    if let Some(e) = match_phrase(c, p, "tết") {
        // "Tết Bính Thân 2016", "Tết Nguyên đán 2024": up to three name words, then the year.
        let mut i = e;
        for _ in 0..3 {
            match next_word(c, i) {
                Some((_, _, we)) => i = we,
                None => break,
            }
        }
        let (y, ye) = read_year4(c, skip_ws(c, i))?;
        d.year = Some(y);
        return Some((ye, false));
    }
    let markers = [
        "giai đoạn",
        "niên khóa",
        "niên khoá",
        "nhiệm kỳ",
        "niên độ",
        "năm học",
        "năm tài chính",
        "năm",
    ];
    if let Some((_, e)) = match_any(c, p, &markers) {
        let s = skip_ws(c, e);
        let (y, ny, ye) = read_int(c, s)?;
        // "năm 75" is ambiguous (1975? year 75?), so only 3-4 digit years count.
        if !(3..=4).contains(&ny) {
            return None;
        }
        d.year = Some(i32::try_from(y).ok()?);
        return Some((year_range(c, ye, d), false));
    }
    if let Some(e) = match_phrase(c, p, "quý") {
        let s = skip_ws(c, e);
        let (q, qe) = if at(c, s).is_ascii_digit() {
            let (q, nq, qe) = read_int(c, s)?;
            if nq > 1 {
                return None;
            }
            (q, qe)
        } else {
            let mut best: Option<(u32, usize)> = None;
            for &(w, v) in QUARTER_WORDS {
                if let Some(e2) = match_phrase(c, s, w) {
                    if best.is_none_or(|b| e2 > b.1) {
                        best = Some((v, e2));
                    }
                }
            }
            best?
        };
        d.quarter = Some(q);
        let mut end = qe;
        if matches!(at(c, qe), '/' | '-') {
            if let Some((y, ye)) = read_year4(c, qe + 1) {
                d.year = Some(y);
                end = ye;
            }
        }
        if d.year.is_none() {
            end = year_suffix(c, end, d);
        }
        return Some((end, false));
    }
    if let Some(e) = match_phrase(c, p, "tháng") {
        return Some((month_after_thang(c, e, d)?, false));
    }
    if let Some((_, e)) = match_any(c, p, &["ngày", "mùng", "mồng"]) {
        let mut s = skip_ws(c, e);
        if let Some((_, e2)) = match_any(c, s, &["mùng", "mồng"]) {
            s = skip_ws(c, e2);
        }
        return numeric_date(c, s, d, true, depth);
    }
    if at(c, p).is_ascii_digit() {
        return numeric_date(c, p, d, false, depth);
    }
    None
}

/// Parse a DATE mention: "3/10", "26/9/2017", "4.1.2017", "ngày 25/2", "tháng 10/2016",
/// "9 tháng năm 2023", "quý III/2023", "giai đoạn 2018-2020", "6h ngày 19-2", "2023".
/// Validates ranges (month 1-12, day within the month). `None` otherwise.
pub fn parse_date(s: &str) -> Option<DateValue> {
    let (_, low) = lower_vec(s);
    let c = &low[..];
    let p = skip_date_context(c, 0);
    let mut d = DateValue::default();
    let (end, strict) = date_core(c, p, &mut d, 2)?;
    if strict && is_tok_char(at(c, skip_ws(c, end))) {
        return None;
    }
    valid_date(&d).then_some(d)
}

impl DateValue {
    /// ISO-like text: "2017-09-26", "2016-10", "2023", "2023-Q3", "--10-03" when the year
    /// is unknown, "2018/2020" for year spans, "2023-01/2023-09" for month periods, and a
    /// "T06" suffix for an hour.
    pub fn iso(&self) -> String {
        let y = |y: i32| format!("{y:04}");
        let mut out = if let Some(n) = self.months_span {
            let start = self.month.unwrap_or(1);
            let end = start.saturating_add(n).saturating_sub(1).min(12);
            match self.year {
                Some(yr) => format!("{}-{start:02}/{}-{end:02}", y(yr), y(yr)),
                None => format!("--{start:02}/--{end:02}"),
            }
        } else if let Some(q) = self.quarter {
            match self.year {
                Some(yr) => format!("{}-Q{q}", y(yr)),
                None => format!("--Q{q}"),
            }
        } else if let (Some(a), Some(b)) = (self.year, self.end_year) {
            format!("{}/{}", y(a), y(b))
        } else {
            match (self.year, self.month, self.day) {
                (Some(yr), Some(m), Some(dd)) => format!("{}-{m:02}-{dd:02}", y(yr)),
                (Some(yr), Some(m), None) => format!("{}-{m:02}", y(yr)),
                (Some(yr), None, _) => y(yr),
                (None, Some(m), Some(dd)) => format!("--{m:02}-{dd:02}"),
                (None, Some(m), None) => format!("--{m:02}"),
                (None, None, Some(dd)) => format!("---{dd:02}"),
                (None, None, None) => String::new(),
            }
        };
        if let Some(h) = self.hour {
            out.push_str(&format!("T{h:02}"));
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::FigureKind::{Money as M, Percent as P, Quantity as Q};
    use super::*;
    use proptest::prelude::*;

    /// (kind, value, to, of, unit) as canonical decimal text.
    type FigExp = (
        FigureKind,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    );

    #[rustfmt::skip]
    const FIGURES: &[(&str, Option<FigExp>)] = &[
        // The guideline's own examples.
        ("1.590 tỷ đồng", Some((M, "1590000000000", None, None, Some("VND")))),
        ("31,8%", Some((P, "31.8", None, None, Some("%")))),
        ("55/63 tiêu chí", Some((Q, "55", None, Some("63"), Some("tiêu chí")))),
        ("72,56 điểm", Some((Q, "72.56", None, None, Some("điểm")))),
        ("hơn 2 tỷ đồng", Some((M, "2000000000", None, None, Some("VND")))),
        ("1,8 triệu đồng", Some((M, "1800000", None, None, Some("VND")))),
        ("500.000 đồng", Some((M, "500000", None, None, Some("VND")))),
        ("3 triệu USD", Some((M, "3000000", None, None, Some("USD")))),
        ("18-20 năm", Some((Q, "18", Some("20"), None, Some("năm")))),
        ("1 tỷ 200 triệu đồng", Some((M, "1200000000", None, None, Some("VND")))),
        ("83 phần trăm", Some((P, "83", None, None, Some("%")))),
        ("gần 1.200 ha", Some((Q, "1200", None, None, Some("ha")))),
        ("12.000 m2", Some((Q, "12000", None, None, Some("m2")))),
        ("hơn 239 tỷ đồng", Some((M, "239000000000", None, None, Some("VND")))),
        ("970 triệu đồng", Some((M, "970000000", None, None, Some("VND")))),
        ("5 USD", Some((M, "5", None, None, Some("USD")))),
        ("126%", Some((P, "126", None, None, Some("%")))),
        ("500 ha", Some((Q, "500", None, None, Some("ha")))),
        ("1.200 lao động", Some((Q, "1200", None, None, Some("lao động")))),
        ("12 năm", Some((Q, "12", None, None, Some("năm")))),
        ("12 năm tù", Some((Q, "12", None, None, Some("năm")))),
        ("3 dự án", Some((Q, "3", None, None, Some("dự án")))),
        ("33 tuổi", Some((Q, "33", None, None, Some("tuổi")))),
        ("90 triệu", Some((M, "90000000", None, None, Some("VND")))),
        ("14.000 tỷ", Some((M, "14000000000000", None, None, Some("VND")))),
        ("2 điểm phần trăm", Some((P, "2", None, None, Some("%")))),
        ("1,5 đến 9,8 tỉ đồng", Some((M, "1500000000", Some("9800000000"), None, Some("VND")))),
        ("50-55%", Some((P, "50", Some("55"), None, Some("%")))),
        ("từ 10 đến 15 tỷ đồng", Some((M, "10000000000", Some("15000000000"), None, Some("VND")))),
        ("10.000 đồng/bài", Some((M, "10000", None, None, Some("VND")))),
        ("80.000 đồng/học sinh/tháng", Some((M, "80000", None, None, Some("VND")))),
        ("15 triệu tấn/năm", Some((Q, "15000000", None, None, Some("tấn")))),
        // Vague amounts and non-figures.
        ("hàng trăm", None),
        ("hàng nghìn", None),
        ("hàng trăm tỷ", None),
        ("hàng chục nghìn người", None),
        ("hàng triệu", None),
        ("vài", None),
        ("vài chục người", None),
        ("mấy chục", None),
        ("nhiều người", None),
        ("dăm ba người", None),
        ("mươi người", None),
        ("một số", None),
        ("một cách", None),
        ("một số địa phương", None),
        ("một trong", None),
        ("một", None),
        ("một nửa", None),
        ("năm 2023", None),
        ("năm nay", None),
        ("năm học", None),
        ("Km 15", None),
        ("910/QĐ-UBND", None),
        ("0912345678", None),
        ("0912.345.678", None),
        ("43A-123.45", None),
        ("số 15", None),
        ("", None),
        ("   ", None),
        ("%", None),
        ("đồng", None),
        ("tỷ đồng", None),
        ("triệu người", None),
        ("người dân", None),
        ("không", None),
        ("tư nhân", None),
        // Number words.
        ("hai xã", Some((Q, "2", None, None, Some("xã")))),
        ("một triệu tấn", Some((Q, "1000000", None, None, Some("tấn")))),
        ("chục tuyến", Some((Q, "10", None, None, Some("tuyến")))),
        ("mười lăm người", Some((Q, "15", None, None, Some("người")))),
        ("ba trăm hộ", Some((Q, "300", None, None, Some("hộ")))),
        ("hai mươi mốt tỉnh", Some((Q, "21", None, None, Some("tỉnh")))),
        ("một nghìn không trăm linh năm người", Some((Q, "1005", None, None, Some("người")))),
        ("hai năm", Some((Q, "2", None, None, Some("năm")))),
        ("năm tỉnh", Some((Q, "5", None, None, Some("tỉnh")))),
        ("năm năm", Some((Q, "5", None, None, Some("năm")))),
        ("mười năm", Some((Q, "10", None, None, Some("năm")))),
        ("hai mươi năm", Some((Q, "20", None, None, Some("năm")))),
        ("ba mươi lăm tuổi", Some((Q, "35", None, None, Some("tuổi")))),
        ("bốn mươi tư người", Some((Q, "44", None, None, Some("người")))),
        ("một trăm linh tư", Some((Q, "104", None, None, None))),
        ("hai nghìn người", Some((Q, "2000", None, None, Some("người")))),
        ("hai triệu ba trăm nghìn đồng", Some((M, "2300000", None, None, Some("VND")))),
        ("mười hai tỷ đồng", Some((M, "12000000000", None, None, Some("VND")))),
        ("một tỷ đồng", Some((M, "1000000000", None, None, Some("VND")))),
        ("hai tỷ", Some((M, "2000000000", None, None, Some("VND")))),
        ("nửa triệu người", Some((Q, "500000", None, None, Some("người")))),
        ("mười một người", Some((Q, "11", None, None, Some("người")))),
        ("chín mươi chín", Some((Q, "99", None, None, None))),
        ("ba trăm", Some((Q, "300", None, None, None))),
        ("Hai xã", Some((Q, "2", None, None, Some("xã")))),
        ("bảy ngày", Some((Q, "7", None, None, Some("ngày")))),
        ("bẩy người", Some((Q, "7", None, None, Some("người")))),
        ("sáu tháng", Some((Q, "6", None, None, Some("tháng")))),
        ("tám tấn", Some((Q, "8", None, None, Some("tấn")))),
        ("hai chục người", Some((Q, "20", None, None, Some("người")))),
        ("hai trăm năm mươi hộ", Some((Q, "250", None, None, Some("hộ")))),
        // Money.
        ("2 tỷ USD", Some((M, "2000000000", None, None, Some("USD")))),
        ("1,2 tỷ USD", Some((M, "1200000000", None, None, Some("USD")))),
        ("500 triệu đô la Mỹ", Some((M, "500000000", None, None, Some("USD")))),
        ("10 triệu EUR", Some((M, "10000000", None, None, Some("EUR")))),
        ("200 euro", Some((M, "200", None, None, Some("EUR")))),
        ("3.000 nhân dân tệ", Some((M, "3000", None, None, Some("CNY")))),
        ("100.000 USD", Some((M, "100000", None, None, Some("USD")))),
        ("$500", Some((M, "500", None, None, Some("USD")))),
        ("1,590,000 USD", Some((M, "1590000", None, None, Some("USD")))),
        ("500.000đ", Some((M, "500000", None, None, Some("VND")))),
        ("2 triệu VNĐ", Some((M, "2000000", None, None, Some("VND")))),
        ("1,5 triệu đ", Some((M, "1500000", None, None, Some("VND")))),
        ("2 nghìn tỷ đồng", Some((M, "2000000000000", None, None, Some("VND")))),
        ("1,2 nghìn tỷ đồng", Some((M, "1200000000000", None, None, Some("VND")))),
        ("3 ngàn tỷ", Some((M, "3000000000000", None, None, Some("VND")))),
        ("500 nghìn đồng", Some((M, "500000", None, None, Some("VND")))),
        ("1 triệu rưỡi đồng", Some((M, "1500000", None, None, Some("VND")))),
        ("5.000 tỷ đồng", Some((M, "5000000000000", None, None, Some("VND")))),
        ("20.000 tỷ đồng", Some((M, "20000000000000", None, None, Some("VND")))),
        ("1.000 tỷ đồng/năm", Some((M, "1000000000000", None, None, Some("VND")))),
        ("40 tỷ", Some((M, "40000000000", None, None, Some("VND")))),
        ("1 tỉ", Some((M, "1000000000", None, None, Some("VND")))),
        ("3 Tỷ đồng", Some((M, "3000000000", None, None, Some("VND")))),
        ("1.234.567 đồng", Some((M, "1234567", None, None, Some("VND")))),
        ("200 USD/tấn", Some((M, "200", None, None, Some("USD")))),
        ("1.5 triệu", Some((M, "1500000", None, None, Some("VND")))),
        ("2 tỷ 500 triệu", Some((M, "2500000000", None, None, Some("VND")))),
        ("ước đạt 1.200 tỷ đồng", Some((M, "1200000000000", None, None, Some("VND")))),
        ("lên tới 3.000 tỷ đồng", Some((M, "3000000000000", None, None, Some("VND")))),
        ("ước 2.000 tỷ đồng", Some((M, "2000000000000", None, None, Some("VND")))),
        ("trên 1.590 tỷ đồng", Some((M, "1590000000000", None, None, Some("VND")))),
        ("Hơn 2 tỷ đồng", Some((M, "2000000000", None, None, Some("VND")))),
        // Percent.
        ("3.5%", Some((P, "3.5", None, None, Some("%")))),
        ("0,5%", Some((P, "0.5", None, None, Some("%")))),
        ("10.50%", Some((P, "10.5", None, None, Some("%")))),
        ("100 %", Some((P, "100", None, None, Some("%")))),
        ("-3,5%", Some((P, "-3.5", None, None, Some("%")))),
        ("gần 50%", Some((P, "50", None, None, Some("%")))),
        ("gần như 100%", Some((P, "100", None, None, Some("%")))),
        ("tới 70%", Some((P, "70", None, None, Some("%")))),
        ("xấp xỉ 10%", Some((P, "10", None, None, Some("%")))),
        ("tăng 31,8%", Some((P, "31.8", None, None, Some("%")))),
        ("giảm 3,2%", Some((P, "3.2", None, None, Some("%")))),
        ("0,3 điểm %", Some((P, "0.3", None, None, Some("%")))),
        ("50%-55%", Some((P, "50", Some("55"), None, Some("%")))),
        ("năm mươi phần trăm", Some((P, "50", None, None, Some("%")))),
        // Quantities.
        ("1.234,5 tấn", Some((Q, "1234.5", None, None, Some("tấn")))),
        ("72,56", Some((Q, "72.56", None, None, None))),
        ("1.590", Some((Q, "1590", None, None, None))),
        ("1.000", Some((Q, "1000", None, None, None))),
        ("2,5 triệu người", Some((Q, "2500000", None, None, Some("người")))),
        ("45 km", Some((Q, "45", None, None, Some("km")))),
        ("45km", Some((Q, "45", None, None, Some("km")))),
        ("1.500 m²", Some((Q, "1500", None, None, Some("m2")))),
        ("3 tấn", Some((Q, "3", None, None, Some("tấn")))),
        ("15.000 tấn", Some((Q, "15000", None, None, Some("tấn")))),
        ("150 hộ dân", Some((Q, "150", None, None, Some("hộ")))),
        ("24 xã", Some((Q, "24", None, None, Some("xã")))),
        ("9/9 xã", Some((Q, "9", None, Some("9"), Some("xã")))),
        ("19/19 tiêu chí", Some((Q, "19", None, Some("19"), Some("tiêu chí")))),
        ("hơn 100 người", Some((Q, "100", None, None, Some("người")))),
        ("khoảng 300 người", Some((Q, "300", None, None, Some("người")))),
        ("chừng 20 người", Some((Q, "20", None, None, Some("người")))),
        ("hàng 100 người", Some((Q, "100", None, None, Some("người")))),
        ("trên dưới 100 người", Some((Q, "100", None, None, Some("người")))),
        ("hơn 3.000 lao động", Some((Q, "3000", None, None, Some("lao động")))),
        ("1 năm rưỡi", Some((Q, "1.5", None, None, Some("năm")))),
        ("2 tiếng rưỡi", Some((Q, "2.5", None, None, Some("tiếng")))),
        ("6 tháng", Some((Q, "6", None, None, Some("tháng")))),
        ("30 ngày", Some((Q, "30", None, None, Some("ngày")))),
        ("36 tháng", Some((Q, "36", None, None, Some("tháng")))),
        ("7 năm 6 tháng tù", Some((Q, "7", None, None, Some("năm")))),
        ("100 điểm", Some((Q, "100", None, None, Some("điểm")))),
        ("7,5 điểm", Some((Q, "7.5", None, None, Some("điểm")))),
        ("200 MW", Some((Q, "200", None, None, Some("MW")))),
        ("1.200 MW", Some((Q, "1200", None, None, Some("MW")))),
        ("3 triệu lượt khách", Some((Q, "3000000", None, None, Some("lượt khách")))),
        ("8,3 triệu lượt người", Some((Q, "8300000", None, None, Some("lượt người")))),
        ("18 doanh nghiệp", Some((Q, "18", None, None, Some("doanh nghiệp")))),
        ("500 học sinh", Some((Q, "500", None, None, Some("học sinh")))),
        ("2 hợp tác xã", Some((Q, "2", None, None, Some("hợp tác xã")))),
        ("10 căn hộ", Some((Q, "10", None, None, Some("căn hộ")))),
        ("1.000 con lợn", Some((Q, "1000", None, None, Some("con lợn")))),
        ("3 chiếc xe", Some((Q, "3", None, None, Some("chiếc xe")))),
        ("40 độ C", Some((Q, "40", None, None, Some("°C")))),
        ("5ha", Some((Q, "5", None, None, Some("ha")))),
        ("25 héc-ta", Some((Q, "25", None, None, Some("ha")))),
        ("6,5 triệu m3", Some((Q, "6500000", None, None, Some("m3")))),
        ("3 m³", Some((Q, "3", None, None, Some("m3")))),
        ("20 km/h", Some((Q, "20", None, None, Some("km/h")))),
        ("80 tuổi", Some((Q, "80", None, None, Some("tuổi")))),
        ("10 vụ", Some((Q, "10", None, None, Some("vụ")))),
        ("10 vụ án", Some((Q, "10", None, None, Some("vụ án")))),
        ("5 ca mắc", Some((Q, "5", None, None, Some("ca")))),
        ("2 đồng chí", Some((Q, "2", None, None, Some("đồng chí")))),
        ("3 giờ", Some((Q, "3", None, None, Some("giờ")))),
        ("4 quý", Some((Q, "4", None, None, Some("quý")))),
        ("200 em Hà Nội", Some((Q, "200", None, None, Some("em")))),
        ("05 người", Some((Q, "5", None, None, Some("người")))),
        ("62 huyện", Some((Q, "62", None, None, Some("huyện")))),
        ("12 phường", Some((Q, "12", None, None, Some("phường")))),
        ("1.100 cán bộ", Some((Q, "1100", None, None, Some("cán bộ")))),
        ("320 đảng viên", Some((Q, "320", None, None, Some("đảng viên")))),
        ("4.500 tấn", Some((Q, "4500", None, None, Some("tấn")))),
        ("120 km", Some((Q, "120", None, None, Some("km")))),
        ("2.500 m", Some((Q, "2500", None, None, Some("m")))),
        ("70 kg", Some((Q, "70", None, None, Some("kg")))),
        // Ranges.
        ("5-7 người", Some((Q, "5", Some("7"), None, Some("người")))),
        ("5 - 7 người", Some((Q, "5", Some("7"), None, Some("người")))),
        ("khoảng 5-7 ngày", Some((Q, "5", Some("7"), None, Some("ngày")))),
        ("5 tỷ đồng - 10 tỷ đồng", Some((M, "5000000000", Some("10000000000"), None, Some("VND")))),
        ("2 - 3 tỷ đồng", Some((M, "2000000000", Some("3000000000"), None, Some("VND")))),
        ("500 nghìn - 1 triệu đồng", Some((M, "500000", Some("1000000"), None, Some("VND")))),
        ("từ 8 đến 10 giờ", Some((Q, "8", Some("10"), None, Some("giờ")))),
        ("20–30%", Some((P, "20", Some("30"), None, Some("%")))),
        ("3 đến 5 năm tù", Some((Q, "3", Some("5"), None, Some("năm")))),
        ("1,2-1,5 triệu đồng", Some((M, "1200000", Some("1500000"), None, Some("VND")))),
        ("19-2", Some((Q, "19", None, None, None))),
        ("2/9/1945", None),
        ("12 khu đô thị", Some((Q, "12", None, None, Some("khu đô thị")))),
        ("3 khu công nghiệp", Some((Q, "3", None, None, Some("khu công nghiệp")))),
        ("63 tỉnh, thành phố", Some((Q, "63", None, None, Some("tỉnh, thành phố")))),
        ("1.000-2.000 người", Some((Q, "1000", Some("2000"), None, Some("người")))),
        ("3,5 - 4 triệu tấn", Some((Q, "3500000", Some("4000000"), None, Some("tấn")))),
        ("từ 5 đến 10 triệu USD", Some((M, "5000000", Some("10000000"), None, Some("USD")))),
        ("10 tỷ - 20 tỷ", Some((M, "10000000000", Some("20000000000"), None, Some("VND")))),
        ("2,5%/năm", Some((P, "2.5", None, None, Some("%")))),
        ("20.000 đ/kg", Some((M, "20000", None, None, Some("VND")))),
        ("hơn chục người", Some((Q, "10", None, None, Some("người")))),
        ("10 nghìn người", Some((Q, "10000", None, None, Some("người")))),
        ("0,5 ha", Some((Q, "0.5", None, None, Some("ha")))),
    ];

    #[test]
    fn figure_table() {
        let mut failures = Vec::new();
        for (input, exp) in FIGURES {
            let got = parse_figure(input);
            let got_t = got.as_ref().map(|f| {
                (
                    f.kind,
                    f.value.to_string(),
                    f.to.map(|d| d.to_string()),
                    f.of.map(|d| d.to_string()),
                    f.unit.clone(),
                )
            });
            let exp_t = exp.map(|(k, v, t, o, u)| {
                (
                    k,
                    v.to_string(),
                    t.map(str::to_string),
                    o.map(str::to_string),
                    u.map(str::to_string),
                )
            });
            if got_t != exp_t {
                failures.push(format!("{input:?}: got {got_t:?}, want {exp_t:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn figure_qualifiers_and_ratio() {
        let q = |s: &str| parse_figure(s).and_then(|f| f.qualifier);
        assert_eq!(q("hơn 2 tỷ đồng").as_deref(), Some("hơn"));
        assert_eq!(q("Hơn 2 tỷ đồng").as_deref(), Some("hơn"));
        assert_eq!(q("gần 1.200 ha").as_deref(), Some("gần"));
        assert_eq!(q("gần như 100%").as_deref(), Some("gần như"));
        assert_eq!(q("ước đạt 1.200 tỷ đồng").as_deref(), Some("ước đạt"));
        assert_eq!(q("ước đạt trên 1.590 tỷ đồng").as_deref(), Some("trên"));
        assert_eq!(q("lên tới 3.000 tỷ đồng").as_deref(), Some("lên tới"));
        assert_eq!(q("hàng 100 người").as_deref(), Some("hàng"));
        assert_eq!(q("khoảng 300 người").as_deref(), Some("khoảng"));
        assert_eq!(q("tăng 31,8%"), None);
        assert_eq!(q("31,8%"), None);
        let f = parse_figure("9/9 xã").expect("ratio");
        assert_eq!(f.of, Some(Decimal::from_int(9)));
        // Exact decimal shapes, not just text.
        let f = parse_figure("1,5 đến 9,8 tỉ đồng").expect("range");
        assert_eq!(f.value, Decimal::from_int(1_500_000_000));
        assert_eq!(f.to, Some(Decimal::from_int(9_800_000_000)));
        let f = parse_figure("31,8%").expect("pct");
        assert_eq!(f.value, Decimal::new(318, 1));
        assert!((f.value.to_f64() - 31.8).abs() < 1e-12);
    }

    /// (input, value text, consumed chars; None = the whole input).
    type NumExp = Option<(&'static str, Option<usize>)>;

    #[rustfmt::skip]
    const NUMBERS: &[(&str, NumExp)] = &[
        ("1.590", Some(("1590", None))),
        ("31,8", Some(("31.8", None))),
        ("1 tỷ 200 triệu", Some(("1200000000", None))),
        ("hai mươi mốt", Some(("21", None))),
        ("ba trăm", Some(("300", None))),
        ("một nghìn không trăm linh năm", Some(("1005", None))),
        ("mười lăm", Some(("15", None))),
        ("chục", Some(("10", None))),
        ("1,8 triệu", Some(("1800000", None))),
        ("500.000", Some(("500000", None))),
        ("14.000 tỷ", Some(("14000000000000", None))),
        ("một", Some(("1", None))),
        ("hai", Some(("2", None))),
        ("mười", Some(("10", None))),
        ("1.234,5", Some(("1234.5", None))),
        ("1.234.567", Some(("1234567", None))),
        ("1,590,000", Some(("1590000", None))),
        ("3.5%", Some(("3.5", Some(3)))),
        ("4.1.2017", Some(("4", Some(1)))),
        ("72,56 điểm", Some(("72.56", Some(5)))),
        ("1 triệu rưỡi", Some(("1500000", None))),
        ("hai trăm năm mươi", Some(("250", None))),
        ("hai trăm rưỡi", Some(("250", None))),
        ("một trăm năm", Some(("100", Some(8)))),
        ("hai nghìn năm", Some(("2000", Some(9)))),
        ("mười năm", Some(("10", Some(4)))),
        ("2 nghìn tỷ", Some(("2000000000000", None))),
        ("chín mươi chín nghìn", Some(("99000", None))),
        ("hai tỷ ba trăm triệu", Some(("2300000000", None))),
        ("nửa triệu", Some(("500000", None))),
        ("-3", Some(("-3", None))),
        ("0,05", Some(("0.05", None))),
        ("hai mươi tư", Some(("24", None))),
        ("Mười Lăm", Some(("15", None))),
        ("năm 2023", None),
        ("hàng trăm", None),
        ("nghìn", None),
        ("không", None),
        ("abc", None),
        ("", None),
        ("tư nhân", None),
    ];

    #[test]
    fn number_table() {
        let mut failures = Vec::new();
        for (input, exp) in NUMBERS {
            let got = parse_number_prefix(input).map(|(d, n)| (d.to_string(), n));
            let want =
                exp.map(|(v, n)| (v.to_string(), n.unwrap_or_else(|| input.chars().count())));
            if got != want {
                failures.push(format!("{input:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[rustfmt::skip]
    const DATES: &[(&str, Option<&str>)] = &[
        ("3/10", Some("--10-03")),
        ("9 tháng năm 2023", Some("2023-01/2023-09")),
        ("26/9/2017", Some("2017-09-26")),
        ("4.1.2017", Some("2017-01-04")),
        ("tháng 10/2016", Some("2016-10")),
        ("quý III/2023", Some("2023-Q3")),
        ("ngày 25/2", Some("--02-25")),
        ("6 tháng đầu năm 2016", Some("2016-01/2016-06")),
        ("6 tháng cuối năm 2016", Some("2016-07/2016-12")),
        ("9 tháng đầu năm nay", Some("--01/--09")),
        ("năm 2023", Some("2023")),
        ("quý 3 năm 2023", Some("2023-Q3")),
        ("giai đoạn 2018-2020", Some("2018/2020")),
        ("6h ngày 19-2", Some("--02-19T06")),
        ("ngày 15 tháng 8 năm 2024", Some("2024-08-15")),
        ("2023", Some("2023")),
        ("SN 1994", Some("1994")),
        ("Tết Bính Thân 2016", Some("2016")),
        ("Chiều 3/10", Some("--10-03")),
        ("trưa 8-11", Some("--11-08")),
        ("tháng 10 năm 2016", Some("2016-10")),
        ("tháng 10", Some("--10")),
        ("tháng Giêng", Some("--01")),
        ("tháng Mười hai năm 2022", Some("2022-12")),
        ("tháng 12 năm nay", Some("--12")),
        ("quý I/2024", Some("2024-Q1")),
        ("quý IV", Some("--Q4")),
        ("quý 2/2023", Some("2023-Q2")),
        ("29/2/2024", Some("2024-02-29")),
        ("ngày 3/10/2023", Some("2023-10-03")),
        ("2021-2025", Some("2021/2025")),
        ("năm 2021 - 2025", Some("2021/2025")),
        ("từ năm 2018 đến năm 2020", Some("2018/2020")),
        ("10/2016", Some("2016-10")),
        ("2017-09-26", Some("2017-09-26")),
        ("ngày 3-5/10", Some("--10-03")),
        ("19h30 ngày 3/10/2023", Some("2023-10-03T19")),
        ("8 giờ sáng 3/10", Some("--10-03T08")),
        ("14h", Some("T14")),
        ("ngày 1", Some("---01")),
        ("9 tháng 5 năm 2023", Some("2023-05-09")),
        ("niên khóa 2022-2023", Some("2022/2023")),
        ("mùng 2/9", Some("--09-02")),
        ("ngày 26/9/17", Some("2017-09-26")),
        ("thứ Hai, 3/10", Some("--10-03")),
        ("đầu tháng 10/2023", Some("2023-10")),
        ("26/9 năm 2017", Some("2017-09-26")),
        ("Tết Nguyên đán 2024", Some("2024")),
        ("ngày 4.1", Some("--01-04")),
        ("1/1/2000", Some("2000-01-01")),
        ("31/12/2023", Some("2023-12-31")),
        ("32/10", None),
        ("31/4", None),
        ("29/2/2023", None),
        ("13/13", None),
        ("0/5", None),
        ("6 tháng", None),
        ("18 tháng đầu năm", None),
        ("năm nay", None),
        ("hôm nay", None),
        ("thời gian tới", None),
        ("cùng kỳ", None),
        ("chiều nay", None),
        ("2023 người", None),
        ("55/63", None),
        ("Km 15", None),
        ("910/QĐ-UBND", None),
        ("abc", None),
        ("", None),
        ("5", None),
        ("quý V/2023", None),
        ("2020-2018", None),
        ("25h", None),
        ("năm 75", None),
        ("năm 1975", Some("1975")),
        ("ngày 30/4/1975", Some("1975-04-30")),
        ("ngày 2 tháng 9 năm 1945", Some("1945-09-02")),
        ("21h ngày 5/6", Some("--06-05T21")),
        ("giai đoạn 2021 – 2025", Some("2021/2025")),
        ("tháng 3-2016", Some("2016-03")),
        ("quý I năm nay", Some("--Q1")),
        ("ngày 3/10 tới", Some("--10-03")),
        ("tháng 13", None),
    ];

    #[test]
    fn date_table() {
        let mut failures = Vec::new();
        for (input, exp) in DATES {
            let got = parse_date(input).map(|d| d.iso());
            let want = exp.map(str::to_string);
            if got != want {
                failures.push(format!("{input:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn date_values() {
        let d = |year, month, day| DateValue {
            year,
            month,
            day,
            ..Default::default()
        };
        assert_eq!(
            parse_date("26/9/2017"),
            Some(d(Some(2017), Some(9), Some(26)))
        );
        assert_eq!(parse_date("3/10"), Some(d(None, Some(10), Some(3))));
        assert_eq!(
            parse_date("9 tháng năm 2023"),
            Some(DateValue {
                year: Some(2023),
                months_span: Some(9),
                ..Default::default()
            })
        );
        assert_eq!(
            parse_date("giai đoạn 2018-2020"),
            Some(DateValue {
                year: Some(2018),
                end_year: Some(2020),
                ..Default::default()
            })
        );
        assert_eq!(
            parse_date("quý III/2023"),
            Some(DateValue {
                year: Some(2023),
                quarter: Some(3),
                ..Default::default()
            })
        );
        assert_eq!(
            parse_date("6h ngày 19-2"),
            Some(DateValue {
                month: Some(2),
                day: Some(19),
                hour: Some(6),
                ..Default::default()
            })
        );
    }

    #[test]
    fn decimal_basics() {
        assert_eq!(
            Decimal::from_int(1_590_000_000_000).to_string(),
            "1590000000000"
        );
        assert_eq!(Decimal::new(318, 1).to_string(), "31.8");
        assert_eq!(Decimal::new(50, 2).to_string(), "0.5");
        assert_eq!(Decimal::new(-3, 0).to_string(), "-3");
        assert_eq!(Decimal::new(-5, 3).to_string(), "-0.005");
        assert_eq!(Decimal::new(0, 7).to_string(), "0");
        assert_eq!(Decimal::new(1500, 3).normalized(), Decimal::new(15, 1));
        assert_eq!(
            Decimal::new(15, 1).checked_mul(Decimal::from_int(1_000_000_000)),
            Some(Decimal::from_int(1_500_000_000))
        );
        assert_eq!(
            Decimal::new(15, 1).checked_add(Decimal::new(5, 1)),
            Some(Decimal::from_int(2))
        );
        assert_eq!(
            Decimal::from_int(i128::MAX).checked_mul(Decimal::from_int(10)),
            None
        );
        assert_eq!(Decimal::new(i128::MIN, 3).to_string().len(), 41);
        assert_eq!(
            Decimal::new(25, 1).cmp_value(&Decimal::from_int(3)),
            Some(Ordering::Less)
        );
    }

    #[test]
    fn overflow_is_none_not_panic() {
        assert_eq!(
            parse_number_prefix("999999999999999999999999999999999999999999"),
            None
        );
        assert_eq!(
            parse_figure("99999999999999999999999999999 nghìn tỷ tỷ tỷ đồng"),
            None
        );
        assert!(parse_date("999999999/99999/9999999").is_none());
    }

    /// Characters that can never spell a digit or a Vietnamese number word.
    const NO_NUMBER_CHARS: &[char] = &[
        'x', 'y', 'z', 'q', 'w', 'X', 'Q', 'đ', 'Đ', 'ư', 'ế', ' ', ',', '.', '-', '/', '%', '$',
        '(', ')', '\u{a0}',
    ];

    /// Pieces that drive the parsers into their deeper paths (and overflows).
    const PIECES: &[&str] = &[
        "1",
        "0",
        "9",
        "12",
        "2023",
        "999999999999",
        ".",
        ",",
        "/",
        "-",
        "–",
        ":",
        "%",
        "$",
        " ",
        "  ",
        "h",
        "tỷ",
        "tỉ",
        "triệu",
        "nghìn",
        "ngàn",
        "trăm",
        "chục",
        "vạn",
        "rưỡi",
        "nửa",
        "một",
        "hai",
        "năm",
        "mười",
        "mươi",
        "mốt",
        "lăm",
        "tư",
        "linh",
        "không",
        "đồng",
        "USD",
        "phần trăm",
        "điểm",
        "ngày",
        "tháng",
        "quý",
        "III",
        "giai đoạn",
        "đến",
        "từ",
        "hơn",
        "hàng",
        "đầu",
        "cuối",
        "giờ",
        "Tết",
        "m²",
        "người",
        "Ư",
        "ß",
        "İ",
        "\u{301}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn never_panics_on_any_chars(chars in prop::collection::vec(any::<char>(), 0..40)) {
            let s: String = chars.into_iter().collect();
            let _ = parse_figure(&s);
            let _ = parse_number_prefix(&s);
            let _ = parse_date(&s).map(|d| d.iso());
        }

        #[test]
        fn never_panics_on_number_like_text(parts in prop::collection::vec(prop::sample::select(PIECES), 0..16)) {
            let s: String = parts.concat();
            let _ = parse_figure(&s);
            if let Some((_, n)) = parse_number_prefix(&s) {
                prop_assert!(n <= s.chars().count());
            }
            let _ = parse_date(&s).map(|d| d.iso());
        }

        #[test]
        fn no_digit_no_number_word_is_none(chars in prop::collection::vec(prop::sample::select(NO_NUMBER_CHARS), 0..40)) {
            let s: String = chars.into_iter().collect();
            prop_assert_eq!(parse_figure(&s), None);
            prop_assert_eq!(parse_number_prefix(&s), None);
        }

        #[test]
        fn thousands_round_trip(n in any::<u64>()) {
            // Vietnamese grouping: 1234567 -> "1.234.567".
            let digits = n.to_string();
            let mut grouped = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    grouped.push('.');
                }
                grouped.push(ch);
            }
            let (v, used) = parse_number_prefix(&grouped).expect("grouped integer parses");
            prop_assert_eq!(v, Decimal::from_int(i128::from(n)));
            prop_assert_eq!(used, grouped.chars().count());
        }

        #[test]
        fn display_round_trip(m in any::<i64>(), scale in 0u32..12) {
            // Display with the decimal point swapped for a Vietnamese comma parses back.
            let d = Decimal::new(i128::from(m), scale);
            let text = d.to_string().replace('.', ",");
            let (v, _) = parse_number_prefix(&text).expect("display text parses");
            prop_assert_eq!(v, d.normalized());
        }
    }
}
