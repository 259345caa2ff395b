//! Belfiore (cadastral) codes: the birthplace inside a tax code.
//!
//! Positions 12–15 of a personal tax code name the place of birth: an Italian municipality (a
//! letter `A`–`M` and three digits, `H501` = Roma) or, for people born abroad, a foreign state
//! (`Z` and three digits, `Z404` = Stati Uniti d'America).
//!
//! The table is data, not code: `data/belfiore.csv` (MIT, from the `codice_fiscale` crate; see
//! `data/README.md`) is embedded in the binary and indexed once, on first use, into a sorted
//! vector searched by binary search. It holds current municipalities, historical ones (merged,
//! renamed or moved to another province: a tax code keeps the code it was issued with) and
//! foreign states. Names are as in the data: capitals, accents written as a trailing apostrophe
//! (`MUGGIO'`); [`Place::display_name`] gives a readable form.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

/// The embedded table: `CODE,PROV,NAME,ACTIVE` per line.
const DATA: &str = include_str!("../data/belfiore.csv");

/// The province code the data uses for foreign states.
const FOREIGN_PROVINCE: &str = "EE";

/// One Belfiore code, with every name the data lists for it.
struct Entry {
    code: &'static str,
    /// The current name (the active row), else the last listed.
    name: &'static str,
    /// The province of the chosen row; `EE` for foreign states.
    province: &'static str,
    active: bool,
    /// Every name listed for the code, in file order.
    names: Box<[&'static str]>,
}

struct Table {
    /// Sorted by code, one entry per code.
    entries: Vec<Entry>,
    /// Provinces of active municipalities, sorted, without duplicates.
    provinces: Vec<&'static str>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| Table::load(DATA));

impl Table {
    fn load(data: &'static str) -> Table {
        struct Row {
            code: &'static str,
            province: &'static str,
            name: &'static str,
            active: bool,
        }
        let mut rows: Vec<Row> = data
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                // The embedded file is checked by the tests; a malformed row is a bug in the data.
                let mut fields = line.splitn(4, ',');
                let mut next = || fields.next().expect("belfiore.csv: a row has four fields");
                let (code, province, name, active) = (next(), next(), next(), next());
                Row {
                    code,
                    province,
                    name,
                    active: active.trim() == "1",
                }
            })
            .collect();
        // Stable: rows of one code keep their file order, so "the last listed" survives.
        rows.sort_by_key(|row| row.code);

        let mut entries: Vec<Entry> = Vec::with_capacity(rows.len());
        for group in rows.chunk_by(|a, b| a.code == b.code) {
            let chosen = group
                .iter()
                .find(|row| row.active)
                .unwrap_or_else(|| group.last().expect("chunk_by yields non-empty groups"));
            entries.push(Entry {
                code: chosen.code,
                name: chosen.name,
                province: chosen.province,
                active: chosen.active,
                names: group.iter().map(|row| row.name).collect(),
            });
        }

        let mut provinces: Vec<&'static str> = entries
            .iter()
            .filter(|e| e.active && e.province != FOREIGN_PROVINCE)
            .map(|e| e.province)
            .collect();
        provinces.sort_unstable();
        provinces.dedup();

        Table { entries, provinces }
    }

    fn find(&'static self, code: &[u8]) -> Option<Place> {
        self.entries
            .binary_search_by(|e| e.code.as_bytes().cmp(code))
            .ok()
            .map(|index| Place {
                entry: &self.entries[index],
            })
    }
}

/// A birthplace: an Italian municipality (current or historical) or a foreign state.
///
/// Cheap to copy (a reference into the embedded table). Two places are equal when their codes are.
#[derive(Clone, Copy)]
pub struct Place {
    entry: &'static Entry,
}

