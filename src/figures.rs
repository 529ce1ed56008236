//! MONEY, PERCENT and QUANTITY spans to figure records: the exact value from
//! [`crate::numbers`], and from the sentence around it the qualifier, the
//! change (tăng, giảm, đạt, vượt) and its reference, the metric (what is
//! measured), the period (the governing DATE) and the place.

use serde::{Serialize, Serializer};

use crate::numbers::{parse_date, parse_figure, starts_with_scale_word, Decimal};
use crate::tokenize::Sentence;
use crate::types::{Label, Span};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: Label,
    #[serde(serialize_with = "ser_decimal")]
    pub value: Decimal,
    pub unit: Option<String>,
    #[serde(serialize_with = "ser_opt_decimal")]
    pub of: Option<Decimal>,
    #[serde(serialize_with = "ser_opt_decimal")]
    pub to: Option<Decimal>,
    pub metric: Option<String>,
    pub qualifier: Option<String>,
    pub change: Option<String>,
    pub reference: Option<String>,
    pub period: Option<String>,
    pub period_iso: Option<String>,
    pub place: Option<String>,
    pub score: f32,
}

/// A JSON number with the exact digits: integers as integers, others through
/// their shortest decimal text.
pub fn decimal_json(d: &Decimal) -> serde_json::Value {
    let text = d.normalized().to_string();
    if let Ok(i) = text.parse::<i64>() {
        return serde_json::Value::from(i);
    }
    text.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(serde_json::Value::Null, Into::into)
}

fn ser_decimal<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    decimal_json(d).serialize(s)
}

fn ser_opt_decimal<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    d.as_ref().map(decimal_json).serialize(s)
}

const QUALIFIERS: [&str; 14] = [
    "ước đạt", "lên tới", "lên đến", "gần như", "xấp xỉ", "ít nhất", "tối đa", "hơn", "trên", "gần", "khoảng",
    "chừng", "dưới", "tới",
];
const CHANGES: [&str; 6] = ["tăng", "giảm", "đạt", "vượt", "chiếm", "bằng"];
/// Words that end the metric phrase: what follows them is the value's verb.
const METRIC_STOPS: [&str; 13] =
    ["ước đạt", "đạt", "tăng", "giảm", "là", "chiếm", "lên tới", "còn", "bằng", "với", "theo", "vượt", "khoảng"];

/// Conjunctions and prepositions that end no counted noun: "[2 và]" is "[2] và".
const TRAILING: [&str; 6] = ["và", "với", "của", "cho", "hay", "hoặc"];

/// Mends figure boundaries that the guideline rules out and the tagger
/// sometimes gives: a span that starts at a scale word takes in the number
/// just before it (merging that number's own span, as in "hơn [35] [triệu
/// người]"), and a span that ends on a conjunction gives it back.
/// `spans` are in text order and do not overlap; they still do not after.
pub fn mend_spans(chars: &[char], spans: &mut Vec<Span>) {
    let mut merged = vec![false; spans.len()];
    for i in 0..spans.len() {
        if !spans[i].label.is_figure() {
            continue;
        }
        let (start, end) = (spans[i].start, spans[i].end);
        let text: String = chars[start..end].iter().collect::<String>().to_lowercase();
        if starts_with_scale_word(&text) {
            let mut j = start;
            while j > 0 && chars[j - 1] == ' ' {
                j -= 1;
            }
            let gap = j;
            while j > 0 && (chars[j - 1].is_ascii_digit() || chars[j - 1] == '.' || chars[j - 1] == ',') {
                j -= 1;
            }
            let word_start = j == 0 || !chars[j - 1].is_alphanumeric();
            if gap > j && chars[j].is_ascii_digit() && word_start {
                match i.checked_sub(1).map(|p| &spans[p]) {
                    // the number is the whole of the span before: one figure
                    Some(p) if p.end > j => {
                        if p.label.is_figure() && p.start == j && p.end == gap {
                            merged[i - 1] = true;
                            spans[i].start = j;
                        }
                    }
                    _ => spans[i].start = j,
                }
            }
        }
        if let Some(w) = TRAILING.iter().find(|w| text.strip_suffix(*w).is_some_and(|r| r.ends_with(' '))) {
            let mut e = end - w.chars().count();
            while e > start && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            spans[i].end = e;
        }
    }
    let mut keep = merged.iter().map(|m| !m);
    spans.retain(|_| keep.next().unwrap_or(true));
    merge_periods(chars, spans);
}

