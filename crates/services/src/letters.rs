//! Letters to citizens ("documents sent home"): what a letter says ([`LetterContent`], built by
//! the services that own the data), and its rendering into a PDF ([`render_pdf`]) with the
//! institute's header, the recipient's address where a window envelope shows it, place and date,
//! the subject, paragraphs, tables and page numbers, in Italian.
//!
//! The PDF uses the standard Helvetica font every reader has built in (WinAnsi encoding, so
//! à è é ì ò ù and € print), no font files and no clock: the same letter renders to the same
//! bytes. Tables span the page width; amounts and numbers are right-aligned; amounts are
//! `1.234,56 €` and dates `dd/mm/yyyy`; a table that does not fit continues on the next page
//! with its header row repeated; every page says "Pagina N di M".

use std::fmt;

use domain::{Money, Pii};
use jiff::civil::Date;

mod metrics;
mod pdf;
#[cfg(test)]
pub(crate) mod tests;

/// The institute's name as printed at the top of every letter.
pub const INSTITUTE: &str = "INPS — Istituto Nazionale della Previdenza Sociale";

/// Who a letter goes to, as printed in the envelope window: the name, then the address lines.
#[derive(Clone, PartialEq, Eq)]
pub struct Recipient {
    pub name: String,
    /// E.g. `["Via Roma 1", "00184 ROMA RM"]`.
    pub address_lines: Vec<String>,
}

impl fmt::Debug for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recipient")
            .field("name", &Pii::new(&self.name))
            .field("address_lines", &self.address_lines.len())
            .finish()
    }
}

impl Recipient {
    /// The citizen's name and home address in the Italian postal layout (street; postcode, city
    /// in capitals, province), or `None` when no usable address is on file.
    pub fn from_citizen(citizen: &store::CitizenData) -> Option<Recipient> {
        let address = citizen.address.as_ref()?;
        let street = address.street.trim();
        let city = address.city.trim();
        if street.is_empty() || city.is_empty() {
            return None;
        }
        let last = [
            address.postcode.trim().to_owned(),
            city.to_uppercase(),
            address.province.trim().to_uppercase(),
        ]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
        Some(Recipient {
            name: format!("{} {}", citizen.given_name.trim(), citizen.surname.trim()),
            address_lines: vec![street.to_owned(), last],
        })
    }

    /// The name and address lines, one per line: what the postal outbox message carries.
    pub fn address_block(&self) -> String {
        std::iter::once(self.name.as_str())
            .chain(self.address_lines.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Everything around a letter's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterFrame {
    /// The sending office, printed under the institute's name, e.g. "Direzione provinciale di
    /// Roma · Via dell'Amba Aradam 5 · 00184 Roma".
    pub sender_office: String,
    pub recipient: Recipient,
    /// Where the letter is dated, e.g. "Roma".
    pub place: String,
    pub date: Date,
    /// The protocol number printed on every page.
    pub reference: String,
    /// The citizen's tax code, printed next to the protocol when given.
    pub tax_code: Option<String>,
}

/// Renders a letter into a complete PDF document (A4, one or more pages).
pub fn render_pdf(content: &LetterContent, frame: &LetterFrame) -> Vec<u8> {
    pdf::render(content, frame)
}

/// A date the Italian way: `05/01/2026`.
pub fn format_date(date: Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// A table cell as printed: amounts `1.234,56 €`, dates `dd/mm/yyyy`, numbers as they are
/// (they may be years, so no thousands separator).
pub fn format_cell(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::Amount(money) => money.to_italian(),
        Cell::Date(date) => format_date(*date),
        Cell::Number(n) => n.to_string(),
    }
}

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
