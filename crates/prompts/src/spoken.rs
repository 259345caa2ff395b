//! Spoken forms of values, per language: what a prompt says for a tax code, a DOMUS number, a
//! request id, a date, an amount of euro or a number.
//!
//! These are pure functions from a value to text that a speech engine reads correctly in the
//! given language. They feed Fluent arguments (see [`crate::Args`]), so a message written as
//! `L'importo è { $amount }.` says "491 euro e 40 centesimi" in Italian and "491 Euro und
//! 40 Cent" in German.
//!
//! Conventions, chosen by listening to espeak-ng and checking its phonemes (`espeak-ng -x`):
//! - Numbers stay in digits ("491"): every engine reads digit strings as numbers in its own
//!   language, including plural agreement of the following noun where it has to choose.
//!   Thousands separators are never written (espeak reads "12 491" as 12491 in some languages).
//! - Codes are spelled one character at a time: letters by their name in the language ("erre",
//!   "Zeh", "i griega", "эр"), digits one by one, separated by commas so that the engine pauses
//!   and does not read "80" as eighty, and groups separated by semicolons (a longer pause).
//!   English keeps the capital letter itself: English voices read a lone capital as its name,
//!   while written names ("why", "you") are less reliable. Arabic uses the Arabic comma and
//!   semicolon and the names of Latin letters as Arabic speakers say them.
//! - The word "one" is written out where the language inflects it ("un euro", "jeden cent"),
//!   because engines otherwise say the bare numeral ("uno euro").

use domain::{Language, Money, TaxCode};
use jiff::civil::Date;

/// Characters that separate groups in a code (`LI-2026-00000042`, `INPS.0100.15/03/2026`):
/// they are not spoken, they become a longer pause.
const GROUP_SEPARATORS: [char; 6] = [' ', '-', '.', '/', '_', ':'];

/// The name of an ASCII letter in `lang`, as a caller spelling a code would say it.
///
/// `None` for characters that are not ASCII letters. English returns the capital letter itself
/// (see the module documentation).
pub fn letter_name(lang: Language, c: char) -> Option<&'static str> {
    if !c.is_ascii_alphabetic() {
        return None;
    }
    let index = usize::from(c.to_ascii_uppercase() as u8 - b'A');
    let table: &[&'static str; 26] = match lang {
        Language::Italian => &[
            "a",
            "bi",
            "ci",
            "di",
            "e",
            "effe",
            "gi",
            "acca",
            "i",
            "i lunga",
            "cappa",
            "elle",
            "emme",
            "enne",
            "o",
            "pi",
            "cu",
            "erre",
            "esse",
            "ti",
            "u",
            "vu",
            "doppia vu",
            "ics",
            "ipsilon",
            "zeta",
        ],
        Language::German => &[
            "a", "be", "Zeh", "de", "e", "ef", "ge", "ha", "i", "jot", "ka", "el", "em", "en", "o",
            "pe", "ku", "er", "es", "te", "u", "vau", "we", "iks", "ypsilon", "zett",
        ],
        Language::English => &[
            "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q",
            "R", "S", "T", "U", "V", "W", "X", "Y", "Z",
        ],
        Language::French => &[
            "a",
            "bé",
            "cé",
            "dé",
            "e",
            "effe",
            "gé",
            "hache",
            "i",
            "ji",
            "ka",
            "elle",
            "emme",
            "enne",
            "o",
            "pé",
            "ku",
            "erre",
            "esse",
            "té",
            "u",
            "vé",
            "double vé",
            "ixe",
            "i grec",
            "zède",
        ],
        Language::Arabic => &[
            "إيه",
            "بي",
            "سي",
            "دي",
            "إي",
            "إف",
            "جي",
            "إتش",
            "آي",
            "جيه",
            "كيه",
            "إل",
            "إم",
            "إن",
            "أو",
            "پي",
            "كيو",
            "آر",
            "إس",
            "تي",
            "يو",
            "في",
            "دبليو",
            "إكس",
            "واي",
            "زِد",
        ],
        Language::Polish => &[
            "a", "be", "ce", "de", "e", "ef", "gie", "ha", "i", "jot", "ka", "el", "em", "en", "o",
            "pe", "ku", "er", "es", "te", "u", "fał", "wu", "iks", "igrek", "zet",
        ],
        Language::Spanish => &[
            "a",
            "be",
            "ce",
            "de",
            "e",
            "efe",
            "ge",
            "hache",
            "i",
            "jota",
            "ka",
            "ele",
            "eme",
            "ene",
            "o",
            "pe",
            "cu",
            "erre",
            "ese",
            "te",
            "u",
            "uve",
            "uve doble",
            "equis",
            "i griega",
            "zeta",
        ],
        Language::Russian => &[
            "а",
            "бэ",
            "цэ",
            "дэ",
            "е",
            "эф",
            "гэ",
            "аш",
            "и",
            "йот",
            "ка",
            "эль",
            "эм",
            "эн",
            "о",
            "пэ",
            "ку",
            "эр",
            "эс",
            "тэ",
            "у",
            "вэ",
            "дубль-вэ",
            "икс",
            "игрек",
            "зэт",
        ],
    };
    Some(table[index])
}

