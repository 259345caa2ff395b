//! What the validator asks of the rest of the system: which prompts, operations and calendars
//! exist.
//!
//! The traits are defined here so that `flow` depends on neither `prompts` nor `services`: those
//! crates (or the binary) implement them. The in-memory implementations serve tests and small
//! tools.

use std::collections::{BTreeMap, BTreeSet};

use calendar::Calendars;
use domain::Language;

/// The Fluent messages of a profile.
pub trait PromptCatalog {
    /// The variables message `id` uses in `language`, or `None` when the message does not exist
    /// in that language.
    fn message_variables(&self, language: Language, id: &str) -> Option<BTreeSet<String>>;
}

/// What one back-office operation accepts and answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OperationSpec {
    /// The argument names; an `invoke` must give every one.
    pub args: BTreeSet<String>,
    /// The outcomes it can answer (`ok`, `not_found`, `invalid`, `unavailable`, …).
    pub outcomes: BTreeSet<String>,
    /// The fields a result may carry.
    pub results: BTreeSet<String>,
}

impl OperationSpec {
    /// A spec from three lists of names.
    pub fn new(args: &[&str], outcomes: &[&str], results: &[&str]) -> OperationSpec {
        let set = |names: &[&str]| names.iter().map(|s| (*s).to_owned()).collect();
        OperationSpec {
            args: set(args),
            outcomes: set(outcomes),
            results: set(results),
        }
    }
}

/// The back-office operations the host can perform for a flow.
pub trait OperationCatalog {
    fn operation(&self, name: &str) -> Option<OperationSpec>;
}

/// The calendars a `branch` may name.
pub trait CalendarCatalog {
    fn has_calendar(&self, name: &str) -> bool;
}

impl CalendarCatalog for Calendars {
    fn has_calendar(&self, name: &str) -> bool {
        self.contains(name)
    }
}

impl CalendarCatalog for Vec<&str> {
    fn has_calendar(&self, name: &str) -> bool {
        self.contains(&name)
    }
}

impl CalendarCatalog for Vec<String> {
    fn has_calendar(&self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }
}

impl CalendarCatalog for BTreeSet<String> {
    fn has_calendar(&self, name: &str) -> bool {
        self.contains(name)
    }
}

/// Prompts held in memory: message id and language → the variables it uses.
#[derive(Debug, Clone, Default)]
pub struct MemoryPrompts {
    messages: BTreeMap<(Language, String), BTreeSet<String>>,
}

impl MemoryPrompts {
    pub fn new() -> MemoryPrompts {
        MemoryPrompts::default()
    }

    /// Adds a message in one language.
    pub fn insert(&mut self, language: Language, id: &str, variables: &[&str]) {
        self.messages.insert(
            (language, id.to_owned()),
            variables.iter().map(|v| (*v).to_owned()).collect(),
        );
    }

    /// Adds a message in all eight languages.
    pub fn insert_all(&mut self, id: &str, variables: &[&str]) {
        for language in Language::ALL {
            self.insert(language, id, variables);
        }
    }

    /// Builder form of [`MemoryPrompts::insert_all`].
    pub fn with(mut self, id: &str, variables: &[&str]) -> MemoryPrompts {
        self.insert_all(id, variables);
        self
    }

    /// Removes a message from one language (to test what the validator says).
    pub fn remove(&mut self, language: Language, id: &str) {
        self.messages.remove(&(language, id.to_owned()));
    }
}

impl PromptCatalog for MemoryPrompts {
    fn message_variables(&self, language: Language, id: &str) -> Option<BTreeSet<String>> {
        self.messages.get(&(language, id.to_owned())).cloned()
    }
}

/// Operations held in memory.
#[derive(Debug, Clone, Default)]
pub struct MemoryOperations {
    operations: BTreeMap<String, OperationSpec>,
}

impl MemoryOperations {
    pub fn new() -> MemoryOperations {
        MemoryOperations::default()
    }

    pub fn insert(&mut self, name: &str, spec: OperationSpec) {
        self.operations.insert(name.to_owned(), spec);
    }

    /// Builder form of [`MemoryOperations::insert`].
    pub fn with(mut self, name: &str, args: &[&str], outcomes: &[&str], results: &[&str]) -> Self {
        self.insert(name, OperationSpec::new(args, outcomes, results));
        self
    }
}

impl OperationCatalog for MemoryOperations {
    fn operation(&self, name: &str) -> Option<OperationSpec> {
        self.operations.get(name).cloned()
    }
}
