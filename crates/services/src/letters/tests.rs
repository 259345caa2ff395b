use std::process::Command;

use domain::{CenturyRule, Language, Money, Sex, TaxCode};
use jiff::civil::date;
use store::{Address, CitizenData};

use super::metrics::{self, Face};
use super::pdf::{Align, CONTENT_W, column_widths, wrap_bytes};
use super::*;

/// The text of a PDF as `pdftotext -layout` extracts it (pages separated by form feeds).
///
/// Without `pdftotext` (Debian package poppler-utils) the check fails under CI (`CI` set) and is
/// skipped with a note elsewhere.
pub(crate) fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    match Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(out) => {
            assert!(
                out.status.success(),
                "pdftotext failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8(out.stdout).expect("pdftotext prints UTF-8"))
        }
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!("pdftotext is needed under CI (apt-get install poppler-utils): {e}")
        }
        Err(e) => {
            eprintln!("note: pdftotext not available ({e}); PDF text not checked");
            None
        }
    }
}

fn frame() -> LetterFrame {
    LetterFrame {
        sender_office: "Direzione provinciale di Roma · Via dell'Amba Aradam 5 · 00184 Roma"
            .to_owned(),
        recipient: Recipient {
            name: "Niccolò D'Angelo".to_owned(),
            address_lines: vec![
                "Via della Libertà 12".to_owned(),
                "00184 ROMA RM".to_owned(),
            ],
        },
        place: "Roma".to_owned(),
        date: date(2026, 1, 15),
        reference: "INPS.PAG.20260115.0A1B2C3D".to_owned(),
        tax_code: Some("RSSMRA80A01H501U".to_owned()),
    }
}

fn payments(rows: usize) -> LetterContent {
    LetterContent {
        title: "Prospetto dei pagamenti degli ultimi 12 mesi".to_owned(),
        paragraphs: vec![
            "Gentile Niccolò D'Angelo, come da Sua richiesta Le inviamo il prospetto dei \
             pagamenti effettuati dall'Istituto nell'ultimo anno."
                .to_owned(),
        ],
        tables: vec![LetterTable {
            caption: "Pagamenti".to_owned(),
            columns: vec![
                "Data".to_owned(),
                "Prestazione".to_owned(),
                "Importo lordo".to_owned(),
                "Rata".to_owned(),
            ],
            rows: (0..rows)
                .map(|i| {
                    vec![
                        Cell::Date(date(2025, 1, 1) + jiff::Span::new().days(i as i64)),
                        Cell::Text(format!("Pensione di anzianità, rata {}", i + 1)),
                        Cell::Amount(Money::from_cents(123_456 + i as i64)),
                        Cell::Number(i as i64 + 1),
                    ]
                })
                .collect(),
        }],
        closing: vec![
            "Per informazioni può rivolgersi al Contact Center al numero 803 164.".to_owned(),
        ],
    }
}

#[test]
fn short_letter_carries_header_address_title_and_table() {
    let pdf = render_pdf(&payments(3), &frame());
    assert!(pdf.starts_with(b"%PDF-"));
    let Some(text) = pdf_text(&pdf) else { return };
    for expected in [
        INSTITUTE,
        "Direzione provinciale di Roma",
        "Niccolò D'Angelo",
        "Via della Libertà 12",
        "00184 ROMA RM",
        "Roma, 15/01/2026",
        "Oggetto: Prospetto dei pagamenti degli ultimi 12 mesi",
        "Protocollo: INPS.PAG.20260115.0A1B2C3D",
        "Codice fiscale: RSSMRA80A01H501U",
        "Importo lordo",
        "Contact Center al numero 803 164",
        "Pagina 1 di 1",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // A table row stays on one line, with its accent and its amount the Italian way.
    let row = text
        .lines()
        .find(|l| l.contains("Pensione di anzianità, rata 2"))
        .unwrap_or_else(|| panic!("no row 2 in:\n{text}"));
    assert!(row.contains("02/01/2025"), "{row}");
    assert!(row.contains("1.234,57 €"), "{row}");
    assert!(!text.contains("Pagina 2"), "{text}");
}

#[test]
fn long_table_breaks_pages_and_repeats_its_header() {
    let pdf = render_pdf(&payments(40), &frame());
    let Some(text) = pdf_text(&pdf) else { return };
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 2, "{text}");
    assert!(pages[0].contains("Pagina 1 di 2"), "{}", pages[0]);
    assert!(pages[1].contains("Pagina 2 di 2"), "{}", pages[1]);
    // The header row is on both pages, the second with the caption marked as continued.
    assert!(pages[0].contains("Importo lordo"));
    assert!(pages[1].contains("Importo lordo"));
    assert!(pages[1].contains("Pagamenti (segue)"));
    assert!(pages[1].contains(INSTITUTE));
    // Rows in order: the first on page 1, the last on page 2, each exactly once.
    assert!(pages[0].contains("rata 1 "));
    assert!(pages[1].contains("rata 40 "));
    for i in 1..=40 {
        let needle = format!("rata {i} ");
        assert_eq!(text.matches(&needle).count(), 1, "row {i}");
    }
    assert!(pages[1].contains("1.234,95 €"));
    assert!(pages[1].contains("803 164"));
}

#[test]
#[ignore = "writes the sample letter to $LETTER_SAMPLE for a look"]
fn write_sample() {
    let path = std::env::var("LETTER_SAMPLE").unwrap_or_else(|_| "/tmp/letter.pdf".to_owned());
    std::fs::write(path, render_pdf(&payments(40), &frame())).expect("write sample");
}

