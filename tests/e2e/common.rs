//! Helpers for the end-to-end tests: run the built binary on the bundled model.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vnextract"));
    c.current_dir(root());
    c
}

/// Runs `vnextract run ARGS`, feeding `stdin`.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut c = bin();
    c.arg("run").args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    c.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = c.spawn().expect("start vnextract");
    if let Some(data) = stdin {
        use std::io::Write;
        let mut s = child.stdin.take().expect("stdin");
        s.write_all(data).expect("write stdin");
    }
    child.wait_with_output().expect("wait for vnextract")
}

pub fn read_lines(p: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// Whether ONNX Runtime can be used here; CI sets VNEXTRACT_REQUIRE_ORT so a
/// missing library fails there instead of skipping.
pub fn ort_available() -> bool {
    let found = vnextract::model::find_ort_library().is_some();
    if !found && std::env::var_os("VNEXTRACT_REQUIRE_ORT").is_some() {
        panic!("VNEXTRACT_REQUIRE_ORT is set but no ONNX Runtime library was found");
    }
    if !found {
        eprintln!("ONNX Runtime not found: skipping the onnxruntime half of this test");
    }
    found
}

/// (start, end, label) of every entity of every article, in order.
pub fn spans(articles: &[serde_json::Value]) -> Vec<(String, u64, u64, String)> {
    articles
        .iter()
        .flat_map(|a| {
            let id = a["id"].as_str().unwrap_or_default().to_string();
            a["entities"].as_array().cloned().unwrap_or_default().into_iter().map(move |e| {
                (id.clone(), e["start"].as_u64().unwrap_or(0), e["end"].as_u64().unwrap_or(0), e["label"].as_str().unwrap_or("").to_string())
            })
        })
        .collect()
}
