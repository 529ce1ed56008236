//! Command line: parses arguments and calls the library.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use vnextract::model::BackendChoice;
use vnextract::output::Sink;
use vnextract::pipeline::{self, Config, Pipeline};
use vnextract::eval;

#[derive(Parser)]
#[command(name = "vnextract", version, about = "Officials, places and figures from Vietnamese news")]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Without a command, `run` with these arguments.
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Run the pipeline (the default command).
    Run(RunArgs),
    /// Score predictions against gold annotations.
    Eval(EvalArgs),
}

#[derive(Args)]
struct RunArgs {
    /// Directories of .txt files, .txt, .jsonl or .jsonl.gz files, or - for JSON Lines on stdin [default: corpus/]
    inputs: Vec<String>,
    /// Output directory, or - for article records on stdout
    #[arg(long, default_value = "out")]
    out: String,
    /// Directory with ner.onnx, labels.json and tokenizer.json [default: models/]
    #[arg(long)]
    model: Option<PathBuf>,
    /// auto, onnxruntime or tract
    #[arg(long, default_value = "auto")]
    backend: String,
    /// Worker threads [default: all cores]
    #[arg(long)]
    threads: Option<usize>,
    /// Windows per model call
    #[arg(long, default_value_t = 32)]
    batch_size: usize,
    /// Gold annotations to evaluate against at the end [default: eval/gold.jsonl with the default input]
    #[arg(long)]
    gold: Option<PathBuf>,
    /// Any input error makes the run fail
    #[arg(long)]
    strict: bool,
}

#[derive(Args)]
struct EvalArgs {
    #[arg(long)]
    gold: PathBuf,
    #[arg(long)]
    pred: PathBuf,
    /// Print the report as JSON instead of tables
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Eval(a)) => run_eval(&a),
        Some(Command::Run(a)) => run(a),
        None => run(cli.run),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("vnextract: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// The bundled models: ./models, else the crate's own models/.
fn default_model_dir() -> PathBuf {
    let local = PathBuf::from("models");
    if local.join("ner.onnx").is_file() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}

fn run(a: RunArgs) -> anyhow::Result<ExitCode> {
    let defaulted = a.inputs.is_empty();
    let inputs = if defaulted { vec!["corpus".to_string()] } else { a.inputs.clone() };
    let gold = a.gold.clone().or_else(|| {
        let g = PathBuf::from("eval/gold.jsonl");
        (defaulted && g.is_file()).then_some(g)
    });
    let backend: BackendChoice = a.backend.parse().map_err(anyhow::Error::msg)?;
    let threads = a.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let model_dir = a.model.clone().unwrap_or_else(default_model_dir);
    let cfg = Config { model_dir: model_dir.clone(), backend, threads, batch_size: a.batch_size };
    let pipeline = Pipeline::new(&cfg).with_context(|| format!("loading the model from {}", model_dir.display()))?;
    if let Some(note) = pipeline.backend_note() {
        eprintln!("vnextract: ONNX Runtime not used ({note}); running on tract");
    }
    let mut sink = Sink::open(&a.out).with_context(|| format!("opening output {}", a.out))?;

    let bar = if std::io::stderr().is_terminal() {
        // The total (and so the ETA) is known for directories and plain files.
        let total = vnextract::input::count_hint(&inputs);
        let template = if total.is_some() {
            "{bar:30} {pos}/{len} articles  {per_sec}  ETA {eta}"
        } else {
            "{spinner} {pos} articles  {per_sec}  {elapsed_precise}"
        };
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        bar.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()));
        bar
    } else {
        ProgressBar::hidden()
    };
    let summary = pipeline::run(&pipeline, &inputs, &mut sink, &|n| bar.inc(n))?;
    bar.finish_and_clear();
    let dir = sink.dir().map(Path::to_path_buf);
    sink.finish()?;

    eprintln!(
        "vnextract: {} articles, {} errors, {} entities, {} figures, {} officials, {} places; {} backend, {} threads, {:.2}s, {:.0} tokens/s",
        summary.articles,
        summary.errors,
        summary.entities.values().sum::<usize>(),
        summary.figures,
        summary.officials,
        summary.places,
        summary.backend,
        summary.threads,
        summary.wall_seconds,
        summary.tokens_per_second
    );
    if let Some(dir) = &dir {
        let p = dir.join("summary.json");
        std::fs::write(&p, serde_json::to_string_pretty(&summary)? + "\n").with_context(|| format!("writing {}", p.display()))?;
        if let Some(gold) = &gold {
            let report = eval::score(&eval::read_jsonl(gold).map_err(anyhow::Error::msg)?, &eval::read_jsonl(&dir.join("articles.jsonl")).map_err(anyhow::Error::msg)?);
            let p = dir.join("eval.json");
            std::fs::write(&p, serde_json::to_string_pretty(&report)? + "\n").with_context(|| format!("writing {}", p.display()))?;
            eprintln!("evaluation against {}: {}", gold.display(), report.summary_line());
        }
    }
    if summary.articles == 0 || (a.strict && summary.errors > 0) {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn run_eval(a: &EvalArgs) -> anyhow::Result<ExitCode> {
    let gold = eval::read_jsonl(&a.gold).map_err(anyhow::Error::msg)?;
    let pred = eval::read_jsonl(&a.pred).map_err(anyhow::Error::msg)?;
    let report = eval::score(&gold, &pred);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.to_markdown());
    }
    Ok(ExitCode::SUCCESS)
}
