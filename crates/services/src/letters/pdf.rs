//! The letter's layout on A4 pages and its PDF serialization.
//!
//! Layout runs first and produces drawing operations per page; the PDF is written afterwards, so
//! the footer of every page can say how many pages there are. Coordinates are PDF points from the
//! bottom-left corner; `Layout::y` is the top of the free space on the current page.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::metrics::{self, Face};
use super::{Cell, INSTITUTE, LetterContent, LetterFrame, LetterTable, format_cell, format_date};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
const LEFT: f32 = 20.0 * MM;
const RIGHT: f32 = PAGE_W - 20.0 * MM;
pub(super) const CONTENT_W: f32 = RIGHT - LEFT;
const TOP: f32 = PAGE_H - 15.0 * MM;
/// Content stops here; the footer sits below.
const BOTTOM: f32 = 25.0 * MM;
const FOOTER_BASELINE: f32 = 12.0 * MM;

/// The address window of a standard DL envelope with the window on the right: 110 mm from the
/// left edge, first line 55 mm from the top, about 90 mm wide.
const WINDOW_X: f32 = 110.0 * MM;
const WINDOW_FIRST_BASELINE: f32 = PAGE_H - 55.0 * MM;
const WINDOW_W: f32 = RIGHT - WINDOW_X;

const BODY_SIZE: f32 = 10.5;
const BODY_LEADING: f32 = 14.0;
const TABLE_SIZE: f32 = 9.0;
const TABLE_LEADING: f32 = 11.0;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.0;

const FONT_REGULAR: Name<'static> = Name(b"F1");
const FONT_BOLD: Name<'static> = Name(b"F2");

#[derive(Clone, Copy, Debug, PartialEq)]
enum Color {
    Black,
    Blue,
    Gray,
}

#[derive(Clone, Debug, PartialEq)]
enum Op {
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        color: Color,
        bytes: Vec<u8>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Color,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Right,
}

struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
    /// Where the free space started on the current page: a page still at this height holds
    /// nothing breakable, so breaking it again would loop.
    fresh_y: f32,
}

pub(super) fn render(content: &LetterContent, frame: &LetterFrame) -> Vec<u8> {
    let mut layout = Layout {
        pages: vec![Vec::new()],
        y: TOP,
        fresh_y: TOP,
    };
    layout.first_page(content, frame);
    for paragraph in &content.paragraphs {
        layout.paragraph(paragraph, Face::Regular, BODY_SIZE, BODY_LEADING);
        layout.y -= 6.0;
    }
    for table in &content.tables {
        layout.y -= 4.0;
        layout.table(table);
        layout.y -= 10.0;
    }
    for paragraph in &content.closing {
        layout.paragraph(paragraph, Face::Regular, BODY_SIZE, BODY_LEADING);
        layout.y -= 6.0;
    }
    write_pdf(&layout.pages, content, frame)
}

