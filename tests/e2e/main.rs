//! End-to-end tests: the built binary on the bundled corpus and model. One
//! test crate, so the model runtimes are linked once.

mod bad_input;
mod common;
mod pipeline;
