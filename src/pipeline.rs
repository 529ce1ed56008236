//! The run: read → normalise → tokenize → model → decode → records → write,
//! streamed in chunks of articles so memory stays bounded. Within a chunk,
//! windows are grouped by length into batches that run in parallel; results
//! are written in input order.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::decode::Decoder;
use crate::error::{Error, Result};
use crate::input::{self, InputError};
use crate::model::{Batch, BackendChoice, Model};
use crate::normalize::fold_tones;
use crate::output::{ArticleResult, Sink};
use crate::places::Gazetteer;
use crate::tokenize::{split_sentences, window_starts, Sentence, Token, Tokenizer, MAX_LEN};
use crate::types::{Label, RawArticle, Span};
use crate::{figures, officials};

/// Articles read before a chunk is processed: enough to fill batches on all
/// cores, few enough that memory does not grow with the input.
pub const CHUNK_ARTICLES: usize = 256;

#[derive(Debug, Clone)]
pub struct Config {
    pub model_dir: PathBuf,
    pub backend: BackendChoice,
    pub threads: usize,
    pub batch_size: usize,
}

/// Time spent in each stage, summed over threads.
#[derive(Default)]
pub struct Timings {
    read: AtomicU64,
    tokenize: AtomicU64,
    model: AtomicU64,
    decode: AtomicU64,
    records: AtomicU64,
    write: AtomicU64,
}

impl Timings {
    fn add(slot: &AtomicU64, since: Instant) {
        slot.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    pub fn seconds(&self) -> Vec<(&'static str, f64)> {
        let s = |a: &AtomicU64| a.load(Ordering::Relaxed) as f64 / 1e9;
        vec![
            ("read", s(&self.read)),
            ("normalize+tokenize", s(&self.tokenize)),
            ("model", s(&self.model)),
            ("decode", s(&self.decode)),
            ("records", s(&self.records)),
            ("write", s(&self.write)),
        ]
    }
}

pub struct Pipeline {
    tokenizer: Tokenizer,
    model: Model,
    decoder: Decoder,
    gazetteer: &'static Gazetteer,
    pool: rayon::ThreadPool,
    batch_size: usize,
    pub timings: Timings,
}

/// An article between tokenization and decoding.
struct Prepared {
    raw: RawArticle,
    chars: Vec<char>,
    sentences: Vec<Sentence>,
    tokens: Vec<Vec<Token>>,
}

/// One window of one sentence of one article.
#[derive(Clone, Copy)]
struct WindowRef {
    article: usize,
    sentence: usize,
    start: usize,
    len: usize,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub articles: usize,
    pub errors: usize,
    pub tokens: usize,
    pub entities: std::collections::BTreeMap<&'static str, usize>,
    pub figures: usize,
    pub officials: usize,
    pub places: usize,
    pub backend: String,
    pub threads: usize,
    pub batch_size: usize,
    pub wall_seconds: f64,
    pub articles_per_second: f64,
    pub tokens_per_second: f64,
    pub stage_seconds: std::collections::BTreeMap<&'static str, f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backend_note: Option<String>,
}

impl Pipeline {
    pub fn new(cfg: &Config) -> Result<Pipeline> {
        let threads = cfg.threads.max(1);
        let tokenizer = Tokenizer::from_file(&cfg.model_dir.join("tokenizer.json"))?;
        let model = Model::load(&cfg.model_dir, cfg.backend, threads)?;
        let decoder = Decoder::new(&model.tags).map_err(Error::Model)?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| Error::Model(format!("thread pool: {e}")))?;
        Ok(Pipeline {
            tokenizer,
            model,
            decoder,
            gazetteer: Gazetteer::global(),
            pool,
            batch_size: cfg.batch_size.max(1),
            timings: Timings::default(),
        })
    }