/// The comma between spelled characters and the semicolon between groups, per script.
fn separators(lang: Language) -> (&'static str, &'static str) {
    match lang {
        Language::Arabic => ("، ", "؛ "),
        _ => (", ", "; "),
    }
}

/// Spells `text` one character at a time: letters by name, digits one by one.
///
/// Spaces and the punctuation `- . / _ :` split the text into groups, said with a longer pause
/// and not spoken themselves. Other characters (accented letters, say) are kept as they are.
///
/// `spell(Italian, "LI-2026")` = `"elle, i; 2, 0, 2, 6"`.
pub fn spell(lang: Language, text: &str) -> String {
    let groups: Vec<Vec<char>> = text
        .split(GROUP_SEPARATORS)
        .filter(|g| !g.is_empty())
        .map(|g| g.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    join_groups(lang, &groups)
}

/// Spells `text` (separators as in [`spell`] are dropped) in groups of the given sizes:
/// `spell_grouped(lang, "9153000557739", &[4, 4])` says 9153; 0005; 57739. Characters left
/// after the listed sizes form a last group.
pub fn spell_grouped(lang: Language, text: &str, sizes: &[usize]) -> String {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !GROUP_SEPARATORS.contains(c) && !c.is_whitespace())
        .collect();
    let mut groups = Vec::new();
    let mut rest = chars.as_slice();
    for &size in sizes {
        if rest.is_empty() {
            break;
        }
        let (head, tail) = rest.split_at(size.min(rest.len()));
        if !head.is_empty() {
            groups.push(head.to_vec());
        }
        rest = tail;
    }
    if !rest.is_empty() {
        groups.push(rest.to_vec());
    }
    join_groups(lang, &groups)
}

fn join_groups(lang: Language, groups: &[Vec<char>]) -> String {
    let (comma, semicolon) = separators(lang);
    groups
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|&c| spoken_char(lang, c))
                .collect::<Vec<_>>()
                .join(comma)
        })
        .collect::<Vec<_>>()
        .join(semicolon)
}

fn spoken_char(lang: Language, c: char) -> String {
    match letter_name(lang, c) {
        Some(name) => name.to_owned(),
        None => c.to_uppercase().collect(),
    }
}

/// A tax code, spelled in the groups people read it in: surname, name, birth date and sex,
/// place and check character (`RSS MRA 80A01 H501U`); an 11-digit numeric code as 3-4-4.
pub fn tax_code(lang: Language, code: &TaxCode) -> String {
    match code {
        TaxCode::Personal(_) => spell_grouped(lang, code.as_str(), &[3, 3, 5, 5]),
        TaxCode::Numeric(_) => spell_grouped(lang, code.as_str(), &[3, 4, 4]),
    }
}

/// A DOMUS application number: 13 digits said as 4-4-5 (`9153 0005 57739`), as it is printed.
/// Any other text is spelled as it comes.
pub fn domus_number(lang: Language, number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 13 && digits.iter().all(char::is_ascii_digit) {
        spell_grouped(lang, number, &[4, 4, 5])
    } else {
        spell(lang, number)
    }
}

