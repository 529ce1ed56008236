//! Evaluation (scoring) of predicted entities, figures and officials against
//! gold files, following `ANNOTATION.md` ("File format" and "Scoring").
//!
//! Rules implemented here:
//! - Entities, exact: a predicted span is a true positive when a gold span of the
//!   same document has the same `start`, `end` and `label` (one-to-one: duplicated
//!   predictions of one gold span count once, the rest are false positives).
//! - Entities, partial: a predicted span is a true positive when it overlaps a gold
//!   span with the same label. Each gold span is matched at most once and each
//!   predicted span at most once; matching is greedy by position: predictions in
//!   (start, end) order each take the first still-unmatched overlapping gold span of
//!   their label, in (start, end) order.
//! - Overlap of half-open spans `[s1, e1)` and `[s2, e2)`: `max(s1, s2) < min(e1, e2)`.
//!   Empty or inverted spans (start >= end) therefore never overlap anything (they
//!   can still match exactly).
//! - Micro P/R/F1 sums tp/fp/fn over every label seen (a predicted label outside the
//!   eight guideline labels is a false positive and appears in `per_label` too);
//!   macro F1 is the mean of the per-label F1 over exactly the eight guideline labels,
//!   so a label with neither gold nor predicted spans contributes F1 = 0.
//! - Figures: a predicted figure is right when its span overlaps a gold figure not yet
//!   matched whose value and unit both match (greedy by position as above). Values
//!   match when both are present and the relative error `|a-b| / max(|a|,|b|)` is
//!   below 1e-9 (both zero is a match); a missing value never matches. Units match
//!   after normalisation (see [`normalize`]); a missing unit equals a missing or
//!   empty unit. The figure's `label` is not compared.
//! - Officials: one-to-one matching of predicted to gold records on the normalised
//!   name; `officials_with_title` is a separate one-to-one matching on the pair
//!   (normalised name, normalised title); a missing title equals a missing or empty one.
//! - P/R/F1: 0/0 is 0, and F1 is 0 when P + R = 0. No NaN can come out.
//! - Documents are matched by `id`. A gold id without a prediction is scored against
//!   an empty prediction and listed in `missing_predictions`. Predicted documents
//!   whose id is not in gold are ignored; when a predicted id occurs several times,
//!   the first occurrence is used. Duplicated gold ids are each scored (against the
//!   same prediction).

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The eight entity labels of the guideline, in the guideline's order.
pub const LABELS: [&str; 8] = ["PER", "TITLE", "ORG", "LOC", "MONEY", "PERCENT", "QUANTITY", "DATE"];

/// Row/column name in the confusion matrix for "no overlapping span".
pub const OUTSIDE: &str = "O";

/// Relative error under which two figure values are equal.
pub const VALUE_TOLERANCE: f64 = 1e-9;

