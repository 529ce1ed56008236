//! Sentence splitting, subword tokenization with character offsets, shape
//! features and windowing. Mirrors `models/train/vntext.py`: the model was
//! trained on exactly these inputs.

use std::path::Path;

use crate::error::{Error, Result};
use crate::words::{Join, Lexicon};

/// Longest token sequence the model sees at once; longer sentences are cut
/// into windows that overlap by [`OVERLAP`] tokens.
pub const MAX_LEN: usize = 128;
pub const OVERLAP: usize = 16;

/// A subword token with character offsets into the article text, and how it
/// joins the token before it (spans keep words whole).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Token {
    pub id: u32,
    pub shape: u8,
    pub start: usize,
    pub end: usize,
    pub join: Join,
}

/// A sentence as character offsets, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

pub struct Tokenizer {
    inner: tokenizers::Tokenizer,
    lexicon: &'static Lexicon,
}

impl Tokenizer {
    pub fn from_file(path: &Path) -> Result<Tokenizer> {
        let inner = tokenizers::Tokenizer::from_file(path)
            .map_err(|e| Error::Model(format!("loading {}: {e}", path.display())))?;
        Ok(Tokenizer { inner, lexicon: Lexicon::bundled() })
    }

    /// Tokens of one sentence. `chars` is the article text as characters,
    /// `folded` its tone-folded form as a string (what the tokenizer reads).
    pub fn tokens(&self, chars: &[char], folded: &[char], s: Sentence) -> Result<Vec<Token>> {
        let piece: String = folded[s.start..s.end].iter().collect();
        let enc = self
            .inner
            .encode_char_offsets(piece.as_str(), false)
            .map_err(|e| Error::Model(format!("tokenizer: {e}")))?;
        let mut out = Vec::with_capacity(enc.len());
        for (&id, &(a, b)) in enc.get_ids().iter().zip(enc.get_offsets()) {
            let (a, b) = (a + s.start, b + s.start);
            let word_start = a == 0 || chars[a - 1].is_whitespace();
            let join = out.last().map_or(Join::Free, |p: &Token| self.lexicon.join(folded, p.end, a));
            out.push(Token { id, shape: shape_id(&chars[a..b], word_start), start: a, end: b, join });
        }
        Ok(out)
    }
}

/// Shape class of a token from its original characters (case, digits,
/// punctuation), offset by 7 when it starts a word. 0 is padding.
pub fn shape_id(tok: &[char], word_start: bool) -> u8 {
    if tok.is_empty() {
        return 0;
    }
    let base = if tok.iter().all(|c| c.is_ascii_digit()) {
        1
    } else if tok.iter().any(|c| c.is_ascii_digit()) {
        2
    } else if !tok.iter().any(|c| c.is_alphanumeric()) {
        3
    } else if tok.len() > 1 && tok.iter().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
        4
    } else if tok[0].is_uppercase() {
        5
    } else {
        6
    };
    base + if word_start { 7 } else { 0 }
}

const ABBREV: [&str; 17] =
    ["tp", "tx", "q", "h", "p", "x", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "th.s", "mr", "st", "no"];

fn is_abbrev(word: &[char]) -> bool {
    let w: String = word.iter().collect();
    let w = w.trim_start_matches(['(', '"', '\'', '“']);
    if ABBREV.contains(&w.to_lowercase().as_str()) {
        return true;
    }
    let n = w.chars().count();
    n > 0 && n <= 3 && w.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
}

/// Sentences: cut at line breaks, and after . ! ? … followed by a space and an
/// upper-case letter, a digit or a quote, unless the dot ends an abbreviation
/// ("TP. Hưng Yên").
pub fn split_sentences(chars: &[char]) -> Vec<Sentence> {
    let n = chars.len();
    let mut spans = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < n {
        let c = chars[i];
        let mut cut = None;
        if c == '\n' {
            cut = Some((i, i + 1));
        } else if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < n && matches!(chars[j], '"' | '\'' | '”' | ')' | '»') {
                j += 1;
            }
            if j < n && chars[j] == ' ' {
                let mut k = j;
                while k < n && chars[k] == ' ' {
                    k += 1;
                }
                if k < n && (chars[k].is_uppercase() || "0123456789\"“'(-".contains(chars[k])) {
                    let ws = chars[..i].iter().rposition(|&c| c == ' ' || c == '\n').map_or(0, |p| p + 1);
                    if c != '.' || !is_abbrev(&chars[ws..i]) {
                        cut = Some((j, j));
                    }
                }
            }
        }
        if let Some((end, next)) = cut {
            push_trimmed(chars, start, end, &mut spans);
            start = next;
            i = next;
            continue;
        }
        i += 1;
    }
    push_trimmed(chars, start, n, &mut spans);
    spans
}

fn push_trimmed(chars: &[char], mut s: usize, mut e: usize, out: &mut Vec<Sentence>) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if e > s {
        out.push(Sentence { start: s, end: e });
    }
}

/// Start positions of the windows that cover `n` tokens: MAX_LEN long,
/// stepping by MAX_LEN - OVERLAP, as in training.
pub fn window_starts(n: usize) -> Vec<usize> {
    let mut starts = vec![0];
    let mut w = 0;
    while w + MAX_LEN < n {
        w += MAX_LEN - OVERLAP;
        starts.push(w);
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let t = chars("Công an TP. Hưng Yên cho biết. Ông Dũng nói! 3 xã\nDòng mới");
        let got: Vec<String> =
            split_sentences(&t).iter().map(|s| t[s.start..s.end].iter().collect()).collect();
        assert_eq!(got, ["Công an TP. Hưng Yên cho biết.", "Ông Dũng nói!", "3 xã", "Dòng mới"]);
    }

    #[test]
    fn shapes_follow_training() {
        assert_eq!(shape_id(&chars("2023"), true), 8);
        assert_eq!(shape_id(&chars("31,8"), false), 2);
        assert_eq!(shape_id(&chars(","), false), 3);
        assert_eq!(shape_id(&chars("UBND"), true), 11);
        assert_eq!(shape_id(&chars("Đông"), true), 12);
        assert_eq!(shape_id(&chars("xã"), true), 13);
    }

    #[test]
    fn windows_cover_long_sentences() {
        assert_eq!(window_starts(10), [0]);
        assert_eq!(window_starts(128), [0]);
        assert_eq!(window_starts(129), [0, 112]);
        let s = window_starts(1000);
        assert!(s.last().map_or(false, |&l| l + MAX_LEN >= 1000));
    }
}