/// A request id such as `LI-2026-00000042` or a protocol number `INPS.0100.15/03/2026.0001234`:
/// spelled, with its own punctuation as the group pauses.
pub fn request_id(lang: Language, id: &str) -> String {
    spell(lang, id)
}

/// The word for "minus" before a negative amount or number.
fn minus(lang: Language) -> &'static str {
    match lang {
        Language::Italian => "meno",
        Language::German => "minus",
        Language::English => "minus",
        Language::French => "moins",
        Language::Arabic => "سالب",
        Language::Polish => "minus",
        Language::Spanish => "menos",
        Language::Russian => "минус",
    }
}

/// A whole number in digits, with the language's word for minus when negative.
pub fn number(lang: Language, n: i64) -> String {
    if n < 0 {
        format!("{} {}", minus(lang), n.unsigned_abs())
    } else {
        n.to_string()
    }
}

/// A decimal number given as `units` × 10^-`scale` (`decimal(it, 1205, 2)` = 12.05), said with
/// the language's word for the decimal point and the decimals one by one:
/// "12 virgola 0 5", "12 Komma 0 5", "12 point 0 5". `scale` is capped at 18.
pub fn decimal(lang: Language, units: i64, scale: u32) -> String {
    let scale = scale.min(18);
    if scale == 0 {
        return number(lang, units);
    }
    let divisor = 10u64.pow(scale);
    let abs = units.unsigned_abs();
    let whole = abs / divisor;
    let fraction = format!("{:0width$}", abs % divisor, width = scale as usize);
    let point = match lang {
        Language::Italian => "virgola",
        Language::German => "Komma",
        Language::English => "point",
        Language::French => "virgule",
        Language::Arabic => "فاصلة",
        Language::Polish => "przecinek",
        Language::Spanish => "coma",
        Language::Russian => "запятая",
    };
    let digits: Vec<String> = fraction.chars().map(String::from).collect();
    let sign = if units < 0 {
        format!("{} ", minus(lang))
    } else {
        String::new()
    };
    format!("{sign}{whole} {point} {}", digits.join(" "))
}

/// Slavic plural class of a count: one, few (2–4 except 12–14) or many.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SlavicForm {
    One,
    Few,
    Many,
}

fn slavic_form(n: u64) -> SlavicForm {
    let (last, last_two) = (n % 10, n % 100);
    if last == 1 && last_two != 11 {
        SlavicForm::One
    } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
        SlavicForm::Few
    } else {
        SlavicForm::Many
    }
}

fn euros(lang: Language, n: u64) -> String {
    match (lang, n) {
        (Language::Italian, 1) => "un euro".to_owned(),
        (Language::Italian, _) => format!("{n} euro"),
        (Language::German, 1) => "ein Euro".to_owned(),
        (Language::German, _) => format!("{n} Euro"),
        (Language::English, 1) => "one euro".to_owned(),
        (Language::English, _) => format!("{n} euros"),
        (Language::French, 1) => "un euro".to_owned(),
        // French: zero takes the singular.
        (Language::French, 0) => "0 euro".to_owned(),
        (Language::French, _) => format!("{n} euros"),
        (Language::Arabic, 1) => "يورو واحد".to_owned(),
        (Language::Arabic, 2) => "يوروان".to_owned(),
        (Language::Arabic, _) => format!("{n} يورو"),
        (Language::Polish, 1) => "jedno euro".to_owned(),
        (Language::Polish, _) => format!("{n} euro"),
        (Language::Spanish, 1) => "un euro".to_owned(),
        (Language::Spanish, _) => format!("{n} euros"),
        (Language::Russian, 1) => "один евро".to_owned(),
        (Language::Russian, _) => format!("{n} евро"),
    }
}