impl Place {
    /// The Belfiore code, e.g. `H501`.
    pub fn code(&self) -> &'static str {
        self.entry.code
    }

    /// The name as in the data (capitals): the current name when the code is an active
    /// municipality, otherwise the last name the data lists for it.
    pub fn name(&self) -> &'static str {
        self.entry.name
    }

    /// [`Place::name`] in title case for people to read: `SANT'ANGELO D'ALIFE` → `Sant'Angelo
    /// d'Alife`, `MUGGIO'` → `Muggiò`.
    ///
    /// A heuristic: Italian articles and prepositions after the first word are lower-cased and a
    /// vowel followed by an apostrophe at the end of a word becomes an accented vowel (grave, except
    /// `Né` and `Pré`). Good for demo data and pages; compare places by [`Place::code`].
    pub fn display_name(&self) -> String {
        title_case(self.entry.name)
    }

    /// Every name the data lists for the code (old names, aliases), in file order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.entry.names.iter().copied()
    }

    /// The two-letter province of an Italian municipality (of its current row, or of the last
    /// listed one for a historical code); `None` for a foreign state.
    pub fn province(&self) -> Option<&'static str> {
        (!self.is_foreign()).then_some(self.entry.province)
    }

    /// Whether the code is a foreign state (`Z…`).
    pub fn is_foreign(&self) -> bool {
        self.entry.province == FOREIGN_PROVINCE
    }

    /// Whether the code is a current Italian municipality.
    ///
    /// Historical municipalities are not active. The data carries no such flag for foreign
    /// states, so they always report `false`; use [`Place::is_foreign`] to tell them apart.
    pub fn is_active(&self) -> bool {
        self.entry.active
    }
}

impl PartialEq for Place {
    fn eq(&self, other: &Place) -> bool {
        self.entry.code == other.entry.code
    }
}

impl Eq for Place {}

impl Hash for Place {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.entry.code.hash(state);
    }
}

impl fmt::Debug for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Place")
            .field("code", &self.code())
            .field("name", &self.name())
            .field("province", &self.province())
            .field("active", &self.is_active())
            .finish()
    }
}

impl fmt::Display for Place {
    /// The name as in the data, e.g. `ROMA`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Finds a place by its Belfiore code (`H501`; ASCII case is ignored). `None` when the data does
/// not know the code, including omocode forms such as `H50M` (decode the tax code first).
pub fn lookup(code: &str) -> Option<Place> {
    let bytes: [u8; 4] = code.as_bytes().try_into().ok()?;
    lookup_bytes(bytes)
}

/// [`lookup`] for the tax-code parser, which already holds the code as bytes.
pub(crate) fn lookup_bytes(mut code: [u8; 4]) -> Option<Place> {
    code.make_ascii_uppercase();
    TABLE.find(&code)
}

/// The current Italian municipalities (7,904 in the embedded data), sorted by code: seed data for
/// demos and tests.
pub fn municipalities() -> impl Iterator<Item = Place> {
    let table: &'static Table = &TABLE;
    table
        .entries
        .iter()
        .filter(|e| e.active && e.province != FOREIGN_PROVINCE)
        .map(|entry| Place { entry })
}

/// The province codes of the current municipalities (107), sorted.
pub fn provinces() -> Vec<&'static str> {
    TABLE.provinces.clone()
}

/// The foreign states (`Z` codes, 291 in the embedded data, some of them no longer existing),
/// sorted by code.
pub fn foreign_states() -> impl Iterator<Item = Place> {
    let table: &'static Table = &TABLE;
    table
        .entries
        .iter()
        .filter(|e| e.province == FOREIGN_PROVINCE)
        .map(|entry| Place { entry })
}

/// Words written in lower case when they are not the first word of a name.
const PARTICLES: &[&str] = &[
    "A", "AD", "AGLI", "AI", "AL", "ALLA", "ALLE", "ALLO", "COL", "CON", "DA", "DAGLI", "DAI",
    "DAL", "DALLA", "DALLE", "DALLO", "DE", "DE'", "DEGLI", "DEI", "DEL", "DELLA", "DELLE",
    "DELLO", "DI", "E", "ED", "IL", "IN", "LA", "LE", "LO", "NEGLI", "NEI", "NEL", "NELLA",
    "NELLE", "NELLO", "SU", "SUGLI", "SUI", "SUL", "SULLA", "SULLE", "SULLO",
];