/// Months followed by the year they fall in are a period, one DATE, as in the
/// guideline's "[9 tháng năm 2023]" and "[6 tháng đầu năm 2016]": the tagger
/// sometimes gives [9 tháng] QUANTITY + [năm 2023] DATE.
fn merge_periods(chars: &[char], spans: &mut Vec<Span>) {
    let lower = |a: usize, b: usize| chars[a..b].iter().collect::<String>().to_lowercase();
    let mut i = 0;
    while i + 1 < spans.len() {
        let (a, b) = (&spans[i], &spans[i + 1]);
        let months = a.label == Label::Quantity && lower(a.start, a.end).ends_with(" tháng");
        let year = b.label == Label::Date && lower(b.start, b.end).starts_with("năm ");
        if months && year && b.start > a.end && matches!(lower(a.end, b.start).as_str(), " " | " đầu " | " cuối ") {
            spans[i].end = spans[i + 1].end;
            spans[i].label = Label::Date;
            spans.remove(i + 1);
        }
        i += 1;
    }
}

/// Figures of one article, in span order. `chars` is the article text.
pub fn extract(chars: &[char], spans: &[Span], sentences: &[Sentence]) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    for span in spans.iter().filter(|s| s.label.is_figure()) {
        let text: String = chars[span.start..span.end].iter().collect();
        let Some(parsed) = parse_figure(&text) else { continue };
        let sent = sentences
            .iter()
            .find(|s| s.start <= span.start && span.end <= s.end)
            .copied()
            .unwrap_or(Sentence { start: span.start, end: span.end });
        // A counted noun is kept as written ("1,8 triệu hộ dân" counts "hộ dân").
        let unit = match span.label {
            Label::Quantity => counted_noun(&text).or(parsed.unit.filter(|u| u != "VND")),
            _ => parsed.unit,
        };
        let before: String = chars[sent.start..span.start].iter().collect();
        let after: String = chars[span.end..sent.end].iter().collect();
        let clause_before = last_clause(&before);
        let qualifier = parsed.qualifier.clone().or_else(|| qualifier_before(clause_before));
        let change = CHANGES
            .iter()
            .filter_map(|c| find_word(clause_before, c).map(|i| (i, *c)))
            .max()
            .map(|(_, c)| c.to_string());
        let previous_metric = out
            .last()
            .filter(|f| f.start >= sent.start)
            .and_then(|f| f.metric.clone());
        let metric = metric_of(clause_before).or(previous_metric);
        let (period, period_iso) = nearest(spans, span, sent, Label::Date)
            .map(|d| {
                let t: String = chars[d.start..d.end].iter().collect();
                let iso = parse_date(&t).map(|v| v.iso());
                (Some(t), iso)
            })
            .unwrap_or((None, None));
        let place = nearest(spans, span, sent, Label::Loc).map(|l| chars[l.start..l.end].iter().collect());
        out.push(Figure {
            start: span.start,
            end: span.end,
            text,
            label: span.label,
            value: parsed.value,
            unit,
            of: parsed.of,
            to: parsed.to,
            metric,
            qualifier,
            change,
            reference: reference_after(&after),
            period,
            period_iso,
            place,
            score: span.score,
        });
    }
    out
}

