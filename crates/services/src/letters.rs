//! Letters to citizens ("documents sent home"): what a letter says, independent of how it is
//! rendered. The PDF renderer lives here too once built.

use domain::Money;
use jiff::civil::Date;

/// The content of a letter: the institute's header and the recipient's address are added by the
/// renderer; this is what the letter is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterContent {
    /// E.g. "Prospetto dei pagamenti degli ultimi 12 mesi".
    pub title: String,
    /// Opening paragraphs, in Italian.
    pub paragraphs: Vec<String>,
    /// The data, as tables.
    pub tables: Vec<LetterTable>,
    /// Closing paragraphs (e.g. where to ask questions).
    pub closing: Vec<String>,
}

/// One table of a letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterTable {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: typed, so the renderer aligns and formats numbers the Italian way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Amount(Money),
    Date(Date),
    Number(i64),
}
