//! Unicode NFC, and the tone folding used for matching and for the model.
//!
//! Vietnamese writes the tone of a final oa/oe/uy on either vowel
//! ("hoà"/"hòa", "thuỷ"/"thủy"). Folding moves it to the first vowel. It
//! replaces characters one for one, so offsets into the folded text are
//! offsets into the NFC text. Mirrors `models/train/vntext.py`.

use unicode_normalization::{char::compose, UnicodeNormalization};

/// NFC, and carriage returns dropped so offsets count what a reader sees.
pub fn nfc(text: &str) -> String {
    text.replace("\r\n", "\n").nfc().collect()
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Base letter and tone mark of a precomposed letter.
fn split_tone(c: char) -> (char, Option<char>) {
    let mut base = String::new();
    let mut tone = None;
    for d in std::iter::once(c).nfd() {
        if TONES.contains(&d) {
            tone = Some(d);
        } else {
            base.push(d);
        }
    }
    let b: String = base.nfc().collect();
    (b.chars().next().unwrap_or(c), tone)
}

fn fold_word(w: &mut [char]) {
    let n = w.len();
    if n < 2 {
        return;
    }
    let (ba, ta) = split_tone(w[n - 2]);
    let (bb, tb) = split_tone(w[n - 1]);
    let (Some(tone), None) = (tb, ta) else { return };
    let pair = (ba.to_lowercase().next(), bb.to_lowercase().next());
    if !matches!(pair, (Some('o'), Some('a')) | (Some('o'), Some('e')) | (Some('u'), Some('y'))) {
        return;
    }
    // "qu" is a consonant: "quý" keeps its tone on the y.
    if pair.0 == Some('u') && n >= 3 && w[n - 3].to_lowercase().next() == Some('q') {
        return;
    }
    if let Some(a) = compose(ba, tone) {
        w[n - 2] = a;
        w[n - 1] = bb;
    }
}

/// Tone-folded copy of an NFC text, with the same number of characters.
pub fn fold_tones(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word: Vec<char> = Vec::new();
    let flush = |word: &mut Vec<char>, out: &mut String| {
        fold_word(word);
        out.extend(word.iter());
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_old_and_new_placement_alike() {
        assert_eq!(fold_tones("Khánh Hoà"), "Khánh Hòa");
        assert_eq!(fold_tones("Khánh Hòa"), "Khánh Hòa");
        assert_eq!(fold_tones("thuỷ lợi"), "thủy lợi");
        assert_eq!(fold_tones("khoẻ"), "khỏe");
        assert_eq!(fold_tones("HOÀ"), "HÒA");
    }

    #[test]
    fn leaves_other_words_alone() {
        for w in ["quý III", "hoàng", "Hòa Bình", "toàn", "xuất", "1.590 tỷ"] {
            assert_eq!(fold_tones(w), w);
        }
    }

    #[test]
    fn keeps_length_in_chars() {
        let t = "Thuỷ điện Hoà Bình, xoá đói; quý I";
        assert_eq!(fold_tones(t).chars().count(), t.chars().count());
    }

    #[test]
    fn nfc_composes_and_drops_cr() {
        let decomposed = "Ho\u{0300}a\r\nb";
        assert_eq!(nfc(decomposed), "Hòa\nb");
    }
}