/// What a QUANTITY counts: the words after its last digit, scale words
/// dropped; None when the span ends with its number.
fn counted_noun(text: &str) -> Option<String> {
    let last_digit = text.char_indices().filter(|(_, c)| c.is_ascii_digit()).last()?;
    let mut rest = text[last_digit.0 + last_digit.1.len_utf8()..].trim_start_matches(['%', ' ']);
    loop {
        let stripped = ["nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn"]
            .iter()
            .find_map(|w| rest.strip_prefix(w).filter(|r| r.is_empty() || r.starts_with(' ')));
        match stripped {
            Some(r) => rest = r.trim_start(),
            None => break,
        }
    }
    let rest = rest.trim();
    (rest.chars().any(char::is_alphabetic)).then(|| rest.to_string())
}

/// The text after the last clause break (, ; : ( –).
fn last_clause(before: &str) -> &str {
    let cut = before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | '–'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[cut..]
}

/// Byte indexes of `word` as a whole word in `s`, in order.
fn word_positions<'a>(s: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    s.match_indices(word).map(|(at, _)| at).filter(move |&at| {
        let end = at + word.len();
        s[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
            && s[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Byte index of the last whole-word occurrence of `word` in `s`, ignoring case.
fn find_word(s: &str, word: &str) -> Option<usize> {
    word_positions(&s.to_lowercase(), word).last()
}

fn qualifier_before(clause: &str) -> Option<String> {
    let tail = clause.trim_end().to_lowercase();
    QUALIFIERS.iter().find(|q| tail.ends_with(*q) && find_word(&tail, q).is_some()).map(|q| q.to_string())
}

/// The noun phrase before the value's verb: "tổng giá trị sản xuất CN-TTCN
/// theo giá hiện hành ước đạt trên" gives "tổng giá trị sản xuất CN-TTCN".
fn metric_of(clause: &str) -> Option<String> {
    let lower = clause.to_lowercase();
    let stop = METRIC_STOPS.iter().filter_map(|w| find_first_word(&lower, w)).min().unwrap_or(clause.len());
    // `to_lowercase` keeps byte lengths for Vietnamese letters; guard anyway.
    let head = clause.get(..stop).unwrap_or(clause).trim();
    let words: Vec<&str> = head.split_whitespace().collect();
    let words = &words[words.len().saturating_sub(12)..];
    let mut phrase = words.join(" ");
    for q in QUALIFIERS {
        if let Some(p) = phrase.strip_suffix(q) {
            phrase = p.trim_end().to_string();
        }
    }
    let phrase = phrase.trim_matches(|c: char| !c.is_alphanumeric() && c != ')').to_string();
    (phrase.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(phrase)
}

fn find_first_word(s: &str, word: &str) -> Option<usize> {
    word_positions(s, word).next()
}

/// "so với cùng kỳ", "so với kế hoạch năm 2023", "kế hoạch", "dự toán" right after the value.
fn reference_after(after: &str) -> Option<String> {
    let clause = after.split([',', ';', '.', ':']).next().unwrap_or("");
    let clause = clause.split(" và ").next().unwrap_or("").trim();
    let lower = clause.to_lowercase();
    for key in ["so với", "kế hoạch", "dự toán", "chỉ tiêu", "cùng kỳ"] {
        if let Some(i) = find_first_word(&lower, key) {
            if i > 12 {
                continue; // too far from the value to be its reference
            }
            let words: Vec<&str> = clause.get(i..).unwrap_or("").split_whitespace().take(7).collect();
            return Some(words.join(" "));
        }
    }
    None
}

/// The span of `label` in the same sentence nearest to `span`, preferring one before it.
fn nearest<'a>(spans: &'a [Span], span: &Span, sent: Sentence, label: Label) -> Option<&'a Span> {
    spans
        .iter()
        .filter(|s| s.label == label && s.start >= sent.start && s.end <= sent.end)
        .min_by_key(|s| if s.end <= span.start { span.start - s.end } else { (s.start - span.end.min(s.start)) + 1000 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::split_sentences;

    fn find(chars: &[char], needle: &str, label: Label) -> Span {
        let n: Vec<char> = needle.chars().collect();
        let start = (0..chars.len()).find(|&i| chars[i..].starts_with(&n)).expect("needle in text");
        Span { start, end: start + n.len(), label, score: 0.9 }
    }

    /// The text's characters and the spans of `marks`, mended.
    fn mend_marks(text: &str, marks: &[(&str, Label)]) -> (Vec<char>, Vec<Span>) {
        let chars: Vec<char> = text.chars().collect();
        let mut spans = marks.iter().map(|&(m, l)| find(&chars, m, l)).collect();
        mend_spans(&chars, &mut spans);
        (chars, spans)
    }

    fn mended(text: &str, needle: &str, label: Label) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut spans = vec![find(&chars, needle, label)];
        mend_spans(&chars, &mut spans);
        chars[spans[0].start..spans[0].end].iter().collect()
    }

    #[test]
    fn mends_a_number_left_out_before_a_scale_word() {
        let text = "Lễ hội dự kiến đón hơn 7 triệu lượt khách.";
        assert_eq!(mended(text, "triệu lượt khách", Label::Quantity), "7 triệu lượt khách");
        assert_eq!(mended("thu về 1.500 tỷ đồng", "tỷ đồng", Label::Money), "1.500 tỷ đồng");
        // no number before it, or a number that is part of a word: unchanged
        assert_eq!(mended("hơn tỷ đồng", "tỷ đồng", Label::Money), "tỷ đồng");
        assert_eq!(mended("mã A35 triệu người", "triệu người", Label::Quantity), "triệu người");
        // not a figure label: unchanged
        assert_eq!(mended("có 3 Trăm Năm", "Trăm Năm", Label::Org), "Trăm Năm");
    }

    #[test]
    fn mending_never_takes_a_number_from_another_span() {
        let (_, spans) = mend_marks("năm 2017 triệu người", &[("năm 2017", Label::Date), ("triệu người", Label::Quantity)]);
        assert_eq!((spans[1].start, spans[1].end), (9, 20));
    }

    #[test]
    fn mending_merges_a_bare_number_span_before_a_scale_word() {
        let (chars, spans) =
            mend_marks("thu hút hơn 35 triệu người xem", &[("35", Label::Money), ("triệu người", Label::Quantity)]);
        assert_eq!(spans.len(), 1);
        assert_eq!(chars[spans[0].start..spans[0].end].iter().collect::<String>(), "35 triệu người");
        assert_eq!(spans[0].label, Label::Quantity);
    }

    #[test]
    fn months_and_their_year_are_one_period() {
        for (text, months, year) in [
            ("đảm bảo QP-AN trong 9 tháng năm 2023. Theo đó", "9 tháng", "năm 2023"),
            ("kết quả 6 tháng đầu năm 2016 cho thấy", "6 tháng", "năm 2016"),
        ] {
            let (chars, spans) = mend_marks(text, &[(months, Label::Quantity), (year, Label::Date)]);
            assert_eq!(spans.len(), 1, "{text}");
            assert_eq!(spans[0].label, Label::Date);
            assert!(chars[spans[0].start..spans[0].end].iter().collect::<String>().ends_with(&year[4..]));
        }
        // A duration before another word, or before a year it does not touch, stays.
        let (_, spans) = mend_marks("sau 6 tháng, năm 2016 khởi công", &[("6 tháng", Label::Quantity), ("năm 2016", Label::Date)]);
        assert_eq!(spans.len(), 2);
    }

    #[test]
    fn mends_a_trailing_conjunction() {
        assert_eq!(mended("tín nhiệm 2 và tín nhiệm thấp", "2 và", Label::Quantity), "2");
        assert_eq!(mended("có 10 hộ hoặc hơn", "10 hộ hoặc", Label::Quantity), "10 hộ");
        assert_eq!(mended("có 10 hộ dân", "10 hộ dân", Label::Quantity), "10 hộ dân");
    }

    #[test]
    fn seed_sentence_figures() {
        let t = "Theo đó, tổng giá trị sản xuất CN-TTCN theo giá hiện hành ước đạt trên 1.590 tỷ đồng, tăng 31,8% so với cùng kỳ và đạt 57,8% so với kế hoạch năm 2023.";
        let chars: Vec<char> = t.chars().collect();
        let spans = vec![
            find(&chars, "1.590 tỷ đồng", Label::Money),
            find(&chars, "31,8%", Label::Percent),
            find(&chars, "57,8%", Label::Percent),
            find(&chars, "năm 2023", Label::Date),
        ];
        let figs = extract(&chars, &spans, &split_sentences(&chars));
        assert_eq!(figs.len(), 3);
        assert_eq!(decimal_json(&figs[0].value), serde_json::json!(1590000000000i64));
        assert_eq!(figs[0].unit.as_deref(), Some("VND"));
        assert_eq!(figs[0].metric.as_deref(), Some("tổng giá trị sản xuất CN-TTCN"));
        assert_eq!(figs[0].qualifier.as_deref(), Some("trên"));
        assert_eq!(figs[1].metric.as_deref(), Some("tổng giá trị sản xuất CN-TTCN"));
        assert_eq!(figs[1].change.as_deref(), Some("tăng"));
        assert_eq!(figs[1].reference.as_deref(), Some("so với cùng kỳ"));
        assert_eq!(decimal_json(&figs[1].value), serde_json::json!(31.8));
        assert_eq!(figs[2].change.as_deref(), Some("đạt"));
        assert_eq!(figs[2].period.as_deref(), Some("năm 2023"));
        assert_eq!(figs[2].period_iso.as_deref(), Some("2023"));
    }

    #[test]
    fn counted_nouns_are_kept_as_written() {
        assert_eq!(counted_noun("1,8 triệu hộ dân").as_deref(), Some("hộ dân"));
        assert_eq!(counted_noun("24 quận, huyện").as_deref(), Some("quận, huyện"));
        assert_eq!(counted_noun("18-20 năm").as_deref(), Some("năm"));
        assert_eq!(counted_noun("cấp 12"), None);
        assert_eq!(counted_noun("hai xã"), None);
    }

    #[test]
    fn clause_breaks_may_be_multibyte() {
        let t = "Cảng Chu Lai – Trường Hải với 170m cầu cảng đạt tổng chiều dài gần 2.000 m.";
        let chars: Vec<char> = t.chars().collect();
        let spans = vec![find(&chars, "2.000 m", Label::Quantity)];
        let figs = extract(&chars, &spans, &split_sentences(&chars));
        assert_eq!(figs[0].qualifier.as_deref(), Some("gần"));
    }

    #[test]
    fn ratio_and_unparseable_spans() {
        let t = "TX Hồng Lĩnh ước đạt 55/63 tiêu chí đô thị loại III, hàng trăm người.";
        let chars: Vec<char> = t.chars().collect();
        let spans = vec![
            find(&chars, "TX Hồng Lĩnh", Label::Loc),
            find(&chars, "55/63 tiêu chí", Label::Quantity),
            find(&chars, "hàng trăm người", Label::Quantity),
        ];
        let figs = extract(&chars, &spans, &split_sentences(&chars));
        assert_eq!(figs.len(), 1, "vague amounts give no figure");
        assert_eq!(figs[0].of.map(|d| d.to_string()), Some("63".into()));
        assert_eq!(figs[0].unit.as_deref(), Some("tiêu chí"));
        assert_eq!(figs[0].place.as_deref(), Some("TX Hồng Lĩnh"));
        assert_eq!(figs[0].change.as_deref(), Some("đạt"));
    }
}
