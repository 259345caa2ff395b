//! The router's vocabulary with its host: [`Input`]s in, [`Decision`]s out, the typed
//! [`RoutingError`] for inputs that make no sense, and the read-only views of agents and contacts.

use std::fmt;
use std::time::Duration;

use domain::{ContactId, Language, ServiceGroup};

use crate::config::{Proficiency, QueueKey};
use crate::time::Millis;

/// An agent, as the host numbers them (staff id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgentId(pub u32);

impl fmt::Display for AgentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "agent {}", self.0)
    }
}

/// Why an agent is not ready.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NotReadyReason {
    /// Just logged in and not yet ready.
    LoggedIn,
    /// Put not ready by the router after `max_missed_offers` offers missed in a row.
    MissedOffers,
    /// A reason the agent or a supervisor chose (break, training, back office, …).
    Other(String),
}

impl fmt::Display for NotReadyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotReadyReason::LoggedIn => f.write_str("logged in"),
            NotReadyReason::MissedOffers => f.write_str("missed offers"),
            NotReadyReason::Other(r) => f.write_str(r),
        }
    }
}

/// Something that happened, told to [`crate::Router::handle`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// The agent logged in (not ready, reason `LoggedIn`). Skills: service groups with
    /// proficiency, each group once; at least one skill and one language.
    AgentLoggedIn {
        agent: AgentId,
        skills: Vec<(ServiceGroup, Proficiency)>,
        languages: Vec<Language>,
    },
    /// The agent is ready for contacts (also ends after-call work early).
    AgentReady { agent: AgentId },
    /// The agent is not ready. While an offer rings it is withdrawn; during a call the agent
    /// goes not ready after the call's wrap-up; during wrap-up at once.
    AgentNotReady {
        agent: AgentId,
        reason: NotReadyReason,
    },
    /// The agent logged out, from any state: a ringing offer is withdrawn (the contact keeps
    /// its place), a call in progress counts as ended now. Logging out twice is harmless.
    AgentLoggedOut { agent: AgentId },
    /// A contact wants an agent of `group` speaking `language`. Higher `priority` first.
    /// `accepts_italian`: the caller agreed to be served in Italian if relaxation allows.
    ContactArrived {
        contact: ContactId,
        group: ServiceGroup,
        language: Language,
        priority: u8,
        accepts_italian: bool,
    },
    /// The caller hung up before being connected (waiting, or while being offered), or
    /// cancelled a queued callback.
    ContactAbandoned { contact: ContactId },
    /// The agent accepted the offer (answered the phone).
    OfferAccepted { agent: AgentId, contact: ContactId },
    /// The agent declined the offer; the contact keeps its place.
    OfferDeclined { agent: AgentId, contact: ContactId },
    /// The conversation with a connected contact is over (either side hung up, or a callback
    /// attempt ended); the agent goes to after-call work.
    CallEnded { contact: ContactId },
    /// The agent finished after-call work.
    WrapUpDone { agent: AgentId },
    /// The waiting caller hangs up and keeps their place; at their turn an agent is reserved
    /// with [`Decision::CallBack`].
    CallbackRequested { contact: ContactId },
    /// Time passed; due timers (offer timeouts, wrap-up ends, relaxation) fire.
    Tick,
}

/// Why an offer was taken back from an agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WithdrawReason {
    /// Nobody answered within the offer timeout.
    TimedOut,
    /// The caller hung up while the agent's phone rang.
    ContactAbandoned,
    /// The agent went not ready while the phone rang.
    AgentNotReady,
    /// The agent logged out while the phone rang.
    AgentLoggedOut,
}

/// What the host must do, returned by [`crate::Router::handle`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Ring the agent with this waiting caller; answer with `OfferAccepted` or `OfferDeclined`
    /// (or nothing: the router withdraws it after the offer timeout).
    Offer {
        agent: AgentId,
        contact: ContactId,
        queue: QueueKey,
    },
    /// It is this callback's turn: the agent is reserved as for an offer; on `OfferAccepted`
    /// the host calls the citizen back from the agent's line.
    CallBack {
        agent: AgentId,
        contact: ContactId,
        queue: QueueKey,
    },
    /// Stop ringing: the offer is void. The contact (if still there) is waiting again at its
    /// place.
    OfferWithdrawn {
        agent: AgentId,
        contact: ContactId,
        reason: WithdrawReason,
    },
    /// The router made the agent not ready (missed offers, or a not-ready requested during a
    /// call that applies now that its wrap-up ended).
    AgentNotReady {
        agent: AgentId,
        reason: NotReadyReason,
    },
    /// After-call work timed out: the agent is ready.
    AgentReady { agent: AgentId },
}

/// An agent's state, without its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AgentStateKind {
    Offline,
    NotReady,
    Ready,
    Reserved,
    Busy,
    AfterCallWork,
}

