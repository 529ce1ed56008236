//! Reading articles: directories of `.txt` files, single `.txt` files, JSON
//! Lines (plain or gzip) and JSON Lines on stdin. Reading is lazy, one article
//! at a time, and every problem becomes an [`InputError`] record: nothing is
//! dropped silently.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::normalize::nfc;
use crate::types::RawArticle;

/// Why one input could not become an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputError {
    /// The file, or "-" for stdin; empty when the failure came after reading.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// 1-based line number within a JSON Lines input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub error: String,
}

pub type Item = Result<RawArticle, InputError>;

enum Source {
    Txt { path: PathBuf, id: String },
    Lines { name: String, reader: Box<dyn BufRead + Send>, line: usize },
}

/// Iterator over the articles of all inputs, in order.
pub struct Articles {
    pending: std::vec::IntoIter<String>,
    queue: std::collections::VecDeque<Source>,
}

/// Opens the inputs lazily; a path that cannot be opened yields an error item.
pub fn open(inputs: &[String]) -> Articles {
    Articles { pending: inputs.to_vec().into_iter(), queue: Default::default() }
}

impl Iterator for Articles {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            match self.queue.front_mut() {
                Some(Source::Txt { .. }) => {
                    let Some(Source::Txt { path, id }) = self.queue.pop_front() else { continue };
                    return Some(read_txt(&path, id));
                }
                Some(Source::Lines { name, reader, line }) => match next_line(name, reader.as_mut(), line) {
                    Some(item) => return Some(item),
                    None => {
                        self.queue.pop_front();
                    }
                },
                None => {
                    let input = self.pending.next()?;
                    if let Err(e) = self.expand(&input) {
                        return Some(Err(e));
                    }
                }
            }
        }
    }
}

/// What a command-line input names; decided in one place for reading and counting.
enum Kind {
    Stdin,
    Dir,
    JsonLines,
    JsonLinesGz,
    Txt,
}

fn classify(input: &str) -> Kind {
    if input == "-" {
        return Kind::Stdin;
    }
    let path = Path::new(input);
    if path.is_dir() {
        return Kind::Dir;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    if name.ends_with(".jsonl.gz") || name.ends_with(".json.gz") {
        Kind::JsonLinesGz
    } else if name.ends_with(".jsonl") || name.ends_with(".json") {
        Kind::JsonLines
    } else {
        Kind::Txt
    }
}

impl Articles {
    fn expand(&mut self, input: &str) -> Result<(), InputError> {
        let fail = |error: String| InputError { source: input.to_string(), line: None, id: None, error };
        let kind = classify(input);
        let path = Path::new(input);
        if !matches!(kind, Kind::Stdin) {
            std::fs::metadata(path).map_err(|e| fail(format!("cannot open: {e}")))?;
        }
        let open = || File::open(path).map_err(|e| fail(format!("cannot open: {e}")));
        match kind {
            Kind::Stdin => {
                let reader = BufReader::new(std::io::stdin());
                self.queue.push_back(Source::Lines { name: "-".into(), reader: Box::new(reader), line: 0 });
            }
            Kind::Dir => {
                let mut files = Vec::new();
                walk(path, &mut files).map_err(|e| fail(format!("cannot list directory: {e}")))?;
                files.sort();
                for f in files {
                    let rel = f.strip_prefix(path).unwrap_or(&f).with_extension("");
                    let id = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                    self.queue.push_back(Source::Txt { path: f, id });
                }
            }
            Kind::JsonLinesGz => {
                let reader = BufReader::new(flate2::read::MultiGzDecoder::new(open()?));
                self.queue.push_back(Source::Lines { name: input.into(), reader: Box::new(reader), line: 0 });
            }
            Kind::JsonLines => {
                let reader = BufReader::new(open()?);
                self.queue.push_back(Source::Lines { name: input.into(), reader: Box::new(reader), line: 0 });
            }
            Kind::Txt => {
                let id = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
                self.queue.push_back(Source::Txt { path: path.to_path_buf(), id });
            }
        }
        Ok(())
    }
}

/// How many items the inputs hold, when that is cheap to know (directories,
/// `.txt` and plain JSON Lines files), for the progress bar's ETA; None for
/// stdin and gzip.
pub fn count_hint(inputs: &[String]) -> Option<u64> {
    let mut total = 0u64;
    for input in inputs {
        total += match classify(input) {
            Kind::Stdin | Kind::JsonLinesGz => return None,
            Kind::Dir => {
                let mut files = Vec::new();
                walk(Path::new(input), &mut files).ok()?;
                files.len() as u64
            }
            Kind::JsonLines => {
                let mut reader = BufReader::new(File::open(input).ok()?);
                let (mut line, mut n) = (Vec::new(), 0);
                while reader.read_until(b'\n', &mut line).ok()? > 0 {
                    if !line.iter().all(|b| b.is_ascii_whitespace()) {
                        n += 1;
                    }
                    line.clear();
                }
                n
            }
            Kind::Txt => 1,
        };
    }
    Some(total)
}

/// Every `*.txt` below `dir`.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

fn read_txt(path: &Path, id: String) -> Item {
    let fail = |error: String| InputError {
        source: path.display().to_string(),
        line: None,
        id: Some(id.clone()),
        error,
    };
    let mut bytes = Vec::new();
    File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map_err(|e| fail(format!("cannot read: {e}")))?;
    let text = decode_text(&bytes).map_err(fail)?;
    Ok(RawArticle { id, text, meta: Default::default() })
}

/// UTF-8 text, NFC, or the reason it is not an article.
fn decode_text(bytes: &[u8]) -> Result<String, String> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    let s = std::str::from_utf8(bytes).map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    if s.trim().is_empty() {
        return Err("empty text".into());
    }
    Ok(nfc(s))
}

