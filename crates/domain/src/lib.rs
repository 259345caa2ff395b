//! The shared vocabulary of centralino: validated value types that every other crate speaks.
//!
//! Contract: every type here is parsed, never merely validated ("parse, don't validate"): once a
//! value exists it is valid, and its fields are private where an invariant holds. Nothing here
//! does I/O, spawns tasks or touches a database; the only clock read is
//! [`CenturyRule::current`], which callers may avoid by passing a reference year.
//!
//! Domain types are deliberately not `Serialize`: wire formats belong to the edge crates, rows to
//! `store`.

mod ids;
pub mod keypad;
mod language;
mod money;
mod phone;
mod pii;
pub mod place;
mod service_group;
pub mod tax_code;

pub use ids::{ContactId, IdError, OfficeCode};
pub use language::{Language, LanguageError, TextDirection};
pub use money::{Money, MoneyError};
pub use phone::{MobileNumber, PhoneError};
pub use pii::{Pii, mask};
pub use service_group::{ServiceGroup, ServiceGroupError};
pub use tax_code::{CenturyRule, NumericTaxCode, PersonalTaxCode, Sex, TaxCode, TaxCodeError};
