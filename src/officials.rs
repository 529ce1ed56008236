//! Officials: TITLE, ORG and PER spans linked into one record per person per
//! article, in both orders ("Phó Chủ tịch UBND tỉnh Lê Ngọc Châu", "ông
//! Nguyễn Văn Ngợi - trưởng Phòng GD-ĐT"), with short mentions ("ông Dũng",
//! a title alone) resolved to the full name.

use serde::Serialize;

use crate::types::{Label, Span};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Official {
    /// The fullest PER form in the article.
    pub name: String,
    /// The title written closest to the name.
    pub title: String,
    pub org: Option<String>,
    /// Offsets of the first mention of the full name.
    pub start: usize,
    pub end: usize,
    /// Mentions of the person: by name, short name or title alone.
    pub mentions: usize,
    /// Every title the person is given in the article.
    pub titles: Vec<String>,
    pub score: f32,
}

/// Words allowed between a title group and a name: honorifics and dashes.
fn is_glue(gap: &str) -> bool {
    let g = gap.trim().trim_matches(|c: char| matches!(c, '-' | '–' | ',' | '(' | ':')).trim();
    g.is_empty() || matches!(g.to_lowercase().as_str(), "ông" | "bà" | "đồng chí" | "anh" | "chị" | "là")
}

fn text_of(chars: &[char], s: &Span) -> String {
    chars[s.start..s.end].iter().collect()
}

fn gap(chars: &[char], a: &Span, b: &Span) -> String {
    if b.start < a.end {
        return "\u{0}".into();
    }
    chars[a.end..b.start].iter().collect()
}

/// A title and the organisation (or place) it belongs to.
struct Office {
    title: usize,
    org: Option<usize>,
}