/// One article in the guideline's JSON Lines format (extra fields ignored;
/// predicted files may add "score" fields and other keys).
#[derive(Debug, Clone, Deserialize)]
pub struct Doc {
    pub id: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub entities: Vec<Ent>,
    #[serde(default)]
    pub figures: Vec<Fig>,
    #[serde(default)]
    pub officials: Vec<Off>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Ent {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Fig {
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub label: String,
    pub value: Option<f64>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Off {
    pub name: String,
    pub title: Option<String>,
    pub org: Option<String>,
}

/// Reads a JSON Lines file of articles. Blank lines are skipped; a UTF-8 byte order
/// mark at the start of the file is ignored. Errors name the file and the 1-based line.
pub fn read_jsonl(path: &Path) -> Result<Vec<Doc>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {}", path.display(), e))?;
    let content = String::from_utf8(bytes).map_err(|e| {
        format!("{}: not valid UTF-8 (byte offset {})", path.display(), e.utf8_error().valid_up_to())
    })?;
    let content = content.strip_prefix('\u{feff}').unwrap_or(&content);
    let mut docs = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: Doc = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: invalid article: {}", path.display(), i + 1, e))?;
        docs.push(doc);
    }
    Ok(docs)
}

/// Precision, recall and F1 with their counts.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2PR/(P+R); each 0 when its denominator is 0.
    pub fn from_counts(tp: usize, fp: usize, fn_: usize) -> Prf {
        let precision = ratio(tp, tp.saturating_add(fp));
        let recall = ratio(tp, tp.saturating_add(fn_));
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { tp, fp, fn_, precision, recall, f1 }
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    fn prf(&self) -> Prf {
        Prf::from_counts(self.tp, self.fp, self.fn_)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LabelScores {
    pub micro: Prf,
    pub macro_f1: f64,
    /// All 8 guideline labels, even when zero, plus any other label seen in the data.
    pub per_label: BTreeMap<String, Prf>,
}

impl LabelScores {
    fn from_counts(counts: &BTreeMap<String, Counts>) -> LabelScores {
        let mut micro = Counts::default();
        let mut per_label = BTreeMap::new();
        for (label, c) in counts {
            micro.add(*c);
            per_label.insert(label.clone(), c.prf());
        }
        let macro_f1 = LABELS
            .iter()
            .map(|l| per_label.get(*l).map(|p: &Prf| p.f1).unwrap_or(0.0))
            .sum::<f64>()
            / LABELS.len() as f64;
        LabelScores { micro: micro.prf(), macro_f1, per_label }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub articles: usize,
    /// Gold ids without a prediction (scored as empty).
    pub missing_predictions: Vec<String>,
    pub exact: LabelScores,
    pub partial: LabelScores,
    /// Gold label -> predicted label -> count, over every overlapping gold/predicted
    /// pair of spans (whatever their labels); a gold span overlapping no predicted span
    /// counts in column "O", a predicted span overlapping no gold span in row "O".
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
    pub figures: Prf,
    pub officials: Prf,
    pub officials_with_title: Prf,
}

/// Normalisation for units, names and titles: trim, collapse internal whitespace to
/// one space, lowercase.
///
/// The guideline asks for comparison "after NFC and case folding". No Unicode
/// normalisation crate is available; the tool's texts (gold and predicted) are already
/// NFC, so NFC is taken as given and not applied here. Rust's `to_lowercase` (full
/// Unicode lowercase mapping) stands in for case folding; for Vietnamese letters the
/// two agree. A decomposed (NFD) input would not match its NFC form.
pub fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn norm_opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(normalize).filter(|n| !n.is_empty())
}

fn overlaps(s1: usize, e1: usize, s2: usize, e2: usize) -> bool {
    s1.max(s2) < e1.min(e2)
}

/// Figure values match when both are present and their relative error is below 1e-9
/// (both zero is a match).
pub fn values_match(gold: Option<f64>, pred: Option<f64>) -> bool {
    match (gold, pred) {
        (Some(a), Some(b)) => {
            if a == b {
                return true; // includes both zero
            }
            let scale = a.abs().max(b.abs());
            // scale > 0 here (a != b); NaN/inf comparisons come out false.
            scale > 0.0 && ((a - b).abs() / scale) < VALUE_TOLERANCE
        }
        _ => false,
    }
}

/// Units match after [`normalize`]; missing and empty units are equal to each other.
pub fn units_match(gold: &Option<String>, pred: &Option<String>) -> bool {
    norm_opt(gold) == norm_opt(pred)
}

/// Indices of `items` sorted by (start, end), stable.
fn order_by_pos<T>(items: &[T], key: impl Fn(&T) -> (usize, usize)) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.sort_by_key(|&i| key(&items[i]));
    idx
}

fn counts_for<'a>(map: &'a mut BTreeMap<String, Counts>, label: &str) -> &'a mut Counts {
    map.entry(label.to_string()).or_default()
}

fn score_exact(gold: &[Ent], pred: &[Ent], acc: &mut BTreeMap<String, Counts>) {
    let mut remaining: HashMap<(usize, usize, &str), usize> = HashMap::new();
    for g in gold {
        *remaining.entry((g.start, g.end, g.label.as_str())).or_insert(0) += 1;
    }
    for p in pred {
        let c = counts_for(acc, &p.label);
        match remaining.get_mut(&(p.start, p.end, p.label.as_str())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                c.tp += 1;
            }
            _ => c.fp += 1,
        }
    }
    for ((_, _, label), n) in remaining {
        counts_for(acc, label).fn_ += n;
    }
}

