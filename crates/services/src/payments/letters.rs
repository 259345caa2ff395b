//! The Italian content of the four documents "sent home" (R-SELF-4..7): what they say and the
//! tables they carry; the institute's header, the address and the layout are the renderer's.

use domain::Money;
use jiff::civil::Date;

use super::{
    CertificazioneUnica, Credited, Holder, InsuranceRecord, PaymentsStatement, PensionStatement,
};
use crate::letters::{Cell, LetterContent, LetterTable};

const MONTHS: [&str; 12] = [
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
];

/// `15/03/2026`.
fn it_date(date: Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// `marzo 2026`.
fn it_month(date: Date) -> String {
    let name = usize::try_from(date.month() - 1)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("");
    format!("{name} {}", date.year())
}

fn greeting(holder: &Holder) -> String {
    format!("Gentile {} {},", holder.given_name, holder.surname)
}

fn closing() -> Vec<String> {
    vec![
        "Per ulteriori informazioni può rivolgersi al Contact Center dell'INPS al numero 803 164 \
         (gratuito da rete fissa) o al numero 06 164 164 (da rete mobile, secondo la tariffa del \
         proprio operatore), oppure consultare i servizi online su www.inps.it."
            .to_owned(),
        "Cordiali saluti.".to_owned(),
    ]
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The letter of the payments of the last 12 months (R-SELF-4).
pub fn payments_letter(statement: &PaymentsStatement) -> LetterContent {
    let period = format!(
        "dal {} al {}",
        it_date(statement.from),
        it_date(statement.to)
    );
    let mut rows: Vec<Vec<Cell>> = statement
        .payments
        .iter()
        .map(|p| {
            vec![
                Cell::Date(p.paid_on),
                text(p.source.italian_name()),
                Cell::Amount(p.gross),
                Cell::Amount(p.withheld),
                Cell::Amount(p.net),
                text(p.method.italian_description()),
            ]
        })
        .collect();
    let (gross, withheld, net) = statement.totals();
    rows.push(vec![
        text("Totale"),
        text(""),
        Cell::Amount(gross),
        Cell::Amount(withheld),
        Cell::Amount(net),
        text(""),
    ]);
    LetterContent {
        title: "Prospetto dei pagamenti degli ultimi 12 mesi".to_owned(),
        paragraphs: vec![
            greeting(&statement.holder),
            format!(
                "come da Sua richiesta, Le inviamo il prospetto dei pagamenti disposti dall'INPS \
                 a Suo favore (codice fiscale {}) {period}.",
                statement.holder.tax_code.as_str()
            ),
            "Gli importi sono in euro. Le trattenute comprendono le ritenute fiscali (IRPEF e \
             addizionali regionale e comunale) e le altre trattenute applicate."
                .to_owned(),
        ],
        tables: vec![LetterTable {
            caption: format!("Pagamenti {period}"),
            columns: [
                "Data",
                "Prestazione",
                "Importo lordo",
                "Trattenute",
                "Importo netto",
                "Modalità di pagamento",
            ]
            .map(str::to_owned)
            .to_vec(),
            rows,
        }],
        closing: closing(),
    }
}

/// The letter of the monthly pension statements (R-SELF-5).
pub fn pension_letter(statement: &PensionStatement) -> LetterContent {
    let period = if statement.from_month == statement.to_month {
        format!("del mese di {}", it_month(statement.from_month))
    } else {
        format!(
            "da {} a {}",
            it_month(statement.from_month),
            it_month(statement.to_month)
        )
    };
    let mut paragraphs = vec![
        greeting(&statement.holder),
        format!(
            "come da Sua richiesta, Le inviamo il dettaglio delle rate di pensione {period} \
             (codice fiscale {}).",
            statement.holder.tax_code.as_str()
        ),
    ];
    let mut tables = Vec::new();
    for details in &statement.pensions {
        let p = &details.pension;
        paragraphs.push(format!(
            "Pensione categoria {} ({}) - {}, certificato n. {}, sede {}, con decorrenza dal {}. \
             Modalità di pagamento: {}.",
            p.category.code(),
            p.category.sigla(),
            p.category.italian_name(),
            p.certificate,
            p.office,
            it_date(p.started_on),
            p.method.italian_description()
        ));
        let mut rows: Vec<Vec<Cell>> = details
            .payments
            .iter()
            .map(|r| {
                vec![
                    text(it_month(r.month)),
                    Cell::Date(r.paid_on),
                    Cell::Amount(r.gross),
                    Cell::Amount(r.irpef),
                    Cell::Amount(r.regional_surcharge),
                    Cell::Amount(r.municipal_surcharge),
                    Cell::Amount(r.other_deductions),
                    Cell::Amount(r.net),
                ]
            })
            .collect();
        let sum = |f: fn(&super::PensionPayment) -> Money| {
            details
                .payments
                .iter()
                .fold(Money::ZERO, |acc, r| acc + f(r))
        };
        rows.push(vec![
            text("Totale"),
            text(""),
            Cell::Amount(sum(|r| r.gross)),
            Cell::Amount(sum(|r| r.irpef)),
            Cell::Amount(sum(|r| r.regional_surcharge)),
            Cell::Amount(sum(|r| r.municipal_surcharge)),
            Cell::Amount(sum(|r| r.other_deductions)),
            Cell::Amount(sum(|r| r.net)),
        ]);
        tables.push(LetterTable {
            caption: format!(
                "Pensione cat. {} {} n. {}",
                p.category.code(),
                p.category.sigla(),
                p.certificate
            ),
            columns: [
                "Mese",
                "Data di pagamento",
                "Importo lordo",
                "Ritenuta IRPEF",
                "Addizionale regionale",
                "Addizionale comunale",
                "Altre trattenute",
                "Importo netto",
            ]
            .map(str::to_owned)
            .to_vec(),
            rows,
        });
    }
    paragraphs.push(
        "Gli importi sono in euro. La rata di dicembre comprende la tredicesima mensilità; le \
         pensioni sono pagate il primo giorno bancabile del mese."
            .to_owned(),
    );
    LetterContent {
        title: "Dettaglio dei pagamenti della pensione".to_owned(),
        paragraphs,
        tables,
        closing: closing(),
    }
}

/// The letter with a copy of the Certificazione Unica's data (R-SELF-6).
pub fn cu_letter(cu: &CertificazioneUnica) -> LetterContent {
    let income_year = cu.income_year();
    let mut rows: Vec<Vec<Cell>> = cu
        .lines
        .iter()
        .map(|l| {
            vec![
                text(l.source.italian_name()),
                Cell::Number(i64::from(l.days)),
                Cell::Amount(l.gross),
                Cell::Amount(l.irpef),
                Cell::Amount(l.regional_surcharge),
                Cell::Amount(l.municipal_surcharge),
            ]
        })
        .collect();
    let (gross, irpef, regional, municipal) = cu.totals();
    rows.push(vec![
        text("Totale"),
        text(""),
        Cell::Amount(gross),
        Cell::Amount(irpef),
        Cell::Amount(regional),
        Cell::Amount(municipal),
    ]);
    LetterContent {
        title: format!("Certificazione Unica {} - redditi {income_year}", cu.year),
        paragraphs: vec![
            greeting(&cu.holder),
            format!(
                "come da Sua richiesta, Le inviamo copia dei dati della Certificazione Unica {} \
                 rilasciata dall'INPS, in qualità di sostituto d'imposta, il {} (codice fiscale \
                 {}): le somme erogate nell'anno {income_year} e le ritenute operate.",
                cu.year,
                it_date(cu.issued_on),
                cu.holder.tax_code.as_str()
            ),
            "Il modello completo si può scaricare anche dal servizio online \"Certificazione \
             Unica\" su www.inps.it, accedendo con SPID, CIE o CNS, oppure chiedere presso gli \
             sportelli dell'Istituto, i CAF e i patronati."
                .to_owned(),
        ],
        tables: vec![LetterTable {
            caption: format!("Somme erogate e ritenute operate nell'anno {income_year}"),
            columns: [
                "Prestazione",
                "Giorni",
                "Somme erogate",
                "Ritenute IRPEF",
                "Addizionale regionale",
                "Addizionale comunale",
            ]
            .map(str::to_owned)
            .to_vec(),
            rows,
        }],
        closing: closing(),
    }
}

/// The letter with the insurance record (R-SELF-7).
pub fn insurance_record_letter(record: &InsuranceRecord) -> LetterContent {
    let credited = |c: Credited| match c {
        Credited::Weeks(w) => (Cell::Number(i64::from(w)), text("-")),
        Credited::Months(m) => (text("-"), Cell::Number(i64::from(m))),
    };
    let periods: Vec<Vec<Cell>> = record
        .periods
        .iter()
        .map(|p| {
            let (weeks, months) = credited(p.credited);
            vec![
                text(p.fund.italian_name()),
                Cell::Date(p.from),
                Cell::Date(p.to),
                text(p.kind.italian_name()),
                weeks,
                months,
                Cell::Amount(p.pay),
                text(p.reference.clone().unwrap_or_default()),
            ]
        })
        .collect();
    let totals: Vec<Vec<Cell>> = record
        .totals_by_fund()
        .into_iter()
        .map(|t| {
            vec![
                text(t.fund.italian_name()),
                Cell::Number(i64::from(t.weeks)),
                Cell::Number(i64::from(t.months)),
                Cell::Amount(t.pay),
            ]
        })
        .collect();
    LetterContent {
        title: "Estratto conto contributivo".to_owned(),
        paragraphs: vec![
            greeting(&record.holder),
            format!(
                "come da Sua richiesta, Le inviamo l'estratto conto dei contributi registrati a \
                 Suo nome (codice fiscale {}) nelle gestioni dell'INPS, aggiornato al {}.",
                record.holder.tax_code.as_str(),
                it_date(record.as_of)
            ),
            "L'estratto conto ha valore informativo e non certificativo. Se un periodo manca o è \
             errato può inviare una segnalazione contributiva dal servizio online \"Estratto \
             conto\" su www.inps.it; i dipendenti pubblici possono chiedere la variazione della \
             posizione assicurativa (RVPA)."
                .to_owned(),
        ],
        tables: vec![
            LetterTable {
                caption: "Periodi contributivi".to_owned(),
                columns: [
                    "Gestione",
                    "Dal",
                    "Al",
                    "Contribuzione",
                    "Settimane",
                    "Mesi",
                    "Retribuzione o reddito",
                    "Datore di lavoro o causale",
                ]
                .map(str::to_owned)
                .to_vec(),
                rows: periods,
            },
            LetterTable {
                caption: "Riepilogo per gestione".to_owned(),
                columns: ["Gestione", "Settimane", "Mesi", "Retribuzione o reddito"]
                    .map(str::to_owned)
                    .to_vec(),
                rows: totals,
            },
        ],
        closing: closing(),
    }
}