fn cents(lang: Language, n: u64) -> String {
    match (lang, n) {
        (Language::Italian, 1) => "un centesimo".to_owned(),
        (Language::Italian, _) => format!("{n} centesimi"),
        (Language::German, 1) => "ein Cent".to_owned(),
        (Language::German, _) => format!("{n} Cent"),
        (Language::English, 1) => "one cent".to_owned(),
        (Language::English, _) => format!("{n} cents"),
        (Language::French, 1) => "un centime".to_owned(),
        (Language::French, _) => format!("{n} centimes"),
        (Language::Arabic, 1) => "سنت واحد".to_owned(),
        (Language::Arabic, 2) => "سنتان".to_owned(),
        (Language::Arabic, 3..=10) => format!("{n} سنتات"),
        (Language::Arabic, _) => format!("{n} سنتًا"),
        (Language::Polish, 1) => "jeden cent".to_owned(),
        (Language::Polish, _) => match slavic_form(n) {
            SlavicForm::One | SlavicForm::Many => format!("{n} centów"),
            SlavicForm::Few => format!("{n} centy"),
        },
        (Language::Spanish, 1) => "un céntimo".to_owned(),
        (Language::Spanish, _) => format!("{n} céntimos"),
        (Language::Russian, 1) => "один цент".to_owned(),
        (Language::Russian, _) => match slavic_form(n) {
            SlavicForm::One => format!("{n} цент"),
            SlavicForm::Few => format!("{n} цента"),
            SlavicForm::Many => format!("{n} центов"),
        },
    }
}

/// An amount of euro as it is said: "491 euro e 40 centesimi", "491 Euro und 40 Cent",
/// "491 euros and 40 cents", "491 euros et 40 centimes", "491 يورو و40 سنتًا",
/// "491 euro i 40 centów", "491 euros con 40 céntimos", "491 евро и 40 центов".
/// Whole amounts leave the cents out; amounts under one euro say only the cents.
pub fn money(lang: Language, amount: Money) -> String {
    let cents_total = amount.cents();
    let abs = cents_total.unsigned_abs();
    let (e, c) = (abs / 100, abs % 100);
    let conjunction = match lang {
        Language::Italian => " e ",
        Language::German => " und ",
        Language::English => " and ",
        Language::French => " et ",
        // The Arabic "and" is written joined to the word that follows.
        Language::Arabic => " و",
        Language::Polish => " i ",
        Language::Spanish => " con ",
        Language::Russian => " и ",
    };
    let body = match (e, c) {
        (_, 0) => euros(lang, e),
        (0, _) => cents(lang, c),
        _ => format!("{}{conjunction}{}", euros(lang, e), cents(lang, c)),
    };
    if cents_total < 0 {
        format!("{} {body}", minus(lang))
    } else {
        body
    }
}

/// Month names, January first: in the case a date uses (genitive in Polish and Russian).
fn month_name(lang: Language, month: i8) -> &'static str {
    let names: [&'static str; 12] = match lang {
        Language::Italian => [
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
        Language::German => [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        Language::English => [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        Language::French => [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        Language::Arabic => [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ],
        Language::Polish => [
            "stycznia",
            "lutego",
            "marca",
            "kwietnia",
            "maja",
            "czerwca",
            "lipca",
            "sierpnia",
            "września",
            "października",
            "listopada",
            "grudnia",
        ],
        Language::Spanish => [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        Language::Russian => [
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ],
    };
    // jiff guarantees 1..=12.
    names[usize::from(month.clamp(1, 12).unsigned_abs()) - 1]
}

/// A date as the language says it: "12 gennaio 2026" ("primo gennaio 2026" on the first),
/// "12. Januar 2026", "12 January 2026" (British, like the voice), "12 janvier 2026"
/// ("1er janvier 2026"), "12 يناير 2026", "12 stycznia 2026", "12 de enero de 2026",
/// "12 января 2026".
pub fn date(lang: Language, date: Date) -> String {
    let (d, m, y) = (date.day(), month_name(lang, date.month()), date.year());
    match lang {
        Language::Italian if d == 1 => format!("primo {m} {y}"),
        Language::Italian => format!("{d} {m} {y}"),
        Language::German => format!("{d}. {m} {y}"),
        Language::French if d == 1 => format!("1er {m} {y}"),
        Language::Spanish => format!("{d} de {m} de {y}"),
        Language::English
        | Language::French
        | Language::Arabic
        | Language::Polish
        | Language::Russian => format!("{d} {m} {y}"),
    }
}

#[cfg(test)]
mod tests;