/// The office right before entity `i`, or right after it ("Name - Title Org").
fn office_near(chars: &[char], ents: &[&Span], i: usize) -> Option<Office> {
    let is_org = |s: &Span| matches!(s.label, Label::Org | Label::Loc);
    if i >= 1 && is_glue(&gap(chars, ents[i - 1], ents[i])) {
        let prev = ents[i - 1];
        if prev.label == Label::Title {
            return Some(Office { title: i - 1, org: None });
        }
        if is_org(prev) && i >= 2 && ents[i - 2].label == Label::Title && gap(chars, ents[i - 2], prev).trim().is_empty() {
            return Some(Office { title: i - 2, org: Some(i - 1) });
        }
    }
    if i + 1 < ents.len() && ents[i + 1].label == Label::Title {
        let g = gap(chars, ents[i], ents[i + 1]);
        if g.trim().starts_with(['-', '–', ',', '(']) && is_glue(&g) {
            let org = (i + 2 < ents.len() && is_org(ents[i + 2]) && gap(chars, ents[i + 1], ents[i + 2]).trim().is_empty())
                .then_some(i + 2);
            return Some(Office { title: i + 1, org });
        }
    }
    None
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Officials of one article, in order of first mention.
pub fn link(chars: &[char], spans: &[Span]) -> Vec<Official> {
    let ents: Vec<&Span> = spans.iter().collect();
    let names: Vec<String> = ents.iter().filter(|s| s.label == Label::Per).map(|s| text_of(chars, s)).collect();
    // Short forms resolve to the longest name that ends with them ("Dũng" -> "Trần Thế Dũng").
    let full_name = |short: &str| -> String {
        let f = fold(short);
        names
            .iter()
            .filter(|n| {
                let nf = fold(n);
                nf == f || nf.ends_with(&format!(" {f}"))
            })
            .max_by_key(|n| n.split_whitespace().count())
            .cloned()
            .unwrap_or_else(|| short.to_string())
    };
    let mut out: Vec<Official> = Vec::new();
    let mut seen_offices: Vec<(String, Option<String>, usize)> = Vec::new(); // title, org -> official index
    for (i, e) in ents.iter().enumerate() {
        if e.label != Label::Per {
            continue;
        }
        let name = full_name(&text_of(chars, e));
        let office = office_near(chars, &ents, i);
        let idx = out.iter().position(|o| fold(&o.name) == fold(&name));
        let idx = match (idx, &office) {
            (Some(k), _) => k,
            (None, Some(off)) => {
                let title = text_of(chars, ents[off.title]);
                let org = off.org.map(|k| text_of(chars, ents[k]));
                let score = e.score.min(ents[off.title].score);
                out.push(Official {
                    name: name.clone(),
                    title,
                    org,
                    start: e.start,
                    end: e.end,
                    mentions: 0,
                    titles: Vec::new(),
                    score,
                });
                out.len() - 1
            }
            (None, None) => continue,
        };
        out[idx].mentions += 1;
        if let Some(off) = office {
            let title = text_of(chars, ents[off.title]);
            let org = off.org.map(|k| text_of(chars, ents[k]));
            if out[idx].org.is_none() && org.is_some() && fold(&out[idx].title) == fold(&title) {
                out[idx].org = org.clone();
            }
            if !out[idx].titles.iter().any(|t| fold(t) == fold(&title)) {
                out[idx].titles.push(title.clone());
            }
            seen_offices.push((fold(&title), org.map(|o| fold(&o)), idx));
        }
    }
    // A title used alone ("Phó Bí thư Thường trực Tỉnh ủy nhấn mạnh") is a
    // mention of the one person already given that office.
    for (i, e) in ents.iter().enumerate() {
        if e.label != Label::Title {
            continue;
        }
        // A title next to a name was counted with that name.
        let near_name = |j: usize, k: usize| {
            ents.get(k).is_some_and(|n| n.label == Label::Per) && is_glue(&gap(chars, ents[j.min(k)], ents[j.max(k)]))
        };
        let via_org = ents.get(i + 1).is_some_and(|o| matches!(o.label, Label::Org | Label::Loc)) && near_name(i + 1, i + 2);
        if near_name(i, i + 1) || via_org || (i >= 1 && near_name(i, i - 1)) {
            continue;
        }
        let title = fold(&text_of(chars, e));
        let mut holders: Vec<usize> = seen_offices.iter().filter(|(t, _, _)| *t == title).map(|(_, _, k)| *k).collect();
        holders.sort_unstable();
        holders.dedup();
        if let [only] = holders[..] {
            out[only].mentions += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, marks: &[(&str, Label)]) -> (Vec<char>, Vec<Span>) {
        let chars: Vec<char> = text.chars().collect();
        let mut from = 0;
        let mut out = Vec::new();
        for (m, l) in marks {
            let n: Vec<char> = m.chars().collect();
            let start = (from..chars.len()).find(|&i| chars[i..].starts_with(&n)).expect("mark in text");
            out.push(Span { start, end: start + n.len(), label: *l, score: 0.9 });
            from = start + n.len();
        }
        (chars, out)
    }

    #[test]
    fn title_org_name_and_name_dash_title() {
        let (c, s) = spans(
            "Phó Chủ tịch UBND tỉnh Lê Ngọc Châu làm việc với ông Nguyễn Văn Ngợi - trưởng Phòng GD-ĐT thành phố Cao Lãnh.",
            &[
                ("Phó Chủ tịch", Label::Title),
                ("UBND tỉnh", Label::Org),
                ("Lê Ngọc Châu", Label::Per),
                ("Nguyễn Văn Ngợi", Label::Per),
                ("trưởng", Label::Title),
                ("Phòng GD-ĐT thành phố Cao Lãnh", Label::Org),
            ],
        );
        let o = link(&c, &s);
        assert_eq!(o.len(), 2);
        assert_eq!((o[0].name.as_str(), o[0].title.as_str(), o[0].org.as_deref()), ("Lê Ngọc Châu", "Phó Chủ tịch", Some("UBND tỉnh")));
        assert_eq!((o[1].name.as_str(), o[1].title.as_str()), ("Nguyễn Văn Ngợi", "trưởng"));
        assert_eq!(o[1].org.as_deref(), Some("Phòng GD-ĐT thành phố Cao Lãnh"));
    }

    #[test]
    fn short_mentions_and_titles_alone_count() {
        let (c, s) = spans(
            "Phó Bí thư Thường trực Tỉnh ủy Trần Thế Dũng phát biểu. Ông Dũng nhấn mạnh. Phó Bí thư Thường trực kết luận. Anh Huy có mặt.",
            &[
                ("Phó Bí thư Thường trực", Label::Title),
                ("Tỉnh ủy", Label::Org),
                ("Trần Thế Dũng", Label::Per),
                ("Dũng", Label::Per),
                ("Phó Bí thư Thường trực", Label::Title),
                ("Huy", Label::Per),
            ],
        );
        let o = link(&c, &s);
        assert_eq!(o.len(), 1, "a person without a title is no official");
        assert_eq!(o[0].name, "Trần Thế Dũng");
        assert_eq!(o[0].mentions, 3);
        assert_eq!(o[0].titles, ["Phó Bí thư Thường trực"]);
    }
}
