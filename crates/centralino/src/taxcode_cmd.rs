//! `centralino taxcode`: bulk tax-code checking, one JSON object a line.
//!
//! Output fields, exactly: `input`, `valid`, `normalized`, `error`, `birth_date`, `sex`,
//! `place_code`, `omocode`. An invalid code is data (`valid: false` with the reason), not a
//! failure of the command: the exit status is 0 once every line was answered.

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use domain::{CenturyRule, TaxCode};
use serde::Serialize;

#[derive(Serialize)]
struct Verdict<'a> {
    input: &'a str,
    valid: bool,
    normalized: Option<String>,
    error: Option<String>,
    birth_date: Option<String>,
    sex: Option<&'static str>,
    place_code: Option<String>,
    omocode: bool,
}

fn verdict(input: &str, rule: CenturyRule) -> Verdict<'_> {
    match TaxCode::parse_with(input, rule) {
        Ok(code) => {
            let personal = match &code {
                TaxCode::Personal(p) => Some(p),
                TaxCode::Numeric(_) => None,
            };
            Verdict {
                input,
                valid: true,
                normalized: Some(code.as_str().to_owned()),
                error: None,
                birth_date: personal.map(|p| p.birth_date().to_string()),
                sex: personal.map(|p| p.sex().code()),
                place_code: personal.map(|p| p.place_code().to_owned()),
                omocode: personal.is_some_and(|p| p.is_omocode()),
            }
        }
        Err(e) => Verdict {
            input,
            valid: false,
            normalized: None,
            error: Some(e.to_string()),
            birth_date: None,
            sex: None,
            place_code: None,
            omocode: false,
        },
    }
}

pub(crate) fn run(codes: &[String]) -> anyhow::Result<ExitCode> {
    let rule = CenturyRule::current();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut write = |input: &str| -> anyhow::Result<()> {
        serde_json::to_writer(&mut out, &verdict(input, rule))?;
        out.write_all(b"\n")?;
        Ok(())
    };
    if codes.is_empty() {
        let stdin = std::io::stdin();
        let mut line = String::new();
        let mut input = stdin.lock();
        loop {
            line.clear();
            if input.read_line(&mut line)? == 0 {
                break;
            }
            write(line.trim_end_matches(['\n', '\r']))?;
        }
    } else {
        for code in codes {
            write(code)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(input: &str) -> serde_json::Value {
        serde_json::to_value(verdict(input, CenturyRule::with_reference_year(2026))).unwrap()
    }

    #[test]
    fn a_valid_code_has_every_field() {
        assert_eq!(
            json("rssmra80a01h501u"),
            serde_json::json!({
                "input": "rssmra80a01h501u", "valid": true, "normalized": "RSSMRA80A01H501U",
                "error": null, "birth_date": "1980-01-01", "sex": "M", "place_code": "H501",
                "omocode": false
            })
        );
        assert_eq!(json("RSSMRA80A01H50MM")["omocode"], true);
        assert_eq!(json("07973780013")["birth_date"], serde_json::Value::Null);
    }

    #[test]
    fn an_invalid_code_says_why() {
        let v = json("RSSMRA80A01H501X");
        assert_eq!(v["valid"], false);
        assert_eq!(v["normalized"], serde_json::Value::Null);
        assert!(v["error"].as_str().unwrap().contains("'U'"), "{v}");
    }
}