/// Elided particles before an apostrophe (`D'ADDA`, `DELL'EMILIA`), lower-cased when not first.
const ELIDED: &[&str] = &["ALL", "COLL", "D", "DALL", "DELL", "L", "NELL", "SULL"];

/// Final accented vowels written with an acute accent; the others take the grave.
const ACUTE: &[&str] = &["NE'", "PRE'"];

fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut first = true;
    let mut rest = name;
    while !rest.is_empty() {
        // A word is a run of letters and apostrophes; anything else is copied as it is.
        let end = rest
            .find(|c: char| !(c.is_alphabetic() || c == '\''))
            .unwrap_or(rest.len());
        if end == 0 {
            let c = rest.chars().next().expect("rest is not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        title_word(&rest[..end], first, &mut out);
        first = false;
        rest = &rest[end..];
    }
    out
}

fn title_word(word: &str, first: bool, out: &mut String) {
    if !first && PARTICLES.contains(&word) {
        out.extend(word.chars().flat_map(char::to_lowercase));
        return;
    }
    // An apostrophe inside the word: an elision (`SANT'ANGELO`, `D'ADDA`).
    if let Some(at) = word.find('\'')
        && at + 1 < word.len()
    {
        let (prefix, tail) = (&word[..at], &word[at + 1..]);
        if !first && ELIDED.contains(&prefix) {
            out.extend(prefix.chars().flat_map(char::to_lowercase));
        } else {
            capitalise(prefix, out);
        }
        out.push('\'');
        title_word(tail, false, out);
        return;
    }
    // A final vowel and apostrophe: an accent (`CITTA'` → `Città`).
    if let Some(stem) = word.strip_suffix('\'')
        && let Some(vowel) = stem.chars().last()
    {
        let acute = ACUTE.contains(&word);
        let accented = match (vowel, acute) {
            ('A', _) => Some('à'),
            ('E', false) => Some('è'),
            ('E', true) => Some('é'),
            ('I', _) => Some('ì'),
            ('O', _) => Some('ò'),
            ('U', _) => Some('ù'),
            _ => None,
        };
        if let Some(accented) = accented {
            let stem = &stem[..stem.len() - vowel.len_utf8()];
            if stem.is_empty() {
                out.extend(accented.to_uppercase());
            } else {
                capitalise(stem, out);
                out.push(accented);
            }
            return;
        }
    }
    capitalise(word, out);
}

fn capitalise(word: &str, out: &mut String) {
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.extend(chars.flat_map(char::to_lowercase));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_has_the_documented_counts() {
        let rows = DATA.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(rows, 13_668);
        for line in DATA.lines() {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), 4, "{line}");
            let code = fields[0].as_bytes();
            assert!(
                code.len() == 4
                    && code[0].is_ascii_uppercase()
                    && code[1..].iter().all(u8::is_ascii_digit),
                "{line}"
            );
            assert!(fields[3] == "0" || fields[3] == "1", "{line}");
            assert_eq!(fields[1] == FOREIGN_PROVINCE, code[0] == b'Z', "{line}");
            assert!(!fields[2].contains('\u{FFFD}'), "{line}");
        }
        assert_eq!(municipalities().count(), 7_904);
        assert_eq!(foreign_states().count(), 291);
        let provinces = provinces();
        assert_eq!(provinces.len(), 107);
        assert!(provinces.is_sorted());
        assert!(
            provinces.contains(&"RM") && provinces.contains(&"SU") && !provinces.contains(&"EE")
        );
        // At most one active row per code.
        let mut active: Vec<&str> = DATA
            .lines()
            .filter(|l| l.ends_with(",1"))
            .map(|l| &l[..4])
            .collect();
        let before = active.len();
        active.sort_unstable();
        active.dedup();
        assert_eq!(active.len(), before);
    }

    #[test]
    fn looks_up_municipalities() {
        let roma = lookup("H501").unwrap();
        assert_eq!(roma.code(), "H501");
        assert_eq!(roma.name(), "ROMA");
        assert_eq!(roma.province(), Some("RM"));
        assert!(roma.is_active() && !roma.is_foreign());
        assert_eq!(lookup("h501"), Some(roma));
        for (code, name, province) in [
            ("F205", "MILANO", "MI"),
            ("F839", "NAPOLI", "NA"),
            ("L219", "TORINO", "TO"),
            ("E889", "MANIAGO", "PN"),
            ("A562", "SAN GIULIANO TERME", "PI"),
        ] {
            let place = lookup(code).unwrap();
            assert_eq!(
                (place.name(), place.province()),
                (name, Some(province)),
                "{code}"
            );
        }
        assert_eq!(lookup("H50M"), None);
        assert_eq!(lookup("Z999"), None);
        assert_eq!(lookup("H5011"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("ÀÀ"), None);
    }

    #[test]
    fn historical_codes_keep_their_last_name() {
        // A001 has an old name and the current one: the active row wins.
        let abano = lookup("A001").unwrap();
        assert_eq!(abano.name(), "ABANO TERME");
        assert_eq!(
            abano.names().collect::<Vec<_>>(),
            ["ABANO BAGNI", "ABANO TERME"]
        );
        // A003 exists no more: the last listed name.
        let abbadia = lookup("A003").unwrap();
        assert!(!abbadia.is_active());
        assert_eq!(abbadia.name(), "ABBADIA ALPINA");
        assert_eq!(abbadia.province(), Some("TO"));
        // F797 moved from MI to MB: the current row's province.
        assert_eq!(lookup("F797").unwrap().province(), Some("MB"));
    }

    #[test]
    fn looks_up_foreign_states() {
        for (code, name) in [
            ("Z404", "STATI UNITI D'AMERICA"),
            ("Z110", "FRANCIA"),
            ("Z112", "GERMANIA REPUBBLICA FEDERALE"),
            ("Z114", "REGNO UNITO"),
            ("Z254", "GEORGIA"),
            ("Z136", "GEORGIA"),
            ("Z600", "ARGENTINA"),
        ] {
            let place = lookup(code).unwrap();
            assert_eq!(place.name(), name, "{code}");
            assert!(place.is_foreign() && place.province().is_none() && !place.is_active());
        }
        // No row of a foreign state is active: the last listed name, all names kept.
        let germany = lookup("Z112").unwrap();
        assert_eq!(
            germany.names().collect::<Vec<_>>(),
            ["GERMANIA", "GERMANIA REPUBBLICA FEDERALE"]
        );
        assert!(foreign_states().all(|p| p.code().starts_with('Z') && p.is_foreign()));
        assert!(municipalities().all(|p| p.is_active() && !p.code().starts_with('Z')));
        let first = municipalities().next().unwrap();
        assert_eq!(first.code(), "A001");
    }

    #[test]
    fn display_names_read_naturally() {
        let cases = [
            ("H501", "Roma"),
            ("L219", "Torino"),
            ("A029", "Aci Sant'Antonio"),
            ("A051", "Acquaviva d'Isernia"),
            ("A074", "Agliè"),
            ("F797", "Muggiò"),
            ("A562", "San Giuliano Terme"),
            ("Z404", "Stati Uniti d'America"),
            ("H262", "Rhemes-Notre-Dame"),
        ];
        for (code, expected) in cases {
            assert_eq!(lookup(code).unwrap().display_name(), expected, "{code}");
        }
        assert_eq!(title_case("L'AQUILA"), "L'Aquila");
        assert_eq!(title_case("REGGIO NELL'EMILIA"), "Reggio nell'Emilia");
        assert_eq!(title_case("CASTIGLIONE DEL LAGO"), "Castiglione del Lago");
        assert_eq!(title_case("BAHAMA (ISOLE)"), "Bahama (Isole)");
        assert_eq!(title_case("NE'"), "Né");
        assert_eq!(title_case("CITTA' DI CASTELLO"), "Città di Castello");
        assert_eq!(title_case("RHÊMES-SAINT-GEORGES"), "Rhêmes-Saint-Georges");
        // Every name converts without losing letters.
        for place in municipalities().chain(foreign_states()) {
            let shown = place.display_name();
            let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
            assert!(letters(&shown) >= letters(place.name()), "{shown}");
        }
    }
}
