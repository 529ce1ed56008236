//! The record stages alone: figures and officials from gold entity spans, so
//! their accuracy can be measured apart from the model.
//!
//! usage: cargo run --release --example records_from_gold -- GOLD.jsonl PRED.jsonl
//! then:  vnextract eval --gold GOLD.jsonl --pred PRED.jsonl

use std::io::Write;

use anyhow::Context;
use vnextract::tokenize::split_sentences;
use vnextract::{figures, officials, Label, Span};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [gold, pred] = args.as_slice() else {
        anyhow::bail!("usage: records_from_gold GOLD.jsonl PRED.jsonl");
    };
    let text = std::fs::read_to_string(gold).with_context(|| format!("reading {gold}"))?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(pred).with_context(|| format!("creating {pred}"))?);
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).with_context(|| format!("{gold}:{}", n + 1))?;
        let chars: Vec<char> = doc["text"].as_str().unwrap_or_default().chars().collect();
        let mut spans: Vec<Span> = doc["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                Some(Span {
                    start: e["start"].as_u64()? as usize,
                    end: e["end"].as_u64()? as usize,
                    label: Label::parse(e["label"].as_str()?)?,
                    score: 1.0,
                })
            })
            .filter(|s| s.start < s.end && s.end <= chars.len())
            .collect();
        spans.sort_by_key(|s| s.start);
        let figs = figures::extract(&chars, &spans, &split_sentences(&chars));
        let offs = officials::link(&chars, &spans);
        let rec = serde_json::json!({
            "id": doc["id"],
            "entities": doc["entities"],
            "figures": figs,
            "officials": offs.iter().map(|o| serde_json::json!({"name": o.name, "title": o.title, "org": o.org})).collect::<Vec<_>>(),
        });
        writeln!(out, "{rec}")?;
    }
    out.flush()?;
    Ok(())
}