impl fmt::Display for AgentStateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AgentStateKind::Offline => "offline",
            AgentStateKind::NotReady => "not ready",
            AgentStateKind::Ready => "ready",
            AgentStateKind::Reserved => "reserved",
            AgentStateKind::Busy => "busy",
            AgentStateKind::AfterCallWork => "in after-call work",
        })
    }
}

/// A contact's state, without its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContactStateKind {
    Waiting,
    WaitingCallback,
    Offered,
    Connected,
}

impl fmt::Display for ContactStateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ContactStateKind::Waiting => "waiting",
            ContactStateKind::WaitingCallback => "waiting for a callback",
            ContactStateKind::Offered => "offered",
            ContactStateKind::Connected => "connected",
        })
    }
}

/// An input the router refused; the router is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoutingError {
    #[error("{0} is not known (never logged in)")]
    UnknownAgent(AgentId),
    #[error("{0} is already logged in")]
    AlreadyLoggedIn(AgentId),
    #[error("{0} has no skills")]
    NoSkills(AgentId),
    #[error("{0} speaks no language")]
    NoLanguages(AgentId),
    #[error("{agent} lists service group {group} twice")]
    DuplicateSkill { agent: AgentId, group: ServiceGroup },
    #[error("{agent} cannot {action} while {state}")]
    AgentState {
        agent: AgentId,
        state: AgentStateKind,
        action: &'static str,
    },
    #[error("contact {0} is not being routed")]
    UnknownContact(ContactId),
    #[error("contact {0} is already being routed")]
    DuplicateContact(ContactId),
    #[error("there is no queue for {0}")]
    UnknownQueue(QueueKey),
    #[error("contact {contact} cannot {action} while {state}")]
    ContactState {
        contact: ContactId,
        state: ContactStateKind,
        action: &'static str,
    },
    #[error("{agent} has no offer of contact {contact}")]
    NoSuchOffer { agent: AgentId, contact: ContactId },
}

/// An agent's state as a desktop or wallboard shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgentState {
    Offline,
    NotReady(NotReadyReason),
    /// Waiting for a contact; the longest-idle eligible agent is offered first.
    Ready {
        idle_since: Millis,
    },
    /// An offer (or callback) rings until `deadline`.
    Reserved {
        contact: ContactId,
        deadline: Millis,
    },
    /// Connected with `contact`.
    Busy {
        contact: ContactId,
    },
    /// After-call work, ending by itself at `deadline`.
    AfterCallWork {
        deadline: Millis,
    },
}

impl AgentState {
    pub fn kind(&self) -> AgentStateKind {
        match self {
            AgentState::Offline => AgentStateKind::Offline,
            AgentState::NotReady(_) => AgentStateKind::NotReady,
            AgentState::Ready { .. } => AgentStateKind::Ready,
            AgentState::Reserved { .. } => AgentStateKind::Reserved,
            AgentState::Busy { .. } => AgentStateKind::Busy,
            AgentState::AfterCallWork { .. } => AgentStateKind::AfterCallWork,
        }
    }
}

/// One agent as the router knows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentInfo {
    pub agent: AgentId,
    pub state: AgentState,
    /// When the current state began.
    pub since: Millis,
    pub skills: Vec<(ServiceGroup, Proficiency)>,
    pub languages: Vec<Language>,
    /// Offers missed (or declined, if they count) in a row.
    pub missed_offers: u32,
    /// A not-ready requested during a call, applied when its wrap-up ends.
    pub pending_not_ready: Option<NotReadyReason>,
}

/// A contact's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactState {
    /// In the queue, caller on hold.
    Waiting,
    /// In the queue, caller hung up and waits for a callback at their turn.
    WaitingCallback,
    /// Being offered to `agent`.
    Offered { agent: AgentId },
    /// Connected with `agent` (for a callback: the agent is calling the citizen back).
    Connected { agent: AgentId },
}

impl ContactState {
    pub fn kind(&self) -> ContactStateKind {
        match self {
            ContactState::Waiting => ContactStateKind::Waiting,
            ContactState::WaitingCallback => ContactStateKind::WaitingCallback,
            ContactState::Offered { .. } => ContactStateKind::Offered,
            ContactState::Connected { .. } => ContactStateKind::Connected,
        }
    }
}

/// One contact as the router knows it (contacts leave the router when abandoned or ended).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactInfo {
    pub contact: ContactId,
    pub queue: QueueKey,
    pub priority: u8,
    pub accepts_italian: bool,
    pub arrived: Millis,
    /// The relaxation level reached (index into the queue's levels).
    pub level: u8,
    pub state: ContactState,
    /// Whether the caller asked for a callback (kept when offered or connected).
    pub callback: bool,
    /// The wait estimated when the contact arrived (`None`: no agent staffed the queue).
    pub estimated_wait_at_arrival: Option<Duration>,
}

/// Where a waiting contact stands, for the caller's announcements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitInfo {
    /// 1 for the next contact of the queue.
    pub position: u32,
    /// See the crate docs for the formula; `None` while no agent staffs the queue.
    pub estimated_wait: Option<Duration>,
    /// How long the contact has waited so far.
    pub waited: Duration,
}