impl Layout {
    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn text(&mut self, x: f32, y: f32, face: Face, size: f32, color: Color, bytes: Vec<u8>) {
        if !bytes.is_empty() {
            self.ops().push(Op::Text {
                x,
                y,
                face,
                size,
                color,
                bytes,
            });
        }
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Color) {
        self.ops().push(Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        });
    }

    /// Starts a new page with the short header of continuation pages.
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        let baseline = TOP - 9.0;
        self.text(
            LEFT,
            baseline,
            Face::Bold,
            9.0,
            Color::Blue,
            metrics::encode(INSTITUTE),
        );
        self.line(
            LEFT,
            baseline - 6.0,
            RIGHT,
            baseline - 6.0,
            0.75,
            Color::Blue,
        );
        self.y = baseline - 20.0;
        self.fresh_y = self.y;
    }

    /// Makes room for `height` points, breaking the page if they do not fit (unless the page is
    /// still empty: then the content goes here, overflowing, rather than looping).
    fn ensure(&mut self, height: f32) -> bool {
        if self.y - height < BOTTOM && self.y < self.fresh_y {
            self.new_page();
            return true;
        }
        false
    }

    /// The header, sender, window address, protocol, place and date, and subject.
    fn first_page(&mut self, content: &LetterContent, frame: &LetterFrame) {
        let mut baseline = TOP - 14.0;
        self.text(
            LEFT,
            baseline,
            Face::Bold,
            14.0,
            Color::Blue,
            metrics::encode(INSTITUTE),
        );
        for line in wrap(&frame.sender_office, Face::Regular, 9.0, CONTENT_W) {
            baseline -= 12.0;
            self.text(LEFT, baseline, Face::Regular, 9.0, Color::Gray, line);
        }
        self.line(
            LEFT,
            baseline - 7.0,
            RIGHT,
            baseline - 7.0,
            1.0,
            Color::Blue,
        );

        // Left of the window: protocol and tax code.
        let mut left_baseline = WINDOW_FIRST_BASELINE;
        let left_w = WINDOW_X - LEFT - 12.0;
        let mut left_lines = vec![format!("Protocollo: {}", frame.reference)];
        if let Some(tax_code) = &frame.tax_code {
            left_lines.push(format!("Codice fiscale: {tax_code}"));
        }
        for text in &left_lines {
            for line in wrap(text, Face::Regular, 9.0, left_w) {
                self.text(LEFT, left_baseline, Face::Regular, 9.0, Color::Black, line);
                left_baseline -= 12.0;
            }
        }

        // The window: name, then the address lines.
        let mut window_baseline = WINDOW_FIRST_BASELINE;
        let mut window_lines = wrap(&frame.recipient.name, Face::Bold, 11.0, WINDOW_W)
            .into_iter()
            .map(|l| (Face::Bold, l))
            .collect::<Vec<_>>();
        for line in &frame.recipient.address_lines {
            for wrapped in wrap(line, Face::Regular, 11.0, WINDOW_W) {
                window_lines.push((Face::Regular, wrapped));
            }
        }
        for (face, line) in window_lines {
            self.text(WINDOW_X, window_baseline, face, 11.0, Color::Black, line);
            window_baseline -= 14.0;
        }

        // Place and date, right-aligned below the window.
        let date_baseline = (PAGE_H - 100.0 * MM).min(window_baseline.min(left_baseline) - 20.0);
        let dated = metrics::encode(&format!("{}, {}", frame.place, format_date(frame.date)));
        let w = metrics::width(Face::Regular, &dated, BODY_SIZE);
        self.text(
            RIGHT - w,
            date_baseline,
            Face::Regular,
            BODY_SIZE,
            Color::Black,
            dated,
        );

        self.y = date_baseline - 24.0;
        self.fresh_y = self.y;
        self.paragraph(
            &format!("Oggetto: {}", content.title),
            Face::Bold,
            11.0,
            14.0,
        );
        self.y -= 10.0;
        // The subject belongs to the first page: content after it may break the page.
        self.fresh_y = self.fresh_y.max(self.y + 1.0);
    }

    /// A paragraph wrapped to the content width; `\n` starts a new line.
    fn paragraph(&mut self, text: &str, face: Face, size: f32, leading: f32) {
        for line in wrap(text, face, size, CONTENT_W) {
            self.ensure(leading);
            let baseline = self.y - leading + (leading - size) / 2.0 + size * 0.22;
            self.text(LEFT, baseline, face, size, Color::Black, line);
            self.y -= leading;
        }
    }

    fn table(&mut self, table: &LetterTable) {
        let columns = table
            .columns
            .len()
            .max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
        let caption_h = if table.caption.trim().is_empty() {
            0.0
        } else {
            BODY_LEADING
        };
        if columns == 0 {
            self.ensure(caption_h + BODY_LEADING);
            self.caption(&table.caption, false);
            self.paragraph(
                "Nessun dato disponibile.",
                Face::Regular,
                TABLE_SIZE,
                TABLE_LEADING,
            );
            return;
        }
        let header: Vec<Vec<u8>> = (0..columns)
            .map(|c| metrics::encode(table.columns.get(c).map(String::as_str).unwrap_or("")))
            .collect();
        let body: Vec<Vec<(Vec<u8>, Align)>> = table
            .rows
            .iter()
            .map(|row| {
                (0..columns)
                    .map(|c| match row.get(c) {
                        Some(cell) => (metrics::encode(&format_cell(cell)), cell_align(cell)),
                        None => (Vec::new(), Align::Left),
                    })
                    .collect()
            })
            .collect();
        let header_align: Vec<Align> = (0..columns)
            .map(|c| {
                let numeric = table.rows.iter().filter_map(|r| r.get(c)).all(|cell| {
                    matches!(cell, Cell::Amount(_) | Cell::Number(_))
                        || matches!(cell, Cell::Text(t) if t.trim().is_empty())
                });
                let any = table
                    .rows
                    .iter()
                    .any(|r| matches!(r.get(c), Some(Cell::Amount(_)) | Some(Cell::Number(_))));
                if numeric && any {
                    Align::Right
                } else {
                    Align::Left
                }
            })
            .collect();
        let widths = column_widths(&header, &body, table);

        let header_cells: Vec<(Vec<u8>, Align)> = header
            .iter()
            .cloned()
            .zip(header_align.iter().copied())
            .collect();
        let header_lines = cell_lines(&header_cells, &widths, Face::Bold);
        let header_h = row_height(&header_lines);
        let first_row_h = body
            .first()
            .map(|row| row_height(&cell_lines(row, &widths, Face::Regular)))
            .unwrap_or(TABLE_LEADING);

        // Caption, header and the first row stay together.
        self.ensure(caption_h + header_h + first_row_h);
        self.caption(&table.caption, false);
        self.row(&header_lines, &widths, Face::Bold, Some(0.88));
        if body.is_empty() {
            self.paragraph(
                "Nessun dato disponibile.",
                Face::Regular,
                TABLE_SIZE,
                TABLE_LEADING,
            );
            return;
        }
        for row in &body {
            let lines = cell_lines(row, &widths, Face::Regular);
            let h = row_height(&lines);
            if self.ensure(h) {
                // Continued on a new page: caption and header row again.
                self.caption(&table.caption, true);
                self.row(&header_lines, &widths, Face::Bold, Some(0.88));
            }
            self.row(&lines, &widths, Face::Regular, None);
        }
    }

    fn caption(&mut self, caption: &str, continued: bool) {
        if caption.trim().is_empty() {
            return;
        }
        let text = if continued {
            format!("{caption} (segue)")
        } else {
            caption.to_owned()
        };
        let line = wrap(&text, Face::Bold, 10.0, CONTENT_W)
            .into_iter()
            .next()
            .unwrap_or_default();
        let baseline = self.y - BODY_LEADING + 4.0;
        self.text(LEFT, baseline, Face::Bold, 10.0, Color::Black, line);
        self.y -= BODY_LEADING;
    }

    /// One table row: optional background, the cells' lines, a rule below.
    fn row(&mut self, cells: &[CellLines], widths: &[f32], face: Face, fill: Option<f32>) {
        let h = row_height(cells);
        let top = self.y;
        if let Some(gray) = fill {
            self.ops().push(Op::Fill {
                x: LEFT,
                y: top - h,
                w: widths.iter().sum(),
                h,
                gray,
            });
        }
        let mut x = LEFT;
        for (cell, &w) in cells.iter().zip(widths) {
            let mut baseline = top - CELL_PAD_Y - TABLE_SIZE * 0.8;
            for line in &cell.lines {
                let lx = match cell.align {
                    Align::Left => x + CELL_PAD_X,
                    Align::Right => x + w - CELL_PAD_X - metrics::width(face, line, TABLE_SIZE),
                };
                self.text(lx, baseline, face, TABLE_SIZE, Color::Black, line.clone());
                baseline -= TABLE_LEADING;
            }
            x += w;
        }
        let total: f32 = widths.iter().sum();
        if fill.is_some() {
            self.line(LEFT, top, LEFT + total, top, 0.75, Color::Gray);
        }
        self.line(LEFT, top - h, LEFT + total, top - h, 0.4, Color::Gray);
        self.y -= h;
    }
}

