//! The downloadable guide to the automated services (R-SELF-10): an A4 PDF generated from the
//! profile (its numbers and the hours of its calendars) and the portal's catalogue, in the page's
//! language. Written by hand with pdf-writer like the letters, but with DejaVu Sans embedded
//! (`fonts/`, its licence beside it) so Polish and Cyrillic print, and with a ToUnicode map so
//! the text can be copied and searched. Arabic would need shaping and right-to-left reordering,
//! which this writer does not do: the Arabic page offers the English guide and says so.

use std::collections::BTreeMap;

use domain::Language;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::i18n::Words;

const FONT: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 56.0;
const BOTTOM: f32 = 60.0;

/// What the guide lists, prepared by the caller from the profile.
#[derive(Clone, Debug, Default)]
pub(crate) struct GuideData {
    /// (what the number is for, the number).
    pub(crate) numbers: Vec<(String, String)>,
    /// (whose hours, the hours in words).
    pub(crate) hours: Vec<(String, String)>,
}

/// The language the guide is written in for a page in `lang`.
pub(crate) fn guide_language(lang: Language) -> Language {
    match lang {
        Language::Arabic => Language::English,
        other => other,
    }
}

/// One line to print.
struct Line {
    text: String,
    size: f32,
    /// Space before the line, in points.
    gap: f32,
}

