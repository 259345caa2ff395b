//! Integration tests of the flow crate: the sample profile driven event by event, replay, and
//! random event sequences.

mod replay;
mod sample;
mod support;