    pub fn backend_name(&self) -> &'static str {
        self.model.backend_name()
    }

    pub fn backend_note(&self) -> Option<&str> {
        self.model.fallback_reason.as_deref()
    }

    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Processes one chunk; each article becomes a result or an error.
    pub fn process(&self, chunk: Vec<RawArticle>) -> Vec<std::result::Result<ArticleResult, InputError>> {
        self.pool.install(|| self.process_in_pool(chunk))
    }

    fn process_in_pool(&self, chunk: Vec<RawArticle>) -> Vec<std::result::Result<ArticleResult, InputError>> {
        let t = Instant::now();
        let prepared: Vec<std::result::Result<Prepared, InputError>> =
            chunk.into_par_iter().map(|raw| self.prepare(raw)).collect();
        Timings::add(&self.timings.tokenize, t);

        // Windows of every sentence, sorted by length so batches need little padding.
        let mut windows = Vec::new();
        for (a, p) in prepared.iter().enumerate() {
            let Ok(p) = p else { continue };
            for (s, toks) in p.tokens.iter().enumerate() {
                for start in window_starts(toks.len()) {
                    let len = (toks.len() - start).min(MAX_LEN);
                    if len > 0 {
                        windows.push(WindowRef { article: a, sentence: s, start, len });
                    }
                }
            }
        }
        windows.sort_by_key(|w| (w.len, w.article, w.sentence, w.start));
        let batches: Vec<&[WindowRef]> = windows.chunks(self.batch_size).collect();
        let results: Vec<Result<Vec<f32>>> = batches
            .par_iter()
            .map(|b| {
                let started = Instant::now();
                let r = self.run_batch(&prepared, b);
                Timings::add(&self.timings.model, started);
                r
            })
            .collect();

        // Logits back to each sentence: per token, the window where it sits
        // farthest from an edge.
        let k = self.decoder.num_tags();
        let mut logits: Vec<Vec<Vec<f32>>> = prepared
            .iter()
            .map(|p| p.as_ref().map_or(Vec::new(), |p| p.tokens.iter().map(|t| vec![0.0; t.len() * k]).collect()))
            .collect();
        let mut best_margin: Vec<Vec<Vec<i64>>> = prepared
            .iter()
            .map(|p| p.as_ref().map_or(Vec::new(), |p| p.tokens.iter().map(|t| vec![-1; t.len()]).collect()))
            .collect();
        let mut failed: Vec<Option<String>> = vec![None; prepared.len()];
        for (batch, result) in batches.iter().zip(results) {
            let width = batch.iter().map(|w| w.len).max().unwrap_or(0);
            match result {
                Err(e) => {
                    for w in batch.iter() {
                        failed[w.article] = Some(e.to_string());
                    }
                }
                Ok(out) => {
                    for (row, w) in batch.iter().enumerate() {
                        for i in 0..w.len {
                            let margin = i.min(w.len - 1 - i) as i64;
                            let tok = w.start + i;
                            if margin > best_margin[w.article][w.sentence][tok] {
                                best_margin[w.article][w.sentence][tok] = margin;
                                let src = &out[(row * width + i) * k..(row * width + i + 1) * k];
                                logits[w.article][w.sentence][tok * k..(tok + 1) * k].copy_from_slice(src);
                            }
                        }
                    }
                }
            }
        }

        prepared
            .into_par_iter()
            .zip(logits)
            .zip(failed)
            .map(|((p, logits), failed)| {
                let p = p?;
                if let Some(why) = failed {
                    return Err(InputError { source: String::new(), line: None, id: Some(p.raw.id), error: format!("model failed: {why}") });
                }
                // A bug on one article becomes its error record, not the end of the run.
                let id = p.raw.id.clone();
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.finish(p, &logits))).map_err(|_| {
                    InputError { source: String::new(), line: None, id: Some(id), error: "internal error while extracting records".into() }
                })
            })
            .collect()
    }

    fn prepare(&self, raw: RawArticle) -> std::result::Result<Prepared, InputError> {
        let chars: Vec<char> = raw.text.chars().collect();
        let folded: Vec<char> = fold_tones(&raw.text).chars().collect();
        let sentences = split_sentences(&chars);
        let mut tokens = Vec::with_capacity(sentences.len());
        for s in &sentences {
            match self.tokenizer.tokens(&chars, &folded, *s) {
                Ok(t) => tokens.push(t),
                Err(e) => {
                    return Err(InputError { source: String::new(), line: None, id: Some(raw.id), error: e.to_string() })
                }
            }
        }
        Ok(Prepared { raw, chars, sentences, tokens })
    }

    fn run_batch(&self, prepared: &[std::result::Result<Prepared, InputError>], batch: &[WindowRef]) -> Result<Vec<f32>> {
        let width = batch.iter().map(|w| w.len).max().unwrap_or(0);
        let mut ids = vec![0i64; batch.len() * width];
        let mut shapes = vec![0i64; batch.len() * width];
        for (row, w) in batch.iter().enumerate() {
            let Ok(p) = &prepared[w.article] else { continue };
            for (i, t) in p.tokens[w.sentence][w.start..w.start + w.len].iter().enumerate() {
                ids[row * width + i] = t.id as i64;
                shapes[row * width + i] = t.shape as i64;
            }
        }
        self.model.run(&Batch { rows: batch.len(), len: width, ids, shapes })
    }

    fn finish(&self, p: Prepared, logits: &[Vec<f32>]) -> ArticleResult {
        let t = Instant::now();
        let mut entities: Vec<Span> = Vec::new();
        for (toks, l) in p.tokens.iter().zip(logits) {
            entities.extend(self.decoder.decode(toks, l));
        }
        figures::mend_spans(&p.chars, &mut entities);
        self.gazetteer.mend_spans(&p.chars, &mut entities);
        Timings::add(&self.timings.decode, t);
        let t = Instant::now();
        let figures = figures::extract(&p.chars, &entities, &p.sentences);
        let officials = officials::link(&p.chars, &entities);
        let locs: Vec<&Span> = entities.iter().filter(|s| s.label == Label::Loc).collect();
        let texts: Vec<String> = locs.iter().map(|s| p.chars[s.start..s.end].iter().collect()).collect();
        let first: Vec<_> = texts.iter().map(|t| self.gazetteer.link(t, None)).collect();
        let province = self.gazetteer.article_province(&first);
        // Linked again only when the article's province gives context.
        let linked = match province.as_deref() {
            Some(p) => texts.iter().map(|t| self.gazetteer.link(t, Some(p))).collect(),
            None => first,
        };
        let places = locs.iter().map(|s| (*s).clone()).zip(linked).collect();
        Timings::add(&self.timings.records, t);
        ArticleResult {
            tokens: p.tokens.iter().map(Vec::len).sum(),
            id: p.raw.id,
            text: p.raw.text,
            meta: p.raw.meta,
            entities,
            figures,
            officials,
            places,
        }
    }
}