struct CellLines {
    lines: Vec<Vec<u8>>,
    align: Align,
}

fn cell_lines(cells: &[(Vec<u8>, Align)], widths: &[f32], face: Face) -> Vec<CellLines> {
    cells
        .iter()
        .zip(widths)
        .map(|((bytes, align), &w)| CellLines {
            lines: wrap_bytes(bytes, face, TABLE_SIZE, (w - 2.0 * CELL_PAD_X).max(1.0)),
            align: *align,
        })
        .collect()
}

fn row_height(cells: &[CellLines]) -> f32 {
    let lines = cells
        .iter()
        .map(|c| c.lines.len())
        .max()
        .unwrap_or(1)
        .max(1);
    // At most a few hundred lines: exact in f32.
    2.0 * CELL_PAD_Y + TABLE_SIZE * 1.05 + (lines - 1) as f32 * TABLE_LEADING
}

fn cell_align(cell: &Cell) -> Align {
    match cell {
        Cell::Amount(_) | Cell::Number(_) => Align::Right,
        Cell::Text(_) | Cell::Date(_) => Align::Left,
    }
}

/// Column widths that fill the content width: each column gets its natural width (widest
/// cell), and the rest is shared out in proportion; when the natural widths do not fit, columns
/// of amounts, dates and numbers keep theirs and text columns shrink (their cells wrap).
pub(super) fn column_widths(
    header: &[Vec<u8>],
    body: &[Vec<(Vec<u8>, Align)>],
    table: &LetterTable,
) -> Vec<f32> {
    let columns = header.len();
    let pad = 2.0 * CELL_PAD_X;
    let mut natural = vec![0.0f32; columns];
    let mut minimum = vec![0.0f32; columns];
    for c in 0..columns {
        let header_w = metrics::width(Face::Bold, &header[c], TABLE_SIZE);
        let header_word = longest_word(Face::Bold, &header[c]);
        let mut nat = header_w;
        let mut min = header_word.max(30.0);
        let text_column = table
            .rows
            .iter()
            .any(|r| matches!(r.get(c), Some(Cell::Text(t)) if !t.trim().is_empty()));
        for row in body {
            if let Some((bytes, _)) = row.get(c) {
                let w = metrics::width(Face::Regular, bytes, TABLE_SIZE);
                nat = nat.max(w);
                min = min.max(if text_column {
                    longest_word(Face::Regular, bytes)
                } else {
                    w
                });
            }
        }
        natural[c] = nat + pad;
        minimum[c] = (min + pad).min(natural[c]);
    }
    let natural_sum: f32 = natural.iter().sum();
    if natural_sum <= CONTENT_W {
        let extra = CONTENT_W - natural_sum;
        return natural
            .iter()
            .map(|n| n + extra * n / natural_sum.max(1.0))
            .collect();
    }
    let minimum_sum: f32 = minimum.iter().sum();
    if minimum_sum >= CONTENT_W {
        return minimum
            .iter()
            .map(|m| m * CONTENT_W / minimum_sum.max(1.0))
            .collect();
    }
    let slack: f32 = natural.iter().zip(&minimum).map(|(n, m)| n - m).sum();
    let share = CONTENT_W - minimum_sum;
    natural
        .iter()
        .zip(&minimum)
        .map(|(n, m)| m + (n - m) * share / slack.max(1.0))
        .collect()
}