fn score_partial(gold: &[Ent], pred: &[Ent], acc: &mut BTreeMap<String, Counts>) {
    let gold_order = order_by_pos(gold, |e| (e.start, e.end));
    let pred_order = order_by_pos(pred, |e| (e.start, e.end));
    let mut matched = vec![false; gold.len()];
    for &pi in &pred_order {
        let p = &pred[pi];
        let hit = gold_order.iter().copied().find(|&gi| {
            let g = &gold[gi];
            !matched[gi] && g.label == p.label && overlaps(g.start, g.end, p.start, p.end)
        });
        let c = counts_for(acc, &p.label);
        match hit {
            Some(gi) => {
                matched[gi] = true;
                c.tp += 1;
            }
            None => c.fp += 1,
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if !matched[gi] {
            counts_for(acc, &g.label).fn_ += 1;
        }
    }
}

fn add_confusion(gold: &[Ent], pred: &[Ent], conf: &mut BTreeMap<String, BTreeMap<String, usize>>) {
    let mut pred_hit = vec![false; pred.len()];
    for g in gold {
        let mut gold_hit = false;
        for (pi, p) in pred.iter().enumerate() {
            if overlaps(g.start, g.end, p.start, p.end) {
                gold_hit = true;
                pred_hit[pi] = true;
                *conf.entry(g.label.clone()).or_default().entry(p.label.clone()).or_insert(0) += 1;
            }
        }
        if !gold_hit {
            *conf.entry(g.label.clone()).or_default().entry(OUTSIDE.to_string()).or_insert(0) += 1;
        }
    }
    for (pi, p) in pred.iter().enumerate() {
        if !pred_hit[pi] {
            *conf.entry(OUTSIDE.to_string()).or_default().entry(p.label.clone()).or_insert(0) += 1;
        }
    }
}

fn score_figures(gold: &[Fig], pred: &[Fig]) -> Counts {
    let gold_order = order_by_pos(gold, |f| (f.start, f.end));
    let pred_order = order_by_pos(pred, |f| (f.start, f.end));
    let mut matched = vec![false; gold.len()];
    let mut c = Counts::default();
    for &pi in &pred_order {
        let p = &pred[pi];
        let hit = gold_order.iter().copied().find(|&gi| {
            let g = &gold[gi];
            !matched[gi]
                && overlaps(g.start, g.end, p.start, p.end)
                && values_match(g.value, p.value)
                && units_match(&g.unit, &p.unit)
        });
        match hit {
            Some(gi) => {
                matched[gi] = true;
                c.tp += 1;
            }
            None => c.fp += 1,
        }
    }
    c.fn_ = matched.iter().filter(|m| !**m).count();
    c
}

/// One-to-one matching on an equality key: tp = sum over keys of min(gold, pred count).
fn match_by_key<K: std::hash::Hash + Eq>(gold: impl Iterator<Item = K>, pred: impl Iterator<Item = K>) -> Counts {
    let mut remaining: HashMap<K, usize> = HashMap::new();
    let mut n_gold = 0usize;
    for k in gold {
        n_gold += 1;
        *remaining.entry(k).or_insert(0) += 1;
    }
    let mut c = Counts::default();
    for k in pred {
        match remaining.get_mut(&k) {
            Some(n) if *n > 0 => {
                *n -= 1;
                c.tp += 1;
            }
            _ => c.fp += 1,
        }
    }
    c.fn_ = n_gold - c.tp;
    c
}

fn score_officials(gold: &[Off], pred: &[Off]) -> (Counts, Counts) {
    let names = match_by_key(gold.iter().map(|o| normalize(&o.name)), pred.iter().map(|o| normalize(&o.name)));
    let with_title = match_by_key(
        gold.iter().map(|o| (normalize(&o.name), norm_opt(&o.title))),
        pred.iter().map(|o| (normalize(&o.name), norm_opt(&o.title))),
    );
    (names, with_title)
}

/// Scores predictions against gold; documents are matched by id.
pub fn score(gold: &[Doc], pred: &[Doc]) -> Report {
    let mut pred_by_id: HashMap<&str, &Doc> = HashMap::new();
    for d in pred {
        pred_by_id.entry(d.id.as_str()).or_insert(d);
    }
    let empty = Doc { id: String::new(), text: String::new(), entities: vec![], figures: vec![], officials: vec![] };

    let mut exact: BTreeMap<String, Counts> = LABELS.iter().map(|l| (l.to_string(), Counts::default())).collect();
    let mut partial = exact.clone();
    let mut confusion = BTreeMap::new();
    let mut figures = Counts::default();
    let mut officials = Counts::default();
    let mut officials_with_title = Counts::default();
    let mut missing_predictions = Vec::new();

    for g in gold {
        let p = match pred_by_id.get(g.id.as_str()) {
            Some(p) => *p,
            None => {
                missing_predictions.push(g.id.clone());
                &empty
            }
        };
        score_exact(&g.entities, &p.entities, &mut exact);
        score_partial(&g.entities, &p.entities, &mut partial);
        add_confusion(&g.entities, &p.entities, &mut confusion);
        figures.add(score_figures(&g.figures, &p.figures));
        let (o, ot) = score_officials(&g.officials, &p.officials);
        officials.add(o);
        officials_with_title.add(ot);
    }

    Report {
        articles: gold.len(),
        missing_predictions,
        exact: LabelScores::from_counts(&exact),
        partial: LabelScores::from_counts(&partial),
        confusion,
        figures: figures.prf(),
        officials: officials.prf(),
        officials_with_title: officials_with_title.prf(),
    }
}

/// Guideline labels first (guideline order), then other labels alphabetically, then "O".
fn ordered_labels<'a>(labels: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut extra: Vec<String> =
        labels.filter(|l| !LABELS.contains(&l.as_str()) && l.as_str() != OUTSIDE).cloned().collect();
    extra.sort();
    extra.dedup();
    let mut out: Vec<String> = LABELS.iter().map(|l| l.to_string()).collect();
    out.extend(extra);
    out.push(OUTSIDE.to_string());
    out
}

fn f4(x: f64) -> String {
    format!("{:.4}", x)
}

fn prf_row(name: &str, p: &Prf) -> String {
    format!("| {} | {} | {} | {} | {} | {} | {} |\n", name, p.tp, p.fp, p.fn_, f4(p.precision), f4(p.recall), f4(p.f1))
}

const PRF_HEADER: &str = "| | tp | fp | fn | P | R | F1 |\n|---|---:|---:|---:|---:|---:|---:|\n";

fn label_table(title: &str, s: &LabelScores) -> String {
    let mut out = format!("## {}\n\n{}", title, PRF_HEADER);
    for label in ordered_labels(s.per_label.keys()) {
        if let Some(p) = s.per_label.get(&label) {
            out.push_str(&prf_row(&label, p));
        }
    }
    out.push_str(&prf_row("**micro**", &s.micro));
    out.push_str(&format!("| **macro** (8 labels) | | | | | | {} |\n\n", f4(s.macro_f1)));
    out
}