/// Runs the pipeline over `inputs` into `sink`. `on_article` is called once
/// per input item (for the progress bar). A write error ends the run; a
/// broken pipe is reported as such so the caller can end quietly.
pub fn run(
    pipeline: &Pipeline,
    inputs: &[String],
    sink: &mut Sink,
    on_article: &dyn Fn(u64),
) -> std::io::Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary {
        backend: pipeline.backend_name().to_string(),
        threads: pipeline.threads(),
        batch_size: pipeline.batch_size,
        backend_note: pipeline.backend_note().map(str::to_string),
        ..Default::default()
    };
    for l in Label::ALL {
        summary.entities.insert(l.as_str(), 0);
    }
    let mut articles = input::open(inputs);
    loop {
        let t = Instant::now();
        // Errors keep their place in input order: they are written with the chunk.
        let mut chunk_items: Vec<std::result::Result<usize, InputError>> = Vec::new();
        let mut chunk = Vec::new();
        for item in articles.by_ref() {
            match item {
                Ok(a) => {
                    chunk_items.push(Ok(chunk.len()));
                    chunk.push(a);
                }
                Err(e) => chunk_items.push(Err(e)),
            }
            if chunk.len() >= CHUNK_ARTICLES {
                break;
            }
        }
        Timings::add(&pipeline.timings.read, t);
        if chunk_items.is_empty() {
            break;
        }
        let mut results: Vec<Option<std::result::Result<ArticleResult, InputError>>> =
            pipeline.process(chunk).into_iter().map(Some).collect();
        let t = Instant::now();
        for item in chunk_items {
            let result = match item {
                Ok(i) => results[i].take(),
                Err(e) => Some(Err(e)),
            };
            match result {
                Some(Ok(a)) => {
                    summary.articles += 1;
                    summary.tokens += a.tokens;
                    for e in &a.entities {
                        *summary.entities.entry(e.label.as_str()).or_default() += 1;
                    }
                    summary.figures += a.figures.len();
                    summary.officials += a.officials.len();
                    summary.places += a.places.len();
                    sink.write_article(&a)?;
                }
                Some(Err(e)) => {
                    summary.errors += 1;
                    sink.write_error(&e)?;
                }
                None => {}
            }
            on_article(1);
        }
        Timings::add(&pipeline.timings.write, t);
    }
    let wall = started.elapsed().max(Duration::from_micros(1)).as_secs_f64();
    summary.wall_seconds = (wall * 1000.0).round() / 1000.0;
    summary.articles_per_second = (summary.articles as f64 / wall * 10.0).round() / 10.0;
    summary.tokens_per_second = (summary.tokens as f64 / wall).round();
    summary.stage_seconds = pipeline.timings.seconds().into_iter().map(|(k, v)| (k, (v * 1000.0).round() / 1000.0)).collect();
    Ok(summary)
}
