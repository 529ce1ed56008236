//! End to end over the bundled corpus and model.

use crate::common::*;

fn out_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn corpus_spans_match_the_gold_annotation() {
    let dir = out_dir();
    let out = dir.path().display().to_string();
    let o = run(&["corpus", "--out", &out, "--backend", "tract", "--gold", "eval/gold.jsonl"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let articles = read_lines(&dir.path().join("articles.jsonl"));
    assert_eq!(articles.len(), 22);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("eval.json")).expect("eval.json")).expect("json");
    let f1 = |k: &str| report[k]["micro"]["f1"].as_f64().unwrap_or(0.0);
    // The bundled corpus was never seen in training; these floors catch a broken
    // stage (offsets, tokenizer, decoding), not small model changes.
    assert!(f1("exact") > 0.70, "exact F1 {}", f1("exact"));
    assert!(f1("partial") > 0.80, "partial F1 {}", f1("partial"));
    assert!(report["figures"]["f1"].as_f64().unwrap_or(0.0) > 0.7);
    assert!(report["officials"]["f1"].as_f64().unwrap_or(0.0) > 0.7);
    // Offsets are character offsets into the output text.
    for a in &articles {
        let text: Vec<char> = a["text"].as_str().expect("text").chars().collect();
        for e in a["entities"].as_array().expect("entities") {
            let (s, t) = (e["start"].as_u64().expect("start") as usize, e["end"].as_u64().expect("end") as usize);
            assert_eq!(text[s..t].iter().collect::<String>(), e["text"].as_str().expect("text"));
        }
    }
    // Most places of the corpus are real administrative units with a code.
    let places: Vec<&serde_json::Value> = articles.iter().flat_map(|a| a["places"].as_array().into_iter().flatten()).collect();
    let coded = places.iter().filter(|p| p["code"].is_string()).count();
    assert!(coded * 2 > places.len(), "{coded} of {} places linked", places.len());
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("summary.json")).expect("summary")).expect("json");
    assert_eq!(summary["articles"], 22);
    assert_eq!(summary["errors"], 0);
    assert_eq!(summary["backend"], "tract");
    for f in ["officials.csv", "places.csv", "figures.csv", "errors.jsonl", "officials_by_person.csv"] {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let (a, b) = (out_dir(), out_dir());
    for (d, t) in [(&a, "1"), (&b, "2")] {
        let out = d.path().display().to_string();
        let o = run(&["corpus", "--out", &out, "--backend", "tract", "--threads", t, "--batch-size", "8"], None);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    for f in ["articles.jsonl", "officials.csv", "places.csv", "figures.csv", "errors.jsonl", "officials_by_person.csv"] {
        let x = std::fs::read(a.path().join(f)).expect("file");
        let y = std::fs::read(b.path().join(f)).expect("file");
        assert!(x == y, "{f} differs between 1 and 2 threads");
    }
}

#[test]
fn both_backends_give_the_same_spans() {
    if !ort_available() {
        return;
    }
    let (a, b) = (out_dir(), out_dir());
    for (d, backend) in [(&a, "tract"), (&b, "onnxruntime")] {
        let out = d.path().display().to_string();
        let o = run(&["corpus", "--out", &out, "--backend", backend], None);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let s: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(d.path().join("summary.json")).expect("summary")).expect("json");
        assert_eq!(s["backend"], backend);
    }
    let x = spans(&read_lines(&a.path().join("articles.jsonl")));
    let y = spans(&read_lines(&b.path().join("articles.jsonl")));
    assert!(!x.is_empty());
    assert_eq!(x, y);
}