fn longest_word(face: Face, bytes: &[u8]) -> f32 {
    bytes
        .split(|&b| b == b' ')
        .map(|word| metrics::width(face, word, TABLE_SIZE))
        .fold(0.0, f32::max)
}

/// Wraps text to `max_width`: lines break at spaces, a word wider than a line breaks anywhere,
/// and `\n` forces a break. An empty text gives no lines.
fn wrap(text: &str, face: Face, size: f32, max_width: f32) -> Vec<Vec<u8>> {
    text.split('\n')
        .flat_map(|line| wrap_bytes(&metrics::encode(line), face, size, max_width))
        .collect()
}

pub(super) fn wrap_bytes(text: &[u8], face: Face, size: f32, max_width: f32) -> Vec<Vec<u8>> {
    let space = metrics::width(face, b" ", size);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut current_w = 0.0f32;
    for word in text.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let word_w = metrics::width(face, word, size);
        if !current.is_empty() && current_w + space + word_w <= max_width {
            current.push(b' ');
            current.extend_from_slice(word);
            current_w += space + word_w;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if word_w <= max_width {
            current.extend_from_slice(word);
            current_w = word_w;
            continue;
        }
        // A word longer than the line: break it where it overflows.
        let mut piece: Vec<u8> = Vec::new();
        let mut piece_w = 0.0f32;
        for &b in word {
            let w = f32::from(metrics::byte_width(face, b)) * size / 1000.0;
            if !piece.is_empty() && piece_w + w > max_width {
                lines.push(std::mem::take(&mut piece));
                piece_w = 0.0;
            }
            piece.push(b);
            piece_w += w;
        }
        current = piece;
        current_w = piece_w;
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

fn write_pdf(pages: &[Vec<Op>], content: &LetterContent, frame: &LetterFrame) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog_id = Ref::new(1);
    let tree_id = Ref::new(2);
    let regular_id = Ref::new(3);
    let bold_id = Ref::new(4);
    let info_id = Ref::new(5);
    let count = pages.len().max(1);
    let page_ids: Vec<(Ref, Ref)> = (0..count)
        .map(|i| {
            // Two objects per page after the five fixed ones; a letter has far fewer than
            // i32::MAX / 2 pages.
            let base = i32::try_from(6 + 2 * i).unwrap_or(i32::MAX - 1);
            (Ref::new(base), Ref::new(base + 1))
        })
        .collect();

    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|(page, _)| *page))
        .count(i32::try_from(count).unwrap_or(i32::MAX));

    let reference = metrics::encode(&format!("Protocollo: {}", frame.reference));
    for (i, (page_id, content_id)) in page_ids.iter().enumerate() {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        page.parent(tree_id);
        page.contents(*content_id);
        {
            let mut resources = page.resources();
            let mut fonts = resources.fonts();
            fonts.pair(FONT_REGULAR, regular_id);
            fonts.pair(FONT_BOLD, bold_id);
        }
        page.finish();

        let mut stream = Content::new();
        for op in pages.get(i).map(Vec::as_slice).unwrap_or(&[]) {
            draw(&mut stream, op);
        }
        // Footer: protocol on the left, page number on the right.
        stream.set_line_width(0.4);
        set_stroke(&mut stream, Color::Gray);
        stream.move_to(LEFT, FOOTER_BASELINE + 10.0);
        stream.line_to(RIGHT, FOOTER_BASELINE + 10.0);
        stream.stroke();
        draw(
            &mut stream,
            &Op::Text {
                x: LEFT,
                y: FOOTER_BASELINE,
                face: Face::Regular,
                size: 8.0,
                color: Color::Gray,
                bytes: reference.clone(),
            },
        );
        let number = metrics::encode(&format!("Pagina {} di {}", i + 1, count));
        let w = metrics::width(Face::Regular, &number, 8.0);
        draw(
            &mut stream,
            &Op::Text {
                x: RIGHT - w,
                y: FOOTER_BASELINE,
                face: Face::Regular,
                size: 8.0,
                color: Color::Gray,
                bytes: number,
            },
        );
        pdf.stream(*content_id, &stream.finish());
    }

    for (id, name) in [(regular_id, "Helvetica"), (bold_id, "Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info_id)
        .title(TextStr(&content.title))
        .author(TextStr("INPS"))
        .producer(TextStr("centralino"));
    pdf.finish()
}

fn set_fill(stream: &mut Content, color: Color) {
    match color {
        Color::Black => stream.set_fill_gray(0.0),
        Color::Gray => stream.set_fill_gray(0.35),
        Color::Blue => stream.set_fill_rgb(0.0, 0.345, 0.62),
    };
}

fn set_stroke(stream: &mut Content, color: Color) {
    match color {
        Color::Black => stream.set_stroke_gray(0.0),
        Color::Gray => stream.set_stroke_gray(0.6),
        Color::Blue => stream.set_stroke_rgb(0.0, 0.345, 0.62),
    };
}

fn draw(stream: &mut Content, op: &Op) {
    match op {
        Op::Text {
            x,
            y,
            face,
            size,
            color,
            bytes,
        } => {
            set_fill(stream, *color);
            stream.begin_text();
            let font = match face {
                Face::Regular => FONT_REGULAR,
                Face::Bold => FONT_BOLD,
            };
            stream.set_font(font, *size);
            stream.next_line(*x, *y);
            stream.show(Str(bytes));
            stream.end_text();
        }
        Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => {
            stream.set_line_width(*width);
            set_stroke(stream, *color);
            stream.move_to(*x1, *y1);
            stream.line_to(*x2, *y2);
            stream.stroke();
        }
        Op::Fill { x, y, w, h, gray } => {
            stream.set_fill_gray(*gray);
            stream.rect(*x, *y, *w, *h);
            stream.fill_nonzero();
        }
    }
}
