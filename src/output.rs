//! Writing results: `articles.jsonl` in the guideline's schema with scores,
//! one CSV per record kind, `errors.jsonl`, and the aggregated officials
//! table. Everything is written in input order, so the bytes do not depend on
//! the thread count.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::error::{Error, Result};
use crate::figures::{decimal_json, Figure};
use crate::input::InputError;
use crate::officials::Official;
use crate::places::Place;
use crate::types::Span;

/// Everything extracted from one article.
#[derive(Debug, Clone)]
pub struct ArticleResult {
    pub id: String,
    pub text: String,
    pub meta: Map<String, Value>,
    pub entities: Vec<Span>,
    pub figures: Vec<Figure>,
    pub officials: Vec<Official>,
    pub places: Vec<(Span, Place)>,
    pub tokens: usize,
}

fn round(x: f32) -> f64 {
    (x as f64 * 10_000.0).round() / 10_000.0
}

/// The article record: the gold schema (id, text, entities, figures, officials)
/// plus scores, places and the input's other fields.
pub fn article_json(a: &ArticleResult) -> Value {
    let chars: Vec<char> = a.text.chars().collect();
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    let entities: Vec<Value> = a
        .entities
        .iter()
        .map(|s| json!({"start": s.start, "end": s.end, "label": s.label, "text": slice(s.start, s.end), "score": round(s.score)}))
        .collect();
    let figures: Vec<Value> = a
        .figures
        .iter()
        .map(|f| {
            let mut v = serde_json::to_value(f).unwrap_or(Value::Null);
            if let Some(o) = v.as_object_mut() {
                o.insert("score".into(), json!(round(f.score)));
            }
            v
        })
        .collect();
    let officials: Vec<Value> = a
        .officials
        .iter()
        .map(|o| {
            json!({"name": o.name, "title": o.title, "org": o.org, "start": o.start, "end": o.end,
                   "mentions": o.mentions, "titles": o.titles, "score": round(o.score)})
        })
        .collect();
    let places: Vec<Value> = a
        .places
        .iter()
        .map(|(s, p)| {
            let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
            if let Some(o) = v.as_object_mut() {
                o.insert("start".into(), json!(s.start));
                o.insert("end".into(), json!(s.end));
            }
            v
        })
        .collect();
    let mut obj = Map::new();
    obj.insert("id".into(), json!(a.id));
    obj.insert("text".into(), json!(a.text));
    obj.insert("entities".into(), Value::Array(entities));
    obj.insert("figures".into(), Value::Array(figures));
    obj.insert("officials".into(), Value::Array(officials));
    obj.insert("places".into(), Value::Array(places));
    for (k, v) in &a.meta {
        obj.entry(k.clone()).or_insert_with(|| v.clone());
    }
    Value::Object(obj)
}

/// One row per official across the run, keyed by normalised name and organisation.
#[derive(Default)]
struct PersonAgg {
    name: String,
    org: String,
    titles: Vec<String>,
    mentions: usize,
    ids: Vec<String>,
}

pub enum Sink {
    /// Article records to stdout; errors to stderr.
    Stdout(BufWriter<std::io::Stdout>),
    Dir(Box<DirSink>),
}

pub struct DirSink {
    dir: PathBuf,
    articles: BufWriter<File>,
    errors: BufWriter<File>,
    officials: csv::Writer<File>,
    places: csv::Writer<File>,
    figures: csv::Writer<File>,
    people: BTreeMap<(String, String), PersonAgg>,
}

fn create(dir: &Path, name: &str) -> Result<File> {
    let p = dir.join(name);
    File::create(&p).map_err(|e| Error::io(p, e))
}

fn csv_writer(dir: &Path, name: &str, header: &[&str]) -> Result<csv::Writer<File>> {
    let mut w = csv::Writer::from_writer(create(dir, name)?);
    w.write_record(header).map_err(|e| Error::Format(format!("{name}: {e}")))?;
    Ok(w)
}

