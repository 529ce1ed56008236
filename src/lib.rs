//! vnextract: officials, places and figures from Vietnamese news.
//!
//! Stages, in the order data flows through them: [`input`] → [`normalize`] →
//! [`tokenize`] (with [`words`]) → [`model`] → [`decode`] → [`figures`] / [`officials`] /
//! [`places`] → [`output`]; [`pipeline`] runs them and [`eval`] scores the
//! result against gold annotations.

pub mod decode;
pub mod error;
pub mod eval;
pub mod figures;
pub mod input;
pub mod model;
pub mod normalize;
pub mod numbers;
pub mod officials;
pub mod output;
pub mod pipeline;
pub mod places;
pub mod tokenize;
pub mod types;
pub mod words;

pub use error::{Error, Result};
pub use types::{Label, RawArticle, Span};