impl Report {
    /// Markdown tables: per-label exact and partial P/R/F1 with micro and macro rows,
    /// the confusion matrix, figures and officials.
    pub fn to_markdown(&self) -> String {
        let mut out = String::from("# Evaluation\n\n");
        out.push_str(&format!("Articles: {}\n\n", self.articles));
        if !self.missing_predictions.is_empty() {
            out.push_str(&format!(
                "Missing predictions ({}, scored as empty): {}\n\n",
                self.missing_predictions.len(),
                self.missing_predictions.join(", ")
            ));
        }
        out.push_str(&label_table("Entities, exact match", &self.exact));
        out.push_str(&label_table("Entities, partial match (overlap, same label)", &self.partial));

        out.push_str("## Confusion (rows: gold, columns: predicted, O: no overlapping span)\n\n");
        let rows = ordered_labels(self.confusion.keys());
        let cols = ordered_labels(self.confusion.values().flat_map(|m| m.keys()));
        out.push_str("| gold \\ pred |");
        for c in &cols {
            out.push_str(&format!(" {} |", c));
        }
        out.push_str("\n|---|");
        for _ in &cols {
            out.push_str("---:|");
        }
        out.push('\n');
        for r in &rows {
            out.push_str(&format!("| {} |", r));
            for c in &cols {
                let n = self.confusion.get(r).and_then(|m| m.get(c)).copied().unwrap_or(0);
                out.push_str(&format!(" {} |", n));
            }
            out.push('\n');
        }
        out.push('\n');

        out.push_str("## Figures and officials\n\n");
        out.push_str(PRF_HEADER);
        out.push_str(&prf_row("figures (overlap + value + unit)", &self.figures));
        out.push_str(&prf_row("officials (name)", &self.officials));
        out.push_str(&prf_row("officials (name + title)", &self.officials_with_title));
        out
    }

