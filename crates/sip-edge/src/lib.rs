//! sip-edge: calls from SIP phones and trunks, as call legs a host can drive.
//!
//! # Contract
//!
//! [`SipEdge::start`] binds UDP and TCP on one address and answers SIP there (through
//! rsipstack, pinned; none of its types leave this crate). The host says which numbers it
//! serves ([`SipConfig`], a predicate on the Request-URI user) and receives each answered call
//! as a [`SipCall`] from [`IncomingCalls`]:
//!
//! ```text
//! let (edge, mut calls) = SipEdge::start(config, |dialled| entry_points.serves(dialled)).await?;
//! while let Some(call) = calls.next().await {            // after 200 OK and the ACK
//!     spawn(async move {
//!         call.play(id, samples);                          // 8 kHz PCM, sent as G.711 RTP
//!         match call.next_event().await { … }              // keys, prompt ends, hang-up
//!         call.hang_up();                                  // BYE (also on drop)
//!     });
//! }
//! edge.shutdown().await;                                   // BYE to every call, sockets closed
//! ```
//!
//! What the edge answers by itself:
//! - a new INVITE: `404` for a number the host does not serve, `503` with `Retry-After` when
//!   new calls come faster than the set-up rate ([`RateLimit`], a token bucket), `486` at the
//!   call limit, `503` while shutting down, `488` for an offer without PCMU/PCMA audio; else
//!   `100 Trying`, `180 Ringing` and `200 OK` with the SDP answer ([`sdp`]); the call reaches
//!   the host when the ACK arrives (a caller who never ACKs never reaches it: the 200 OK is
//!   retransmitted and after 64·T1 the dialog ends with a BYE);
//! - CANCEL before the answer (`487` to the INVITE), BYE either way, OPTIONS (in and out of a
//!   dialog), re-INVITE (hold and resume: the answer mirrors the direction, media follows the
//!   new address), INFO with DTMF ([`info`]);
//! - REGISTER: the registrar's answers ([`registrar`]) when the edge was started with
//!   [`SipEdge::start_with_agent_phones`], else `405`;
//! - other methods: `405` or `501`; requests for unknown dialogs: `481`; an INVITE whose body
//!   is typed as something other than SDP: `415`;
//! - malformed messages: the transport guard (module `guard`, in front of rsipstack)
//!   answers what can be answered (`400` for missing, repeated or unreadable mandatory
//!   headers, `505` for another SIP version, `501` for an unknown method, `416` for a non-SIP
//!   Request-URI, `513` for a datagram over 8 KiB) and drops the rest (RFC 3261 §18.3);
//!   over TCP, what rsipstack cannot frame or parse closes the connection. Both are counted
//!   ([`SipStats`]).
//!
//! Agent phones ([`SipEdge::start_with_agent_phones`]): phones REGISTER their extension with
//! digest authentication ([`digest`]; the host supplies each extension's HA1 through an
//! [`AgentDirectory`], the edge stores no passwords); [`SipEdge::registrations`] and
//! [`SipEdge::is_registered`] show the live bindings. [`SipEdge::call_agent`] INVITEs an
//! extension's registered contact and returns the answered leg as a [`SipCall`] (or a
//! [`CallAgentError`] naming what happened: busy, declined, no answer and cancelled, …);
//! [`bridge`] relays two calls' audio until one hangs up and says which, leaving the other up:
//!
//! ```text
//! let mut agent = edge.call_agent("1001", &AgentCallOptions::default()).await?;
//! match bridge(&mut caller, &mut agent).await {
//!     BridgeEnd::SecondHungUp => { /* the agent hung up: the caller goes on (survey) */ }
//!     BridgeEnd::FirstHungUp => agent.hang_up(),
//! }
//! ```
//!
//! Media is the `media` crate's: one [`media::MediaEngine`] (one 20 ms ticker for all calls),
//! one RTP socket per call, RFC 4733 DTMF on every negotiated telephone-event payload type,
//! symmetric RTP. Incoming and agent legs share the engine, so any two can be bridged.
//!
//! # Invariants
//!
//! - Network input never panics: bad SIP is dropped or answered, bad SDP is a 488, bad RTP is
//!   counted by the media session.
//! - One task per call owns its dialog and media; the edge's loop only routes transactions and
//!   dialog states to them. A call ends (BYE sent or received, media closed) exactly once.
//! - Callers' numbers reach the log only masked.

mod agents;
mod call;
pub mod digest;
mod edge;
mod guard;
pub mod info;
mod rate;
pub mod registrar;
pub mod sdp;
mod transport;

pub use agents::{
    AgentCallOptions, AgentDirectory, AgentPhones, BridgeEnd, CallAgentError, LookupError,
    LookupFuture, bridge,
};
pub use call::{CallEvent, DtmfVia, SipCall};
pub use digest::Ha1;
pub use edge::{
    DEFAULT_SETUP_RATE, IncomingCalls, SipConfig, SipEdge, SipError, SipMonitor, SipStats,
};
pub use rate::RateLimit;
pub use registrar::{DEFAULT_REALM, RegistrarConfig, Registration};