#[test]
fn same_letter_renders_to_the_same_bytes() {
    assert_eq!(
        render_pdf(&payments(5), &frame()),
        render_pdf(&payments(5), &frame())
    );
}

#[test]
fn empty_table_says_there_is_no_data() {
    let mut content = payments(0);
    content.tables[0].caption = "Contributi".to_owned();
    let pdf = render_pdf(&content, &frame());
    let Some(text) = pdf_text(&pdf) else { return };
    assert!(text.contains("Nessun dato disponibile."), "{text}");
    assert!(text.contains("Contributi"), "{text}");
}

#[test]
fn cells_format_the_italian_way() {
    assert_eq!(
        format_cell(&Cell::Amount(Money::from_cents(123_456))),
        "1.234,56 €"
    );
    assert_eq!(format_cell(&Cell::Amount(Money::from_cents(-5))), "-0,05 €");
    assert_eq!(format_cell(&Cell::Date(date(2026, 3, 7))), "07/03/2026");
    assert_eq!(format_cell(&Cell::Number(2025)), "2025");
    assert_eq!(format_cell(&Cell::Text("già".to_owned())), "già");
}

#[test]
fn text_encodes_to_winansi() {
    assert_eq!(
        metrics::encode("àèéìòù"),
        vec![0xE0, 0xE8, 0xE9, 0xEC, 0xF2, 0xF9]
    );
    assert_eq!(metrics::encode("€ — ’"), vec![0x80, b' ', 0x97, b' ', 0x92]);
    assert_eq!(metrics::encode("a\tb\nł"), b"a b ?".to_vec());
    // Widths are the Helvetica metrics: "1.234,56" is seven digits-or-points.
    let w = metrics::width(Face::Regular, b"1.234,56", 10.0);
    assert!((w - (6.0 * 5.56 + 2.0 * 2.78)).abs() < 0.001, "{w}");
}

#[test]
fn wrapping_breaks_at_spaces_and_inside_overlong_words() {
    let text = metrics::encode("uno due tre quattro");
    let two_words = metrics::width(Face::Regular, b"uno due", 10.0);
    let lines = wrap_bytes(&text, Face::Regular, 10.0, two_words + 1.0);
    assert_eq!(
        lines,
        vec![b"uno due".to_vec(), b"tre".to_vec(), b"quattro".to_vec()]
    );
    let long = vec![b'x'; 50];
    let lines = wrap_bytes(&long, Face::Regular, 10.0, 50.0);
    assert!(lines.len() > 1);
    assert_eq!(lines.concat(), long);
    for line in &lines {
        assert!(metrics::width(Face::Regular, line, 10.0) <= 50.0);
    }
    assert!(wrap_bytes(b"", Face::Regular, 10.0, 50.0).is_empty());
}

#[test]
fn columns_fill_the_width_and_text_columns_shrink_first() {
    let table = LetterTable {
        caption: String::new(),
        columns: vec!["Descrizione".to_owned(), "Importo".to_owned()],
        rows: vec![vec![
            Cell::Text("parola ".repeat(60)),
            Cell::Amount(Money::from_cents(99_999_999)),
        ]],
    };
    let header: Vec<Vec<u8>> = table.columns.iter().map(|c| metrics::encode(c)).collect();
    let body: Vec<Vec<(Vec<u8>, Align)>> = vec![vec![
        (metrics::encode(&"parola ".repeat(60)), Align::Left),
        (metrics::encode("999.999,99 €"), Align::Right),
    ]];
    let widths = column_widths(&header, &body, &table);
    let total: f32 = widths.iter().sum();
    assert!((total - CONTENT_W).abs() < 0.01, "{widths:?}");
    // The amount keeps its natural width (plus padding), the text takes the rest and wraps.
    let amount = metrics::width(Face::Regular, &metrics::encode("999.999,99 €"), 9.0);
    assert!(widths[1] >= amount + 8.0 - 0.01, "{widths:?}");
    assert!(widths[1] < CONTENT_W / 3.0, "{widths:?}");
}

fn citizen(address: Option<Address>) -> CitizenData {
    CitizenData {
        tax_code: TaxCode::parse_with("RSSMRA80A01H501U", CenturyRule::with_reference_year(2026))
            .expect("valid"),
        given_name: "Mario".to_owned(),
        surname: "Rossi".to_owned(),
        birth_date: date(1980, 1, 1),
        sex: Sex::Male,
        address,
        mobile: None,
        email: None,
        language: Language::Italian,
    }
}

#[test]
fn recipient_comes_from_the_home_address() {
    let with = citizen(Some(Address {
        street: "Via Roma 1".to_owned(),
        postcode: "00184".to_owned(),
        city: "Roma".to_owned(),
        province: "rm".to_owned(),
    }));
    let recipient = Recipient::from_citizen(&with).expect("has an address");
    assert_eq!(
        recipient.address_block(),
        "Mario Rossi\nVia Roma 1\n00184 ROMA RM"
    );
    assert!(!format!("{recipient:?}").contains("Rossi"));
    assert_eq!(Recipient::from_citizen(&citizen(None)), None);
    let blank = citizen(Some(Address {
        street: "  ".to_owned(),
        postcode: String::new(),
        city: "Roma".to_owned(),
        province: "RM".to_owned(),
    }));
    assert_eq!(Recipient::from_citizen(&blank), None);
}
