//! call-control: the glue that runs one contact — a call leg, the IVR interpreter, the back
//! office — from the dialled number to the end of the call.
//!
//! # Layout
//!
//! - [`entry`]: a dialled number → the flow to start and its input variables
//!   ([`entry::EntryPoint`], [`entry::resolve`]); the binary fills the entry points from the
//!   profile.
//! - [`ops`]: the operations flows invoke, exactly the table of `docs/OPERATIONS.md`
//!   ([`ops::OPERATIONS`], [`ops::Operations`] for `flow::validate`), executed over `services`
//!   ([`ops::execute`]) with typed results.
//! - [`contact`]: the per-contact driver ([`ContactDriver`]): steps the pure
//!   [`flow::Contact`], performs operations, survey answers and the contact's record in the
//!   store itself, and returns what the leg must do ([`Output`]).
//! - [`render`]: prompts to text ([`PromptRenderer`]), before the leg turns text into sound.
//! - [`check`]: what `flow check` adds to `flow::validate` (entry points, survey questions).
//! - [`sim`]: a simulated leg with a scripted caller and a simulated clock, for the terminal
//!   softphone and the tests.
//!
//! # Contract
//!
//! A host drives a contact like this:
//!
//! ```text
//! let entry = entry::resolve(&entry_points, dialled)?;            // unknown → UnknownNumber
//! let (mut driver, outputs) = ContactDriver::start(office, flows, renderer, &setup, now).await?;
//! perform(outputs);                                               // play, timers, enqueue
//! while !driver.is_ended() {
//!     let event = next_leg_event().await;                         // key, speech, end of a
//!     perform(driver.handle(event, now).await);                   // prompt, timer, hang-up
//! }
//! ```
//!
//! Everything the flow asks of the back office happens inside `handle`, in order, so the leg
//! sees only leg actions. Time is always an argument: nothing here reads the clock, so a
//! simulated clock ([`sim`]) gives the same call every time.
//!
//! # Invariants
//!
//! - Every contact started is recorded (`contacts`), and ended in the store when it ends,
//!   whoever ends it; a survey answer is stored before the next prompt is played.
//! - An operation never fails the call: every failure is an outcome (`error` at worst).
//! - Personal data reaches the log only masked (`Pii`); keys typed are never logged.

pub mod check;
pub mod contact;
pub mod entry;
pub mod ops;
pub mod render;
pub mod sim;

pub use contact::{CallError, CallSetup, ContactDriver, Output};
pub use entry::{EntryChannel, EntryPoint, UnknownNumber};
pub use ops::{BackOffice, Operations};
pub use render::{CatalogPrompts, PlainRenderer, PromptRenderer, RenderedPrompt};

#[cfg(test)]
mod testing;