impl Sink {
    pub fn open(out: &str) -> Result<Sink> {
        if out == "-" {
            return Ok(Sink::Stdout(BufWriter::new(std::io::stdout())));
        }
        let dir = PathBuf::from(out);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Sink::Dir(Box::new(DirSink {
            articles: BufWriter::new(create(&dir, "articles.jsonl")?),
            errors: BufWriter::new(create(&dir, "errors.jsonl")?),
            officials: csv_writer(&dir, "officials.csv", &["article_id", "name", "title", "org", "start", "end", "mentions", "titles", "score"])?,
            places: csv_writer(&dir, "places.csv", &["article_id", "start", "end", "text", "name", "level", "code", "province", "province_code", "code_2025_07", "province_2025_07"])?,
            figures: csv_writer(&dir, "figures.csv", &["article_id", "start", "end", "text", "label", "value", "unit", "of", "to", "qualifier", "metric", "change", "reference", "period", "period_iso", "place", "score"])?,
            people: BTreeMap::new(),
            dir,
        })))
    }

    pub fn write_article(&mut self, a: &ArticleResult) -> std::io::Result<()> {
        let line = article_json(a).to_string();
        match self {
            Sink::Stdout(w) => writeln!(w, "{line}"),
            Sink::Dir(d) => {
                writeln!(d.articles, "{line}")?;
                d.write_rows(a).map_err(std::io::Error::other)
            }
        }
    }

    pub fn write_error(&mut self, e: &InputError) -> std::io::Result<()> {
        let line = serde_json::to_string(e).unwrap_or_default();
        match self {
            Sink::Stdout(_) => {
                eprintln!("{line}");
                Ok(())
            }
            Sink::Dir(d) => writeln!(d.errors, "{line}"),
        }
    }

    /// Flushes everything and writes the tables that need the whole run.
    pub fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush(),
            Sink::Dir(d) => d.finish(),
        }
    }

    pub fn dir(&self) -> Option<&Path> {
        match self {
            Sink::Dir(d) => Some(&d.dir),
            Sink::Stdout(_) => None,
        }
    }
}

fn opt(d: &Option<crate::numbers::Decimal>) -> String {
    d.as_ref().map(|d| decimal_json(d).to_string()).unwrap_or_default()
}

impl DirSink {
    fn write_rows(&mut self, a: &ArticleResult) -> std::result::Result<(), csv::Error> {
        for o in &a.officials {
            self.officials.write_record([
                a.id.as_str(),
                &o.name,
                &o.title,
                o.org.as_deref().unwrap_or(""),
                &o.start.to_string(),
                &o.end.to_string(),
                &o.mentions.to_string(),
                &o.titles.join("; "),
                &round(o.score).to_string(),
            ])?;
            let key = (o.name.to_lowercase(), o.org.clone().unwrap_or_default().to_lowercase());
            let p = self.people.entry(key).or_default();
            if p.name.is_empty() {
                p.name = o.name.clone();
                p.org = o.org.clone().unwrap_or_default();
            }
            for t in &o.titles {
                if !p.titles.contains(t) {
                    p.titles.push(t.clone());
                }
            }
            p.mentions += o.mentions;
            if p.ids.last() != Some(&a.id) {
                p.ids.push(a.id.clone());
            }
        }
        for (s, p) in &a.places {
            let new = p.new.first();
            self.places.write_record([
                a.id.as_str(),
                &s.start.to_string(),
                &s.end.to_string(),
                &p.text,
                &p.name,
                &p.level,
                p.code.as_deref().unwrap_or(""),
                p.province.as_deref().unwrap_or(""),
                p.province_code.as_deref().unwrap_or(""),
                new.map(|u| u.code).unwrap_or(""),
                new.map(|u| u.province).unwrap_or(""),
            ])?;
        }
        for f in &a.figures {
            self.figures.write_record([
                a.id.as_str(),
                &f.start.to_string(),
                &f.end.to_string(),
                &f.text,
                f.label.as_str(),
                &decimal_json(&f.value).to_string(),
                f.unit.as_deref().unwrap_or(""),
                &opt(&f.of),
                &opt(&f.to),
                f.qualifier.as_deref().unwrap_or(""),
                f.metric.as_deref().unwrap_or(""),
                f.change.as_deref().unwrap_or(""),
                f.reference.as_deref().unwrap_or(""),
                f.period.as_deref().unwrap_or(""),
                f.period_iso.as_deref().unwrap_or(""),
                f.place.as_deref().unwrap_or(""),
                &round(f.score).to_string(),
            ])?;
        }
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.articles.flush()?;
        self.errors.flush()?;
        self.officials.flush()?;
        self.places.flush()?;
        self.figures.flush()?;
        let mut w = csv::Writer::from_writer(File::create(self.dir.join("officials_by_person.csv"))?);
        w.write_record(["name", "org", "titles", "articles", "mentions", "article_ids"])?;
        for p in self.people.values() {
            w.write_record([
                p.name.as_str(),
                &p.org,
                &p.titles.join("; "),
                &p.ids.len().to_string(),
                &p.mentions.to_string(),
                &p.ids.join(" "),
            ])?;
        }
        w.flush()
    }
}
