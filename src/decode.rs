//! Tags to spans: constrained Viterbi over the per-token tag distribution, so
//! an invalid BIO sequence (I-X after O or after B-Y) is repaired to the best
//! valid one instead of being dropped. The same search keeps spans to whole
//! words: no span edge between pieces of one written word, and for figures
//! none between two syllables of one word, where the tagger most often cut a
//! counted noun short ("[hai con cá] sấu"). Names, titles and organisations
//! keep only the first rule: the segmented-news lexicon joins across their
//! edges too often ("Bình_Dương Trần_Văn_Nam", "trưởng_ban").

use crate::tokenize::Token;
use crate::types::{Label, Span};
use crate::words::Join;

/// What each tag index means.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tag {
    O,
    B(Label),
    I(Label),
}

pub struct Decoder {
    tags: Vec<Tag>,
}

impl Decoder {
    pub fn new(tag_names: &[String]) -> Result<Decoder, String> {
        let tags = tag_names
            .iter()
            .map(|t| {
                if t == "O" {
                    return Ok(Tag::O);
                }
                let (p, l) = t.split_once('-').ok_or_else(|| format!("bad tag {t:?}"))?;
                let label = Label::parse(l).ok_or_else(|| format!("unknown label in tag {t:?}"))?;
                match p {
                    "B" => Ok(Tag::B(label)),
                    "I" => Ok(Tag::I(label)),
                    _ => Err(format!("bad tag {t:?}")),
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Decoder { tags })
    }

    pub fn num_tags(&self) -> usize {
        self.tags.len()
    }

    /// Whether tag `next` may follow tag `prev` across a join of kind `join`.
    fn allowed(&self, prev: Option<usize>, next: usize, join: Join) -> bool {
        let (p, n) = (prev.map(|p| self.tags[p]), self.tags[next]);
        // I-X only continues X.
        if let Tag::I(l) = n {
            if !matches!(p, Some(Tag::B(m) | Tag::I(m)) if m == l) {
                return false;
            }
        }
        let whole = |l: Label| join == Join::Glued || (join == Join::Word && l.is_figure());
        // No span starts inside a word, and none ends inside one.
        if let Tag::B(l) = n {
            if whole(l) {
                return false;
            }
        }
        match p {
            Some(Tag::B(l) | Tag::I(l)) if whole(l) => n == Tag::I(l),
            _ => true,
        }
    }

    /// Spans of one token sequence. `logits` is tokens × tags.
    pub fn decode(&self, tokens: &[Token], logits: &[f32]) -> Vec<Span> {
        let k = self.tags.len();
        let n = tokens.len();
        if n == 0 || logits.len() != n * k {
            return Vec::new();
        }
        let logp: Vec<f32> = logits.chunks(k).flat_map(log_softmax).collect();
        let mut score = vec![f32::NEG_INFINITY; n * k];
        let mut back = vec![0usize; n * k];
        for j in 0..k {
            if self.allowed(None, j, Join::Free) {
                score[j] = logp[j];
            }
        }
        for t in 1..n {
            for j in 0..k {
                let mut best = (f32::NEG_INFINITY, 0);
                for i in 0..k {
                    let s = score[(t - 1) * k + i];
                    if s > best.0 && self.allowed(Some(i), j, tokens[t].join) {
                        best = (s, i);
                    }
                }
                score[t * k + j] = best.0 + logp[t * k + j];
                back[t * k + j] = best.1;
            }
        }
        let mut path = vec![0usize; n];
        let last = &score[(n - 1) * k..];
        path[n - 1] = (0..k).fold(0, |b, j| if last[j] > last[b] { j } else { b });
        for t in (1..n).rev() {
            path[t - 1] = back[t * k + path[t]];
        }
        let mut spans = Vec::new();
        let mut t = 0;
        while t < n {
            let Tag::B(label) = self.tags[path[t]] else {
                t += 1;
                continue;
            };
            let mut end = t + 1;
            while end < n && self.tags[path[end]] == Tag::I(label) {
                end += 1;
            }
            let prob: f32 = (t..end).map(|i| logp[i * k + path[i]].exp()).sum::<f32>() / (end - t) as f32;
            spans.push(Span { start: tokens[t].start, end: tokens[end - 1].end, label, score: prob });
            t = end;
        }
        spans
    }
}

fn log_softmax(row: &[f32]) -> Vec<f32> {
    let m = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let z = row.iter().map(|x| (x - m).exp()).sum::<f32>().ln() + m;
    row.iter().map(|x| x - z).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoder() -> Decoder {
        let names: Vec<String> = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"].iter().map(|s| s.to_string()).collect();
        Decoder::new(&names).unwrap()
    }

    fn toks(n: usize) -> Vec<Token> {
        (0..n).map(|i| Token { id: 1, shape: 1, start: i * 2, end: i * 2 + 1, join: Join::Free }).collect()
    }

    fn one_hot(tags: &[usize]) -> Vec<f32> {
        tags.iter().flat_map(|&t| (0..5).map(move |j| if j == t { 5.0 } else { 0.0 })).collect()
    }

    #[test]
    fn decodes_valid_sequences() {
        let spans = decoder().decode(&toks(4), &one_hot(&[1, 2, 0, 3]));
        assert_eq!(spans.len(), 2);
        assert_eq!((spans[0].start, spans[0].end, spans[0].label), (0, 3, Label::Per));
        assert_eq!((spans[1].start, spans[1].end, spans[1].label), (6, 7, Label::Loc));
        assert!(spans[0].score > 0.9);
    }

    #[test]
    fn repairs_an_i_without_b() {
        // O I-PER I-PER: the best valid path starts the name with B-PER or drops it;
        // with I-PER strongly preferred and B-PER second, the name is kept.
        let mut l = one_hot(&[0, 2, 2]);
        l[5 + 1] = 4.0;
        let spans = decoder().decode(&toks(3), &l);
        assert_eq!(spans.len(), 1);
        assert_eq!((spans[0].start, spans[0].end), (2, 5));
    }

    fn figure_decoder() -> Decoder {
        let names: Vec<String> = ["O", "B-QUANTITY", "I-QUANTITY", "B-PER", "I-PER"].iter().map(|s| s.to_string()).collect();
        Decoder::new(&names).unwrap()
    }

    fn joined(joins: &[Join]) -> Vec<Token> {
        let mut t = toks(joins.len());
        for (t, &j) in t.iter_mut().zip(joins) {
            t.join = j;
        }
        t
    }

    #[test]
    fn figures_take_a_word_whole_when_most_of_it_is_inside() {
        // "2 con cá | sấu": the tagger ends the span after "cá" but leans to
        // I on "sấu" more than the span leans to O on "cá": the word comes in.
        let mut l = one_hot(&[1, 2, 2, 0]);
        l[3 * 5 + 2] = 4.0;
        let t = joined(&[Join::Free, Join::Free, Join::Free, Join::Word]);
        let spans = figure_decoder().decode(&t, &l);
        assert_eq!((spans[0].start, spans[0].end), (0, 7));
        // Without the word join the tagger's choice stands.
        let spans = figure_decoder().decode(&toks(4), &l);
        assert_eq!((spans[0].start, spans[0].end), (0, 5));
    }

    #[test]
    fn figures_drop_a_word_the_tagger_barely_entered() {
        // "2 tàu xảy | ra" with "xảy ra" one word and O strong on "ra".
        let mut l = one_hot(&[1, 2, 2, 0]);
        l[2 * 5] = 4.0;
        let t = joined(&[Join::Free, Join::Free, Join::Free, Join::Word]);
        let spans = figure_decoder().decode(&t, &l);
        assert_eq!((spans[0].start, spans[0].end), (0, 3));
    }

    #[test]
    fn names_may_end_between_syllables_but_not_inside_pieces() {
        let l = one_hot(&[3, 4, 0]);
        let word = figure_decoder().decode(&joined(&[Join::Free, Join::Free, Join::Word]), &l);
        assert_eq!((word[0].start, word[0].end), (0, 3));
        // Glued pieces: the span either takes the last piece or drops them both.
        let glued = figure_decoder().decode(&joined(&[Join::Free, Join::Free, Join::Glued]), &l);
        assert!(glued.iter().all(|s| s.end != 3));
    }

    #[test]
    fn never_joins_different_labels() {
        let spans = decoder().decode(&toks(2), &one_hot(&[1, 4]));
        assert!(spans.iter().all(|s| s.end - s.start == 1 || s.label == Label::Per));
    }
}