/// The guide as PDF bytes, its texts in `words`' language.
pub(crate) fn render(words: &Words, data: &GuideData) -> Vec<u8> {
    let Ok(face) = ttf_parser::Face::parse(FONT, 0) else {
        tracing::error!("the embedded guide font does not parse");
        return Vec::new();
    };
    let scale = 1000.0 / f32::from(face.units_per_em());
    let advance = |c: char| -> f32 {
        face.glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .map_or(500.0, |a| f32::from(a) * scale)
    };
    let width = |text: &str, size: f32| text.chars().map(&advance).sum::<f32>() * size / 1000.0;

    // The text, then wrapped into lines.
    let mut blocks: Vec<(String, f32, f32)> = vec![
        (words.t("guide-title"), 18.0, 0.0),
        (words.t("institute-name"), 11.0, 6.0),
        (words.t("guide-intro"), 10.5, 12.0),
        (words.t("guide-numbers"), 13.0, 16.0),
    ];
    for (what, number) in &data.numbers {
        blocks.push((format!("{number} — {what}"), 10.5, 4.0));
    }
    blocks.push((words.t("guide-hours"), 13.0, 16.0));
    for (whose, hours) in &data.hours {
        blocks.push((format!("{whose}: {hours}"), 10.5, 4.0));
    }
    blocks.push((words.t("guide-services"), 13.0, 16.0));
    for key in [
        "guide-self-1",
        "guide-self-2",
        "guide-self-3",
        "guide-self-4",
        "guide-self-5",
        "guide-self-6",
        "guide-self-7",
        "guide-self-8",
        "guide-self-9",
    ] {
        blocks.push((format!("• {}", words.t(key)), 10.5, 4.0));
    }
    blocks.push((words.t("guide-identification"), 13.0, 16.0));
    blocks.push((words.t("guide-pin"), 10.5, 4.0));
    blocks.push((words.t("guide-portal"), 10.5, 8.0));

    let max = PAGE_W - 2.0 * MARGIN;
    let mut lines = Vec::new();
    for (text, size, gap) in blocks {
        let mut current = String::new();
        let mut first = true;
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if width(&candidate, size) > max && !current.is_empty() {
                lines.push(Line {
                    text: std::mem::take(&mut current),
                    size,
                    gap: if first { gap } else { 0.0 },
                });
                first = false;
                current = word.to_owned();
            } else {
                current = candidate;
            }
        }
        lines.push(Line {
            text: current,
            size,
            gap: if first { gap } else { 0.0 },
        });
    }

    // Pages.
    let mut pages: Vec<Vec<(f32, &Line)>> = vec![Vec::new()];
    let mut y = PAGE_H - MARGIN;
    for line in &lines {
        let step = line.gap + line.size * 1.35;
        if y - step < BOTTOM {
            pages.push(Vec::new());
            y = PAGE_H - MARGIN;
        }
        y -= step;
        if let Some(page) = pages.last_mut() {
            page.push((y, line));
        }
    }

    // Glyphs used, for the widths and the ToUnicode map.
    let mut used: BTreeMap<u16, char> = BTreeMap::new();
    for line in &lines {
        for c in line.text.chars() {
            if let Some(g) = face.glyph_index(c) {
                used.entry(g.0).or_insert(c);
            }
        }
    }
    let encode = |text: &str| -> Vec<u8> {
        text.chars()
            .flat_map(|c| face.glyph_index(c).map_or(0, |g| g.0).to_be_bytes())
            .collect()
    };

    let mut pdf = Pdf::new();
    let catalog_id = Ref::new(1);
    let tree_id = Ref::new(2);
    let font_id = Ref::new(3);
    let cid_id = Ref::new(4);
    let descriptor_id = Ref::new(5);
    let file_id = Ref::new(6);
    let cmap_id = Ref::new(7);
    let info_id = Ref::new(8);
    let page_refs: Vec<(Ref, Ref)> = (0..pages.len())
        .map(|i| {
            let base = i32::try_from(9 + 2 * i).unwrap_or(i32::MAX - 1);
            (Ref::new(base), Ref::new(base + 1))
        })
        .collect();
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    let footer = words.t("guide-footer");
    for (page_lines, (page_id, content_id)) in pages.iter().zip(&page_refs) {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        page.parent(tree_id);
        page.contents(*content_id);
        page.resources().fonts().pair(Name(b"F1"), font_id);
        page.finish();
        let mut content = Content::new();
        for (y, line) in page_lines {
            content.begin_text();
            content.set_font(Name(b"F1"), line.size);
            content.next_line(MARGIN, *y);
            content.show(Str(&encode(&line.text)));
            content.end_text();
        }
        content.begin_text();
        content.set_font(Name(b"F1"), 8.0);
        content.next_line(MARGIN, 30.0);
        content.show(Str(&encode(&footer)));
        content.end_text();
        pdf.stream(*content_id, &content.finish());
    }
    for c in footer.chars() {
        if let Some(g) = face.glyph_index(c) {
            used.entry(g.0).or_insert(c);
        }
    }

    let font_name = Name(b"DejaVuSans");
    pdf.type0_font(font_id)
        .base_font(font_name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_id)
        .to_unicode(cmap_id);
    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    {
        let mut cid = pdf.cid_font(cid_id);
        cid.subtype(CidFontType::Type2)
            .base_font(font_name)
            .system_info(system_info)
            .font_descriptor(descriptor_id)
            .default_width(500.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        let mut widths = cid.widths();
        for gid in used.keys() {
            let w = face
                .glyph_hor_advance(ttf_parser::GlyphId(*gid))
                .map_or(500.0, |a| f32::from(a) * scale);
            widths.consecutive(*gid, [w]);
        }
    }
    let bbox = face.global_bounding_box();
    pdf.font_descriptor(descriptor_id)
        .name(font_name)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            f32::from(bbox.x_min) * scale,
            f32::from(bbox.y_min) * scale,
            f32::from(bbox.x_max) * scale,
            f32::from(bbox.y_max) * scale,
        ))
        .italic_angle(0.0)
        .ascent(f32::from(face.ascender()) * scale)
        .descent(f32::from(face.descender()) * scale)
        .cap_height(f32::from(face.capital_height().unwrap_or(face.ascender())) * scale)
        .stem_v(80.0)
        .font_file2(file_id);
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(FONT, 6);
    pdf.stream(file_id, &compressed)
        .filter(Filter::FlateDecode)
        .pair(
            Name(b"Length1"),
            i32::try_from(FONT.len()).unwrap_or(i32::MAX),
        );
    let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Custom"), system_info);
    for (gid, c) in &used {
        cmap.pair(*gid, *c);
    }
    pdf.cmap(cmap_id, &cmap.finish());
    let title = words.t("guide-title");
    pdf.document_info(info_id)
        .title(TextStr(&title))
        .producer(TextStr("centralino"));
    pdf.finish()
}
