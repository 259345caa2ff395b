//! The institute's back office: the operations behind every channel (phone, WebCall, portal,
//! agents).
//!
//! Contract: every operation takes the store and `now` (and, where it matters, a random source)
//! as inputs; nothing here reads the clock or the environment. An operation that writes does so
//! in one transaction, so a failure leaves nothing half-written, and it records the audit event
//! in that same transaction. Look-ups never reveal that a number belongs to someone else: a
//! number that is not the caller's is "not found", exactly like a number that does not exist.
//!
//! Every error type implements [`ServiceFailure`], which gives the web layer a stable error code
//! and the kind of failure without knowing the module.

mod error;

pub mod applications;
pub mod appointments;
pub mod documents;
pub mod domestic;
pub mod letters;
pub mod linea;
pub mod outbox;
pub mod payments;
pub mod pins;
pub mod surveys;

pub use error::{ErrorKind, ServiceFailure};