#[test]
fn seed_style_article_yields_officials_places_and_figures() {
    let text = "Phó Chủ tịch UBND tỉnh Hà Tĩnh Lê Ngọc Châu làm việc tại thị xã Hồng Lĩnh. Thu ngân sách trên địa bàn đạt hơn 239 tỷ đồng, tăng 83% so với cùng kỳ.";
    let line = serde_json::json!({"id": "s1", "text": text, "source": "test"}).to_string() + "\n";
    let o = run(&["-", "--out", "-", "--backend", "tract"], Some(line.as_bytes()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8(o.stdout).expect("utf-8");
    let rec: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON line");
    assert_eq!(rec["source"], "test", "metadata is carried through");
    let officials = rec["officials"].as_array().expect("officials");
    assert!(officials.iter().any(|o| o["name"] == "Lê Ngọc Châu" && o["title"] == "Phó Chủ tịch"), "{officials:?}");
    let figures = rec["figures"].as_array().expect("figures");
    assert!(figures.iter().any(|f| f["value"] == 239000000000i64 && f["unit"] == "VND"), "{figures:?}");
    assert!(figures.iter().any(|f| f["value"] == 83 && f["unit"] == "%"));
    let places = rec["places"].as_array().expect("places");
    assert!(places.iter().any(|p| p["name"] == "Hồng Lĩnh" && p["level"] == "district" && p["province"] == "Hà Tĩnh"), "{places:?}");
}

#[test]
fn seed_article_officials_and_places() {
    let seed = root().join("../shared/data/seed");
    if !seed.join("hong-linh.txt").is_file() {
        eprintln!("../shared/data/seed not found: skipping");
        return;
    }
    let dir = out_dir();
    let out = dir.path().display().to_string();
    let input = seed.join("hong-linh.txt").display().to_string();
    let o = run(&[&input, "--out", &out, "--backend", "tract"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = &read_lines(&dir.path().join("articles.jsonl"))[0];
    let gold = &read_lines(&seed.join("gold.jsonl"))[0];
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["officials"].as_array().into_iter().flatten().filter_map(|o| o["name"].as_str().map(str::to_lowercase)).collect()
    };
    let (g, p) = (names(gold), names(got));
    let found = g.iter().filter(|n| p.contains(n)).count();
    assert!(found + 1 >= g.len(), "officials found {found} of {}: {p:?}", g.len());
    let dung = got["officials"].as_array().into_iter().flatten().find(|o| o["name"] == "Trần Thế Dũng").expect("Trần Thế Dũng");
    assert_eq!(dung["title"], "Phó Bí thư Thường trực");
    assert!(dung["mentions"].as_u64().unwrap_or(0) >= 4, "{dung}");
    let places = got["places"].as_array().expect("places");
    // "TX Hồng Lĩnh", "thị xã Hồng Lĩnh": the district-level town of Hà Tĩnh.
    let hl: Vec<&serde_json::Value> = places.iter().filter(|p| p["name"] == "Hồng Lĩnh").collect();
    assert!(!hl.is_empty(), "{places:?}");
    assert!(hl.iter().all(|p| p["level"] == "district" && p["province"] == "Hà Tĩnh" && p["code"] == "437"));
}

#[test]
fn figure_spans_keep_words_whole() {
    use vnextract::words::{Join, Lexicon};
    let text = "Người dân phát hiện ba con cá sấu nổi trên sông. Cả nước xảy ra 32 vụ tai nạn giao thông, \
                làm chết 29 người. Hai chủ trang trại nuôi 1.200 con lợn trên 50ha đất.";
    let line = serde_json::json!({"id": "w1", "text": text}).to_string() + "\n";
    let o = run(&["-", "--out", "-", "--backend", "tract"], Some(line.as_bytes()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rec: serde_json::Value = serde_json::from_str(String::from_utf8_lossy(&o.stdout).trim()).expect("one JSON line");
    let chars: Vec<char> = vnextract::normalize::fold_tones(text).chars().collect();
    let lex = Lexicon::bundled();
    let figures: Vec<&serde_json::Value> = rec["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| matches!(e["label"].as_str(), Some("MONEY" | "PERCENT" | "QUANTITY")))
        .collect();
    assert!(figures.len() >= 3, "{figures:?}");
    for e in figures {
        let (s, t) = (e["start"].as_u64().expect("start") as usize, e["end"].as_u64().expect("end") as usize);
        assert_ne!(lex.join(&chars, t, t + 1), Join::Word, "{e} ends inside a word");
        if let Some(p) = s.checked_sub(1) {
            assert_ne!(lex.join(&chars, p, s), Join::Word, "{e} starts inside a word");
        }
        assert!(s == 0 || !chars[s - 1].is_alphanumeric(), "{e} starts inside a written word");
        assert!(t == chars.len() || !chars[t].is_alphanumeric(), "{e} ends inside a written word");
    }
}