    /// One line: entity F1 exact/partial, figures F1, officials F1.
    pub fn summary_line(&self) -> String {
        let mut s = format!(
            "entities F1 exact {} / partial {} (macro exact {}) | figures F1 {} | officials F1 {} (with title {}) | {} articles",
            f4(self.exact.micro.f1),
            f4(self.partial.micro.f1),
            f4(self.exact.macro_f1),
            f4(self.figures.f1),
            f4(self.officials.f1),
            f4(self.officials_with_title.f1),
            self.articles
        );
        if !self.missing_predictions.is_empty() {
            s.push_str(&format!(", {} without prediction", self.missing_predictions.len()));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-12;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < EPS
    }

    fn assert_prf(p: &Prf, tp: usize, fp: usize, fn_: usize, precision: f64, recall: f64, f1: f64) {
        assert_eq!((p.tp, p.fp, p.fn_), (tp, fp, fn_), "counts of {:?}", p);
        assert!(close(p.precision, precision), "precision {} != {}", p.precision, precision);
        assert!(close(p.recall, recall), "recall {} != {}", p.recall, recall);
        assert!(close(p.f1, f1), "f1 {} != {}", p.f1, f1);
    }

    fn ent(start: usize, end: usize, label: &str) -> Ent {
        Ent { start, end, label: label.to_string() }
    }

    fn fig(start: usize, end: usize, value: Option<f64>, unit: Option<&str>) -> Fig {
        Fig { start, end, label: String::new(), value, unit: unit.map(String::from) }
    }

    fn off(name: &str, title: Option<&str>) -> Off {
        Off { name: name.to_string(), title: title.map(String::from), org: None }
    }

    fn doc(id: &str) -> Doc {
        Doc { id: id.to_string(), text: String::new(), entities: vec![], figures: vec![], officials: vec![] }
    }

    fn doc_ents(id: &str, entities: Vec<Ent>) -> Doc {
        Doc { entities, ..doc(id) }
    }

    fn all_finite(r: &Report) -> bool {
        let mut v = vec![r.exact.macro_f1, r.partial.macro_f1];
        for p in [&r.exact.micro, &r.partial.micro, &r.figures, &r.officials, &r.officials_with_title]
            .into_iter()
            .chain(r.exact.per_label.values())
            .chain(r.partial.per_label.values())
        {
            v.extend([p.precision, p.recall, p.f1]);
        }
        v.iter().all(|x| x.is_finite())
    }

    #[test]
    fn exact_vs_partial_micro_per_label_macro() {
        // gold: PER[0,5) ORG[10,20) LOC[30,40) DATE[50,55)
        let gold = vec![doc_ents(
            "a",
            vec![ent(0, 5, "PER"), ent(10, 20, "ORG"), ent(30, 40, "LOC"), ent(50, 55, "DATE")],
        )];
        // pred: PER[0,5) exact; ORG[10,15) and LOC[28,32) overlap only; MONEY[60,65) and
        // PER[70,75) spurious; DATE missed.
        let pred = vec![doc_ents(
            "a",
            vec![ent(0, 5, "PER"), ent(10, 15, "ORG"), ent(28, 32, "LOC"), ent(60, 65, "MONEY"), ent(70, 75, "PER")],
        )];
        let r = score(&gold, &pred);
        assert_eq!(r.articles, 1);
        assert!(r.missing_predictions.is_empty());

        // Exact: tp 1 (PER[0,5)); fp 4 (ORG[10,15), LOC[28,32), MONEY, PER[70,75));
        // fn 3 (ORG, LOC, DATE). P = 1/5 = 0.2, R = 1/4 = 0.25,
        // F1 = 2*0.2*0.25/0.45 = 0.1/0.45 = 2/9.
        assert_prf(&r.exact.micro, 1, 4, 3, 0.2, 0.25, 2.0 / 9.0);
        // Per label, exact: PER tp1 fp1 fn0 -> P 1/2, R 1, F1 = 2*0.5*1/1.5 = 2/3.
        assert_prf(&r.exact.per_label["PER"], 1, 1, 0, 0.5, 1.0, 2.0 / 3.0);
        // ORG tp0 fp1 fn1 -> all 0; LOC the same; DATE fn1 -> 0; MONEY fp1 -> 0.
        assert_prf(&r.exact.per_label["ORG"], 0, 1, 1, 0.0, 0.0, 0.0);
        assert_prf(&r.exact.per_label["LOC"], 0, 1, 1, 0.0, 0.0, 0.0);
        assert_prf(&r.exact.per_label["DATE"], 0, 0, 1, 0.0, 0.0, 0.0);
        assert_prf(&r.exact.per_label["MONEY"], 0, 1, 0, 0.0, 0.0, 0.0);
        // Labels never seen are listed with zeros (0/0 = 0).
        assert_prf(&r.exact.per_label["TITLE"], 0, 0, 0, 0.0, 0.0, 0.0);
        assert_eq!(r.exact.per_label.len(), 8);
        // Macro exact = (2/3 + 0*7) / 8 = 1/12.
        assert!(close(r.exact.macro_f1, 1.0 / 12.0));

        // Partial: tp 3 (PER, ORG, LOC); fp 2 (MONEY, PER[70,75)); fn 1 (DATE).
        // P = 3/5 = 0.6, R = 3/4 = 0.75, F1 = 2*0.6*0.75/1.35 = 0.9/1.35 = 2/3.
        assert_prf(&r.partial.micro, 3, 2, 1, 0.6, 0.75, 2.0 / 3.0);
        // PER tp1 fp1 -> 2/3 as above; ORG tp1 -> 1; LOC tp1 -> 1; DATE fn1 -> 0.
        assert_prf(&r.partial.per_label["PER"], 1, 1, 0, 0.5, 1.0, 2.0 / 3.0);
        assert_prf(&r.partial.per_label["ORG"], 1, 0, 0, 1.0, 1.0, 1.0);
        assert_prf(&r.partial.per_label["LOC"], 1, 0, 0, 1.0, 1.0, 1.0);
        assert_prf(&r.partial.per_label["DATE"], 0, 0, 1, 0.0, 0.0, 0.0);
        // Macro partial = (2/3 + 1 + 1) / 8 = (8/3)/8 = 1/3.
        assert!(close(r.partial.macro_f1, 1.0 / 3.0));
    }

    #[test]
    fn partial_is_one_to_one_greedy_and_label_sensitive() {
        // gold ORG[0,10) ORG[10,20) PER[30,35)
        // pred ORG[5,15) overlaps both gold ORGs: greedy by position takes ORG[0,10);
        // ORG[12,14) then takes ORG[10,20); ORG[8,9) overlaps only the already-matched
        // ORG[0,10) -> fp; ORG[30,35) overlaps PER only (other label) -> fp, PER fn.
        let gold = vec![doc_ents("a", vec![ent(0, 10, "ORG"), ent(10, 20, "ORG"), ent(30, 35, "PER")])];
        let pred = vec![doc_ents(
            "a",
            vec![ent(12, 14, "ORG"), ent(5, 15, "ORG"), ent(8, 9, "ORG"), ent(30, 35, "ORG")],
        )];
        let r = score(&gold, &pred);
        // Sorted preds: [5,15) -> gold[0,10); [8,9) -> fp; [12,14) -> gold[10,20); [30,35) fp.
        // ORG: tp 2, fp 2, fn 0 -> P 0.5, R 1, F1 = 1/1.5 = 2/3. PER: fn 1.
        assert_prf(&r.partial.per_label["ORG"], 2, 2, 0, 0.5, 1.0, 2.0 / 3.0);
        assert_prf(&r.partial.per_label["PER"], 0, 0, 1, 0.0, 0.0, 0.0);
        // Micro: tp 2, fp 2, fn 1 -> P 0.5, R 2/3, F1 = 2*0.5*(2/3)/(7/6) = (2/3)/(7/6) = 4/7.
        assert_prf(&r.partial.micro, 2, 2, 1, 0.5, 2.0 / 3.0, 4.0 / 7.0);
        // Exact: no pred span equals a gold span with its label: tp 0, fp 4, fn 3.
        assert_prf(&r.exact.micro, 0, 4, 3, 0.0, 0.0, 0.0);
        // Touching spans do not overlap (half-open): [10,20) vs [0,10).
        assert!(!overlaps(0, 10, 10, 20));
    }

    #[test]
    fn exact_duplicates_count_once() {
        // gold PER[0,5); pred PER[0,5) twice: tp 1, fp 1, fn 0 -> P 0.5, R 1, F1 2/3.
        let gold = vec![doc_ents("a", vec![ent(0, 5, "PER")])];
        let pred = vec![doc_ents("a", vec![ent(0, 5, "PER"), ent(0, 5, "PER")])];
        let r = score(&gold, &pred);
        assert_prf(&r.exact.micro, 1, 1, 0, 0.5, 1.0, 2.0 / 3.0);
        assert_prf(&r.partial.micro, 1, 1, 0, 0.5, 1.0, 2.0 / 3.0);
    }

    #[test]
    fn unknown_predicted_label_is_fp_but_not_in_macro() {
        // gold PER[0,5); pred PER[0,5) + MISC[10,12).
        let gold = vec![doc_ents("a", vec![ent(0, 5, "PER")])];
        let pred = vec![doc_ents("a", vec![ent(0, 5, "PER"), ent(10, 12, "MISC")])];
        let r = score(&gold, &pred);
        // micro: tp 1, fp 1, fn 0 -> P 0.5, R 1, F1 2/3.
        assert_prf(&r.exact.micro, 1, 1, 0, 0.5, 1.0, 2.0 / 3.0);
        assert_prf(&r.exact.per_label["MISC"], 0, 1, 0, 0.0, 0.0, 0.0);
        // macro over the 8 labels only: PER F1 = 1, the rest 0 -> 1/8.
        assert!(close(r.exact.macro_f1, 0.125));
    }

    #[test]
    fn confusion_counts() {
        // gold PER[0,5) ORG[10,20) LOC[30,40)
        // pred PER[0,5) LOC[10,15) ORG[15,20) DATE[50,55)
        let gold = vec![doc_ents("a", vec![ent(0, 5, "PER"), ent(10, 20, "ORG"), ent(30, 40, "LOC")])];
        let pred = vec![doc_ents(
            "a",
            vec![ent(0, 5, "PER"), ent(10, 15, "LOC"), ent(15, 20, "ORG"), ent(50, 55, "DATE")],
        )];
        let r = score(&gold, &pred);
        // Overlapping pairs: PER/PER, ORG/LOC, ORG/ORG. Unmatched gold LOC -> (LOC, O).
        // Unmatched pred DATE -> (O, DATE).
        let c = &r.confusion;
        assert_eq!(c["PER"]["PER"], 1);
        assert_eq!(c["ORG"]["LOC"], 1);
        assert_eq!(c["ORG"]["ORG"], 1);
        assert_eq!(c["LOC"]["O"], 1);
        assert_eq!(c["O"]["DATE"], 1);
        let total: usize = c.values().flat_map(|m| m.values()).sum();
        assert_eq!(total, 5);
        assert_eq!(c.len(), 4); // rows PER, ORG, LOC, O
        // Markdown contains the matrix row for ORG: columns PER..DATE then O.
        let md = r.to_markdown();
        assert!(md.contains("| ORG | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |"), "{}", md);
    }

    #[test]
    fn figures_value_tolerance_unit_overlap() {
        let mut g = doc("a");
        g.figures = vec![
            fig(0, 10, Some(1_590_000_000_000.0), Some("VND")), // g1
            fig(20, 25, Some(31.8), Some("%")),                // g2
            fig(30, 40, Some(500.0), Some("ha")),              // g3
            fig(50, 55, Some(0.0), Some("tấn")),               // g4
            fig(60, 65, Some(12.0), Some("năm")),              // g5
        ];
        let mut p = doc("a");
        p.figures = vec![
            // p1 overlaps g1, rel. error 1/1.59e12 = 6.3e-13 < 1e-9 -> tp
            fig(2, 8, Some(1_590_000_000_001.0), Some("VND")),
            // p2 same span and value as g2, wrong unit -> fp
            fig(20, 25, Some(31.8), Some("VND")),
            // p3 same value/unit as g3 but no overlap -> fp
            fig(100, 105, Some(500.0), Some("ha")),
            // p4 both zero, unit differs only by case and whitespace -> tp
            fig(50, 55, Some(0.0), Some(" TẤN ")),
            // p5 missing value -> fp
            fig(60, 65, None, Some("năm")),
            // p6 overlaps g3, rel. error 6e-7/500.0000006 = 1.2e-9 > 1e-9 -> fp
            fig(30, 40, Some(500.000_000_6), Some("ha")),
        ];
        let r = score(&[g], &[p]);
        // tp 2 (p1, p4); fp 4 (p2, p3, p5, p6); fn 3 (g2, g3, g5).
        // P = 2/6 = 1/3, R = 2/5, F1 = 2tp/(2tp+fp+fn) = 4/(4+4+3) = 4/11.
        assert_prf(&r.figures, 2, 4, 3, 1.0 / 3.0, 0.4, 4.0 / 11.0);
    }

    #[test]
    fn figures_gold_matched_once_and_value_rules() {
        let mut g = doc("a");
        g.figures = vec![fig(0, 10, Some(5.0), Some("USD"))];
        let mut p = doc("a");
        // Two predictions overlap the one gold figure, both right: the first takes it,
        // the second is an fp. tp 1, fp 1, fn 0 -> P 0.5, R 1, F1 2/3.
        p.figures = vec![fig(0, 5, Some(5.0), Some("USD")), fig(5, 10, Some(5.0), Some("usd"))];
        let r = score(&[g], &[p]);
        assert_prf(&r.figures, 1, 1, 0, 0.5, 1.0, 2.0 / 3.0);

        assert!(values_match(Some(0.0), Some(0.0)));
        assert!(values_match(Some(0.0), Some(-0.0)));
        assert!(!values_match(Some(0.0), Some(1e-300))); // rel. error 1
        assert!(!values_match(None, None));
        assert!(!values_match(Some(1.0), None));
        assert!(values_match(Some(1e9), Some(1e9 + 0.5))); // 5e-10 < 1e-9
        assert!(!values_match(Some(1e9), Some(1e9 + 2.0))); // 2e-9
        assert!(!values_match(Some(f64::NAN), Some(f64::NAN)));
        assert!(units_match(&None, &Some("  ".into())));
        assert!(!units_match(&Some("ha".into()), &None));
        assert!(units_match(&Some("tiêu  chí".into()), &Some("Tiêu chí".into())));
    }

    #[test]
    fn officials_names_case_insensitive_and_titles() {
        let mut g = doc("a");
        g.officials = vec![
            off("Trần Thế Dũng", Some("Phó Bí thư Thường trực")),
            off("Nguyễn Văn A", Some("Chủ tịch")),
            off("Lê Thị B", Some("Giám đốc")),
        ];
        let mut p = doc("a");
        p.officials = vec![
            off(" TRẦN  THẾ DŨNG ", Some("phó bí thư thường trực")), // name ok, title ok
            off("nguyễn văn a", Some("Phó Chủ tịch")),              // name ok, title wrong
            off("Phạm Văn C", Some("Giám đốc")),                     // no such gold name
        ];
        let r = score(&[g], &[p]);
        // Names: tp 2 (Dũng, A), fp 1 (C), fn 1 (B): P 2/3, R 2/3, F1 2/3.
        assert_prf(&r.officials, 2, 1, 1, 2.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0);
        // Name + title: tp 1 (Dũng), fp 2 (A/Phó Chủ tịch, C), fn 2 (A/Chủ tịch, B):
        // P 1/3, R 1/3, F1 1/3.
        assert_prf(&r.officials_with_title, 1, 2, 2, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0);
    }

    #[test]
    fn officials_one_to_one() {
        let mut g = doc("a");
        g.officials = vec![off("Huy", Some("Đại tá"))];
        let mut p = doc("a");
        p.officials = vec![off("Huy", Some("Đại tá")), off("huy", Some("đại tá"))];
        let r = score(&[g], &[p]);
        // One gold record, two predictions of it: tp 1, fp 1, fn 0 -> P 0.5, R 1, F1 2/3.
        assert_prf(&r.officials, 1, 1, 0, 0.5, 1.0, 2.0 / 3.0);
        assert_prf(&r.officials_with_title, 1, 1, 0, 0.5, 1.0, 2.0 / 3.0);
    }

    #[test]
    fn missing_prediction_doc_and_extra_pred_doc() {
        let g1 = doc_ents("a", vec![ent(0, 3, "PER")]);
        let mut g2 = doc_ents("b", vec![ent(0, 4, "LOC")]);
        g2.figures = vec![fig(10, 15, Some(3.0), Some("dự án"))];
        g2.officials = vec![off("Huy", Some("Đại tá"))];
        let p1 = doc_ents("a", vec![ent(0, 3, "PER")]);
        // Prediction for an id not in gold: ignored (its spans would otherwise be fps).
        let pz = doc_ents("z", vec![ent(0, 3, "PER"), ent(5, 6, "ORG")]);
        let r = score(&[g1, g2], &[p1, pz]);
        assert_eq!(r.articles, 2);
        assert_eq!(r.missing_predictions, vec!["b".to_string()]);
        // Entities: tp 1 (a's PER), fp 0, fn 1 (b's LOC): P 1, R 1/2, F1 = 1/1.5 = 2/3.
        assert_prf(&r.exact.micro, 1, 0, 1, 1.0, 0.5, 2.0 / 3.0);
        assert_prf(&r.partial.micro, 1, 0, 1, 1.0, 0.5, 2.0 / 3.0);
        // Figures and officials of b: tp 0, fp 0, fn 1 -> P 0 (0/0), R 0, F1 0.
        assert_prf(&r.figures, 0, 0, 1, 0.0, 0.0, 0.0);
        assert_prf(&r.officials, 0, 0, 1, 0.0, 0.0, 0.0);
        assert_eq!(r.confusion["LOC"]["O"], 1);
        assert!(r.to_markdown().contains("Missing predictions (1, scored as empty): b"));
        assert!(r.summary_line().contains("1 without prediction"));
    }

    #[test]
    fn empty_gold_and_empty_predictions_no_nan() {
        // Nothing at all.
        let r = score(&[], &[]);
        assert_eq!(r.articles, 0);
        assert!(all_finite(&r));
        assert_eq!(r.exact.micro, Prf::default());
        assert_eq!(r.exact.macro_f1, 0.0);
        assert_eq!(r.exact.per_label.len(), 8);
        assert!(r.confusion.is_empty());
        let json = serde_json::to_string(&r).expect("report serialises");
        assert!(!json.contains("NaN") && !json.contains("null"));

        // Gold present, empty predictions for it: recall 0, precision 0/0 = 0.
        let g = doc_ents("a", vec![ent(0, 3, "PER")]);
        let r = score(std::slice::from_ref(&g), &[doc("a")]);
        assert_prf(&r.exact.micro, 0, 0, 1, 0.0, 0.0, 0.0);
        assert!(all_finite(&r));
        assert!(r.missing_predictions.is_empty());

        // Empty gold doc, spurious predictions: fp only, all zero scores.
        let r = score(&[doc("a")], &[doc_ents("a", vec![ent(0, 3, "PER")])]);
        assert_prf(&r.exact.micro, 0, 1, 0, 0.0, 0.0, 0.0);
        assert!(all_finite(&r));
        let _ = r.to_markdown();
        let _ = r.summary_line();
    }

    #[test]
    fn odd_spans_do_not_panic() {
        let g = doc_ents("a", vec![ent(5, 2, "PER"), ent(usize::MAX, usize::MAX, "ORG"), ent(0, usize::MAX, "LOC")]);
        let mut p = doc_ents("a", vec![ent(5, 2, "PER"), ent(3, 3, "LOC"), ent(usize::MAX - 1, usize::MAX, "")]);
        p.figures = vec![fig(usize::MAX, 0, Some(f64::MAX), Some(""))];
        let mut g2 = g.clone();
        g2.figures = vec![fig(0, usize::MAX, Some(-f64::MAX), None)];
        let r = score(&[g2], &[p]);
        // Exact: PER[5,2) equals gold -> tp 1; LOC[3,3) and ""[MAX-1,MAX) fp; gold ORG, LOC fn.
        assert_prf(&r.exact.micro, 1, 2, 2, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0);
        // Figures: inverted pred span overlaps nothing -> fp 1, fn 1.
        assert_prf(&r.figures, 0, 1, 1, 0.0, 0.0, 0.0);
        assert!(all_finite(&r));
        let _ = r.to_markdown();
    }

    #[test]
    fn prf_serialises_fn_key() {
        let json = serde_json::to_string(&Prf::from_counts(1, 1, 0)).expect("serialises");
        assert!(json.contains("\"fn\":0") && !json.contains("fn_"), "{}", json);
    }

    #[test]
    fn read_jsonl_ok_and_errors() {
        let dir = std::env::temp_dir().join(format!("eval-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let ok = dir.join("ok.jsonl");
        let content = "\u{feff}{\"id\": \"val-1\", \"text\": \"Trần Thế Dũng\", \"entities\": [{\"start\": 0, \"end\": 13, \"label\": \"PER\", \"text\": \"Trần Thế Dũng\", \"score\": 0.9}], \"figures\": [{\"start\": 0, \"end\": 2, \"text\": \"5\", \"label\": \"MONEY\", \"value\": 5, \"unit\": \"USD\", \"of\": null, \"to\": null, \"metric\": null}], \"officials\": [{\"name\": \"Trần Thế Dũng\", \"title\": null, \"org\": null}], \"extra\": 1}\n\n   \n{\"id\": \"val-2\"}\n";
        std::fs::write(&ok, content).expect("write");
        let docs = read_jsonl(&ok).expect("parses");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].entities[0].label, "PER");
        assert_eq!(docs[0].figures[0].value, Some(5.0));
        assert_eq!(docs[0].officials[0].title, None);
        assert!(docs[1].entities.is_empty() && docs[1].text.is_empty());

        let bad = dir.join("bad.jsonl");
        std::fs::write(&bad, "{\"id\": \"a\"}\n\n{\"id\": \"b\", \"entities\": [{\"start\": -1}]}\n").expect("write");
        let err = read_jsonl(&bad).expect_err("must fail");
        assert!(err.contains("bad.jsonl:3:"), "{}", err);

        let noid = dir.join("noid.jsonl");
        std::fs::write(&noid, "{\"text\": \"x\"}\n").expect("write");
        let err = read_jsonl(&noid).expect_err("must fail");
        assert!(err.contains("noid.jsonl:1:") && err.contains("id"), "{}", err);

        let binary = dir.join("bin.jsonl");
        std::fs::write(&binary, [0xffu8, 0xfe, 0x00]).expect("write");
        assert!(read_jsonl(&binary).expect_err("must fail").contains("bin.jsonl"));

        let missing = dir.join("nope.jsonl");
        assert!(read_jsonl(&missing).expect_err("must fail").contains("nope.jsonl"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