fn next_line(name: &str, reader: &mut dyn BufRead, line: &mut usize) -> Option<Item> {
    loop {
        let mut buf = Vec::new();
        *line += 1;
        let fail = |error: String, id: Option<String>| InputError { source: name.to_string(), line: Some(*line), id, error };
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => return Some(Err(fail(format!("read error: {e}"), None))),
        }
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue; // blank lines separate nothing in JSON Lines
        }
        let s = match std::str::from_utf8(&buf) {
            Ok(s) => s,
            Err(e) => return Some(Err(fail(format!("invalid UTF-8 at byte {}", e.valid_up_to()), None))),
        };
        let value: serde_json::Value = match serde_json::from_str(s) {
            Ok(v) => v,
            Err(e) => return Some(Err(fail(format!("malformed JSON: {e}"), None))),
        };
        let serde_json::Value::Object(mut obj) = value else {
            return Some(Err(fail("not a JSON object".into(), None)));
        };
        let id = match obj.remove("id") {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("{}:{}", name, *line),
        };
        let text = match obj.remove("text") {
            Some(serde_json::Value::String(t)) => t,
            Some(_) => return Some(Err(fail("\"text\" is not a string".into(), Some(id)))),
            None => return Some(Err(fail("no \"text\" field".into(), Some(id)))),
        };
        if text.trim().is_empty() {
            return Some(Err(fail("empty text".into(), Some(id))));
        }
        return Some(Ok(RawArticle { id, text: nfc(&text), meta: obj }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn collect(inputs: &[String]) -> Vec<Item> {
        open(inputs).collect()
    }

    #[test]
    fn reads_a_directory_in_sorted_order_with_relative_ids() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "Bài b").unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), "Bài a").unwrap();
        std::fs::write(dir.path().join("note.md"), "not an article").unwrap();
        let items = collect(&[dir.path().display().to_string()]);
        let ids: Vec<String> = items.into_iter().map(|i| i.unwrap().id).collect();
        assert_eq!(ids, ["b", "sub/a"]);
    }

    #[test]
    fn bad_json_lines_become_errors_and_the_rest_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        let mut f = File::create(&p).unwrap();
        f.write_all(b"{\"id\": \"x\", \"text\": \"T\\u00f4i\", \"src\": 3}\n").unwrap();
        f.write_all(b"{not json\n").unwrap();
        f.write_all(b"{\"id\": \"y\"}\n").unwrap();
        f.write_all(b"{\"id\": \"z\", \"text\": \"  \"}\n").unwrap();
        f.write_all(b"{\"id\": \"w\", \"text\": \"\xff\xfe\"}\n").unwrap();
        f.write_all(b"\n[1, 2]\n").unwrap();
        f.write_all(b"{\"id\": \"v\", \"text\": \"cu\xe1\xbb\x91i\"}").unwrap();
        drop(f);
        let items = collect(&[p.display().to_string()]);
        assert_eq!(items.len(), 7);
        let a = items[0].as_ref().unwrap();
        assert_eq!((a.id.as_str(), a.text.as_str()), ("x", "Tôi"));
        assert_eq!(a.meta.get("src"), Some(&serde_json::json!(3)));
        let err = |i: usize| items[i].as_ref().unwrap_err().clone();
        assert!(err(1).error.starts_with("malformed JSON"));
        assert_eq!(err(1).line, Some(2));
        assert_eq!(err(2).error, "no \"text\" field");
        assert_eq!(err(2).id.as_deref(), Some("y"));
        assert_eq!(err(3).error, "empty text");
        assert!(err(4).error.starts_with("invalid UTF-8"));
        assert_eq!(err(5).error, "not a JSON object");
        assert_eq!(err(5).line, Some(7));
        assert_eq!(items[6].as_ref().unwrap().id, "v");
    }

    #[test]
    fn txt_problems_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bin.txt"), b"\x00\x01\x02abc").unwrap();
        std::fs::write(dir.path().join("bad.txt"), b"ab\xc3").unwrap();
        std::fs::write(dir.path().join("empty.txt"), b" \n ").unwrap();
        let items = collect(&[dir.path().display().to_string()]);
        let errs: Vec<String> = items.iter().map(|i| i.as_ref().unwrap_err().error.clone()).collect();
        assert_eq!(errs, ["invalid UTF-8 at byte 2", "binary file (contains NUL bytes)", "empty text"]);
    }

    #[test]
    fn a_missing_path_is_an_error_not_a_stop() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ok.txt"), "Nội dung").unwrap();
        let items = collect(&["/no/such/file.txt".into(), dir.path().join("ok.txt").display().to_string()]);
        assert!(items[0].as_ref().unwrap_err().error.starts_with("cannot open"));
        assert_eq!(items[1].as_ref().unwrap().id, "ok");
    }

    #[test]
    fn counts_items_when_cheap() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::fs::write(dir.path().join("b.jsonl"), "{}\n\n{}\n{}").unwrap();
        let d = dir.path().display().to_string();
        assert_eq!(count_hint(&[d.clone()]), Some(1));
        assert_eq!(count_hint(&[dir.path().join("b.jsonl").display().to_string(), d]), Some(4));
        assert_eq!(count_hint(&["-".into()]), None);
    }

    #[test]
    fn reads_gzip_json_lines() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl.gz");
        let mut gz = flate2::write::GzEncoder::new(File::create(&p).unwrap(), flate2::Compression::fast());
        gz.write_all("{\"id\": \"g\", \"text\": \"Hà Tĩnh\"}\n".as_bytes()).unwrap();
        gz.finish().unwrap();
        let items = collect(&[p.display().to_string()]);
        assert_eq!(items[0].as_ref().unwrap().text, "Hà Tĩnh");
    }
}
