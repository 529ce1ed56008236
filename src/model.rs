//! The tagger: an ONNX model run through ONNX Runtime (`ort`, loaded at run
//! time) or through the pure-Rust `tract` when ONNX Runtime is missing.
//! Inputs are `input_ids` and `shape_ids` (batch × seq, i64); the output is
//! `logits` (batch × seq × tags).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde::Deserialize;
use tract_onnx::prelude::*;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendChoice {
    Auto,
    OnnxRuntime,
    Tract,
}

impl std::str::FromStr for BackendChoice {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "auto" => Ok(BackendChoice::Auto),
            "onnxruntime" | "ort" => Ok(BackendChoice::OnnxRuntime),
            "tract" => Ok(BackendChoice::Tract),
            _ => Err(format!("unknown backend {s:?}: use auto, onnxruntime or tract")),
        }
    }
}

/// `models/labels.json`: the tag set, in the order of the logits.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelsFile {
    pub scheme: String,
    pub tags: Vec<String>,
}

/// A batch: `ids` and `shapes` are row-major batch × len, zero-padded.
pub struct Batch {
    pub rows: usize,
    pub len: usize,
    pub ids: Vec<i64>,
    pub shapes: Vec<i64>,
}

enum Backend {
    // One session per worker thread: `Session::run` needs `&mut`.
    Ort(Vec<Mutex<ort::session::Session>>),
    Tract(std::sync::Arc<TypedRunnableModel>),
}

pub struct Model {
    backend: Backend,
    pub tags: Vec<String>,
    /// Why ONNX Runtime was not used, when `auto` fell back to tract.
    pub fallback_reason: Option<String>,
}

impl Model {
    /// Loads `dir/ner.onnx` and `dir/labels.json`.
    pub fn load(dir: &Path, choice: BackendChoice, threads: usize) -> Result<Model> {
        let onnx = dir.join("ner.onnx");
        let labels_path = dir.join("labels.json");
        let labels_text = std::fs::read_to_string(&labels_path).map_err(|e| Error::io(&labels_path, e))?;
        let labels: LabelsFile = serde_json::from_str(&labels_text)
            .map_err(|e| Error::Model(format!("{}: {e}", labels_path.display())))?;
        if labels.scheme != "BIO" {
            return Err(Error::Model(format!("unsupported tag scheme {}", labels.scheme)));
        }
        let (backend, fallback_reason) = match choice {
            BackendChoice::Tract => (load_tract(&onnx)?, None),
            BackendChoice::OnnxRuntime => (load_ort(&onnx, threads)?, None),
            BackendChoice::Auto => match load_ort(&onnx, threads) {
                Ok(b) => (b, None),
                Err(Error::OrtUnavailable(why)) => (load_tract(&onnx)?, Some(why)),
                Err(e) => return Err(e),
            },
        };
        Ok(Model { backend, tags: labels.tags, fallback_reason })
    }

    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Ort(_) => "onnxruntime",
            Backend::Tract(_) => "tract",
        }
    }

    /// Logits for a batch, row-major rows × len × tags.
    pub fn run(&self, batch: &Batch) -> Result<Vec<f32>> {
        let shape = [batch.rows, batch.len];
        let out = match &self.backend {
            Backend::Ort(pool) => {
                let slot = rayon::current_thread_index().unwrap_or(0) % pool.len();
                let mut session = pool[slot].lock().map_err(|_| Error::Model("session lock poisoned".into()))?;
                let ids = ort::value::Tensor::from_array((shape, batch.ids.clone()))
                    .map_err(|e| Error::Model(e.to_string()))?;
                let shapes = ort::value::Tensor::from_array((shape, batch.shapes.clone()))
                    .map_err(|e| Error::Model(e.to_string()))?;
                let outputs = session
                    .run(ort::inputs!["input_ids" => ids, "shape_ids" => shapes])
                    .map_err(|e| Error::Model(e.to_string()))?;
                let (_, data) =
                    outputs[0].try_extract_tensor::<f32>().map_err(|e| Error::Model(e.to_string()))?;
                data.to_vec()
            }
            Backend::Tract(plan) => {
                let ids = Tensor::from_shape(&shape, &batch.ids).map_err(|e| Error::Model(e.to_string()))?;
                let shapes = Tensor::from_shape(&shape, &batch.shapes).map_err(|e| Error::Model(e.to_string()))?;
                let outputs = plan
                    .run(tvec!(ids.into_tvalue(), shapes.into_tvalue()))
                    .map_err(|e| Error::Model(e.to_string()))?;
                let view = outputs[0].to_plain_array_view::<f32>().map_err(|e| Error::Model(e.to_string()))?;
                view.iter().copied().collect()
            }
        };
        let want = batch.rows * batch.len * self.tags.len();
        if out.len() != want {
            return Err(Error::Model(format!("model returned {} values, expected {want}", out.len())));
        }
        Ok(out)
    }
}

fn load_tract(onnx: &Path) -> Result<Backend> {
    let plan = tract_onnx::onnx()
        .model_for_path(onnx)
        .and_then(|m| m.into_optimized())
        .and_then(|m| m.into_runnable())
        .map_err(|e| Error::Model(format!("tract, {}: {e}", onnx.display())))?;
    Ok(Backend::Tract(plan))
}

fn load_ort(onnx: &Path, threads: usize) -> Result<Backend> {
    init_ort()?;
    let mut pool = Vec::new();
    for _ in 0..threads.max(1) {
        let session = ort::session::Session::builder()
            .and_then(|b| b.with_intra_threads(1))
            .and_then(|b| b.with_inter_threads(1))
            .and_then(|b| b.commit_from_file(onnx))
            .map_err(|e| Error::Model(format!("onnxruntime, {}: {e}", onnx.display())))?;
        pool.push(Mutex::new(session));
    }
    Ok(Backend::Ort(pool))
}

/// Loads the ONNX Runtime library once per process.
fn init_ort() -> Result<()> {
    static INIT: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    INIT.get_or_init(|| {
        let lib = find_ort_library().ok_or_else(|| {
            "no library found (set ORT_DYLIB_PATH, or `pip install onnxruntime`)".to_string()
        })?;
        // A library that cannot be loaded makes `ort` panic; keep that a fallback.
        let loaded = std::panic::catch_unwind(|| ort::init_from(&lib).map(|b| b.commit()));
        match loaded {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(format!("{}: {e}", lib.display())),
            Err(_) => Err(format!("{}: could not be loaded", lib.display())),
        }
    })
    .clone()
    .map_err(Error::OrtUnavailable)
}

/// ORT_DYLIB_PATH, then the `onnxruntime` Python package's `capi` folder.
pub fn find_ort_library() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    for python in ["python3", "python"] {
        let out = std::process::Command::new(python)
            .args(["-c", "import onnxruntime, os; print(os.path.dirname(onnxruntime.__file__))"])
            .stderr(std::process::Stdio::null())
            .output();
        let Ok(out) = out else { continue };
        if !out.status.success() {
            continue;
        }
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()).join("capi");
        let mut libs: Vec<PathBuf> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("libonnxruntime.so"))
            })
            .collect();
        libs.sort();
        if let Some(l) = libs.pop() {
            return Some(l);
        }
    }
    None
}
