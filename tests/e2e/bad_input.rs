//! Bad input: every article ends up in the output or in an error record.

use crate::common::*;
use std::io::Write;

fn errors(dir: &std::path::Path) -> Vec<serde_json::Value> {
    read_lines(&dir.join("errors.jsonl"))
}

#[test]
fn bad_json_lines_are_error_records_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    let mut f = std::fs::File::create(&input).expect("create");
    f.write_all(b"{\"id\": \"ok1\", \"text\": \"Ch\xe1\xbb\xa7 t\xe1\xbb\x8bch UBND t\xe1\xbb\x89nh ph\xc3\xa1t bi\xe1\xbb\x83u.\"}\n").expect("w");
    f.write_all(b"{\"id\": \"broken\", \"text\": \n").expect("w"); // malformed JSON
    f.write_all(b"{\"id\": \"notext\"}\n").expect("w"); // no text
    f.write_all(b"{\"id\": \"empty\", \"text\": \"   \"}\n").expect("w"); // empty article
    f.write_all(b"{\"id\": \"badutf\", \"text\": \"a\xff\xfeb\"}\n").expect("w"); // invalid UTF-8
    f.write_all(b"{\"id\": \"ok2\", \"text\": \"H\xc3\xa0 N\xe1\xbb\x99i\"}\n").expect("w");
    drop(f);
    let out = tmp.path().join("out");
    let o = run(&[input.to_str().expect("path"), "--out", out.to_str().expect("path"), "--backend", "tract"], None);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let ids: Vec<String> =
        read_lines(&out.join("articles.jsonl")).iter().map(|a| a["id"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(ids, ["ok1", "ok2"]);
    let errs = errors(&out);
    let reasons: Vec<(u64, String)> =
        errs.iter().map(|e| (e["line"].as_u64().unwrap_or(0), e["error"].as_str().unwrap_or("").to_string())).collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert_eq!(reasons[0].0, 2);
    assert!(reasons[0].1.starts_with("malformed JSON"));
    assert_eq!(reasons[1], (3, "no \"text\" field".to_string()));
    assert_eq!(reasons[2], (4, "empty text".to_string()));
    assert_eq!(reasons[3].0, 5);
    assert!(reasons[3].1.starts_with("invalid UTF-8"));

    // --strict turns any error into a failing exit code.
    let o = run(&[input.to_str().expect("path"), "--out", out.to_str().expect("path"), "--backend", "tract", "--strict"], None);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn binary_unreadable_and_empty_files_in_a_directory() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path().join("in");
    std::fs::create_dir(&d).expect("mkdir");
    std::fs::write(d.join("a-good.txt"), "Bí thư Tỉnh ủy Nguyễn Văn An dự lễ.").expect("w");
    std::fs::write(d.join("b-binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).expect("w");
    std::fs::write(d.join("c-empty.txt"), "\n\n").expect("w");
    std::fs::write(d.join("d-latin1.txt"), b"H\xe0 N\xf4i").expect("w");
    // A dangling link cannot be read, even by root.
    std::os::unix::fs::symlink(tmp.path().join("nowhere"), d.join("e-unreadable.txt")).expect("symlink");
    std::fs::write(d.join("image.png"), [137u8, 80, 78, 71]).expect("w");
    let out = tmp.path().join("out");
    let o = run(&[d.to_str().expect("path"), "--out", out.to_str().expect("path"), "--backend", "tract"], None);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(read_lines(&out.join("articles.jsonl")).len(), 1);
    let errs = errors(&out);
    let got: Vec<(String, String)> = errs
        .iter()
        .map(|e| (e["id"].as_str().unwrap_or("").to_string(), e["error"].as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[0], ("b-binary".into(), "binary file (contains NUL bytes)".into()));
    assert_eq!(got[1], ("c-empty".into(), "empty text".into()));
    assert_eq!(got[2], ("d-latin1".into(), "invalid UTF-8 at byte 1".into()));
    assert_eq!(got[3].0, "e-unreadable");
    assert!(got[3].1.starts_with("cannot read"));
}

#[test]
fn no_article_processed_is_a_failure() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let o = run(&["/no/such/input.jsonl", "--out", out.to_str().expect("path"), "--backend", "tract"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(errors(&out).len(), 1);
}

#[test]
fn a_five_megabyte_article_is_processed_whole() {
    // One paragraph of 5 MB: long sentences are windowed, not truncated. A
    // run of 300 letters is one unknown token, which keeps the test fast.
    let filler = "x".repeat(300);
    let sentence = format!("Ông Trần Văn Hùng, Chủ tịch UBND xã Cẩm Bình, cho biết xã có 1.200 hộ dân {filler} ");
    let mut text = String::new();
    while text.len() < 5_000_000 {
        text.push_str(&sentence);
    }
    let line = serde_json::json!({"id": "big", "text": text}).to_string() + "\n";
    let o = run(&["-", "--out", "-", "--batch-size", "64"], Some(line.as_bytes()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rec: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one record");
    let n = text.matches("1.200 hộ dân").count();
    let figures = rec["figures"].as_array().expect("figures");
    // The last sentence is found too: nothing was cut off.
    let last_start = text.chars().count() - sentence.chars().count();
    assert!(figures.iter().any(|f| f["start"].as_u64().unwrap_or(0) as usize > last_start));
    assert!(figures.len() * 10 >= n * 9, "{} figures for {n} sentences", figures.len());
}

#[test]
fn stdin_to_stdout_in_a_pipe() {
    let input = "{\"id\": \"p1\", \"text\": \"Sở Tài chính tỉnh Nghệ An\"}\n{\"id\": \"p2\", \"text\": \"Năm 2023\"}\n";
    let o = run(&["-", "--out", "-", "--backend", "tract"], Some(input.as_bytes()));
    assert!(o.status.success());
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).expect("utf-8").lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("{\"id\":\"p1\""));
}
