//! Records that flow between the stages.

use serde::Serialize;

/// The eight labels of the annotation guideline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub enum Label {
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "TITLE")]
    Title,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "MONEY")]
    Money,
    #[serde(rename = "PERCENT")]
    Percent,
    #[serde(rename = "QUANTITY")]
    Quantity,
    #[serde(rename = "DATE")]
    Date,
}

impl Label {
    pub const ALL: [Label; 8] = [
        Label::Per,
        Label::Title,
        Label::Org,
        Label::Loc,
        Label::Money,
        Label::Percent,
        Label::Quantity,
        Label::Date,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Title => "TITLE",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
            Label::Date => "DATE",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// MONEY, PERCENT and QUANTITY spans are also figures.
    pub fn is_figure(self) -> bool {
        matches!(self, Label::Money | Label::Percent | Label::Quantity)
    }
}

/// A labelled span: character offsets into the article text, end exclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub score: f32,
}

/// An article as read from the input, before any processing.
#[derive(Debug, Clone)]
pub struct RawArticle {
    pub id: String,
    pub text: String,
    /// Fields of a JSON Lines input other than id and text, carried through.
    pub meta: serde_json::Map<String, serde_json::Value>,
}
