//! Fluent catalogs: every message a caller can hear, per language, loaded from a profile.
//!
//! A profile holds `prompts/<lang>/*.ftl` (what the flows say) and `info/<lang>/*.ftl` (the
//! information messages), `<lang>` one of the eight codes. All files of a language form one
//! Fluent bundle: message and term ids are unique per language across both folders.
//!
//! Loading checks what Fluent itself only notices when a message is formatted: syntax errors
//! (with file, line and column), duplicate ids, references to messages, terms or attributes
//! that do not exist, unknown functions and reference cycles. Rendering turns Fluent's
//! isolation marks off (they would be read aloud or break SMS encoding) and refuses to produce
//! text when a variable the message uses is missing, instead of Fluent's `{$name}` placeholder.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use domain::{Language, Money, TaxCode};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use jiff::civil::Date;

use crate::spoken;

/// The two folders of a profile that hold Fluent files.
pub const CATALOG_FOLDERS: [&str; 2] = ["prompts", "info"];

/// Functions a message may call (Fluent's built-ins that fluent-bundle implements).
const FUNCTIONS: [&str; 1] = ["NUMBER"];

/// One Fluent file's text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogSource {
    pub language: Language,
    /// Shown in errors; need not exist on disk (sources may be compiled in).
    pub path: PathBuf,
    pub text: String,
}

/// All messages of a profile, in every language that has files.
pub struct Catalog {
    languages: BTreeMap<Language, LanguageCatalog>,
}

struct LanguageCatalog {
    bundle: FluentBundle<Arc<FluentResource>>,
    /// Each file's path and parsed resource, in load order.
    resources: Vec<(PathBuf, Arc<FluentResource>)>,
    messages: BTreeMap<String, EntryRef>,
    terms: BTreeMap<String, EntryRef>,
}

/// Where an entry is: which resource, which body entry, which line of the file.
#[derive(Clone, Copy, Debug)]
struct EntryRef {
    resource: usize,
    index: usize,
    line: usize,
}

/// Why a profile's catalog cannot be loaded. Every variant names the file, and the line where
/// there is one.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{0} has neither a prompts/ nor an info/ folder")]
    NoCatalog(PathBuf),
    #[error("{0} is not a language folder: expected one of it, de, en, fr, ar, pl, es, ru")]
    UnknownLanguage(PathBuf),
    #[error("{path}:{line}:{column}: {message}{}", more_errors(*.more))]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        /// Further syntax errors in the same file.
        more: usize,
    },
    #[error("{path}:{line}: {kind} {id:?} is already defined at {first_path}:{first_line}")]
    Duplicate {
        path: PathBuf,
        line: usize,
        kind: &'static str,
        id: String,
        first_path: PathBuf,
        first_line: usize,
    },
    #[error("{path}:{line}: {id:?} refers to {target}, which is not defined in {language}")]
    UnknownReference {
        path: PathBuf,
        line: usize,
        id: String,
        target: String,
        language: Language,
    },
    #[error("{path}:{line}: {id:?} calls the unknown function {function}()")]
    UnknownFunction {
        path: PathBuf,
        line: usize,
        id: String,
        function: String,
    },
    #[error("{path}:{line}: {id:?} refers back to itself ({cycle})")]
    Cycle {
        path: PathBuf,
        line: usize,
        id: String,
        cycle: String,
    },
}

fn more_errors(more: usize) -> String {
    match more {
        0 => String::new(),
        1 => " (and 1 more error in this file)".to_owned(),
        n => format!(" (and {n} more errors in this file)"),
    }
}

/// Why a message could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error("there is no message {id:?} in {language}")]
    UnknownMessage { language: Language, id: String },
    #[error("message {id:?} in {language} has no value, only attributes")]
    NoValue { language: Language, id: String },
    #[error("message {id:?} in {language} needs the variable ${variable}")]
    MissingVariable {
        language: Language,
        id: String,
        variable: String,
    },
    #[error("message {id:?} in {language}: {message}")]
    Fluent {
        language: Language,
        id: String,
        message: String,
    },
}

/// A value to put into a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Inserted as it is (a name, an office).
    Text(String),
    /// A Fluent number: selectors choose plural forms with it (`[one]`, `[few]`, …).
    Number(i64),
    /// Said the way the message's language says it (see [`Spoken`]).
    Spoken(Spoken),
}

/// A value that is said differently in each language; formatted by [`crate::spoken`].
#[derive(Clone, Debug, PartialEq)]
pub enum Spoken {
    /// Any code, spelled character by character.
    Spelled(String),
    TaxCode(TaxCode),
    DomusNumber(String),
    RequestId(String),
    Date(Date),
    Money(Money),
    /// A whole number in words-friendly form (digits, "minus" spelled out).
    Number(i64),
    /// `units` × 10^-`scale`, with the language's word for the decimal point.
    Decimal {
        units: i64,
        scale: u32,
    },
}

impl Spoken {
    /// The text for `lang`.
    pub fn say(&self, lang: Language) -> String {
        match self {
            Spoken::Spelled(text) => spoken::spell(lang, text),
            Spoken::TaxCode(code) => spoken::tax_code(lang, code),
            Spoken::DomusNumber(n) => spoken::domus_number(lang, n),
            Spoken::RequestId(id) => spoken::request_id(lang, id),
            Spoken::Date(d) => spoken::date(lang, *d),
            Spoken::Money(m) => spoken::money(lang, *m),
            Spoken::Number(n) => spoken::number(lang, *n),
            Spoken::Decimal { units, scale } => spoken::decimal(lang, *units, *scale),
        }
    }
}

/// The named values a message is rendered with. Built with chained calls:
///
/// ```text
/// Args::new().money("amount", due).date("deadline", date).number("count", 3)
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Args {
    values: BTreeMap<String, Arg>,
}

impl Args {
    pub fn new() -> Args {
        Args::default()
    }

    /// Sets `name` (replacing an earlier value).
    pub fn set(mut self, name: impl Into<String>, value: Arg) -> Args {
        self.insert(name, value);
        self
    }

    pub fn insert(&mut self, name: impl Into<String>, value: Arg) {
        self.values.insert(name.into(), value);
    }

    pub fn text(self, name: impl Into<String>, text: impl Into<String>) -> Args {
        self.set(name, Arg::Text(text.into()))
    }

    pub fn number(self, name: impl Into<String>, n: i64) -> Args {
        self.set(name, Arg::Number(n))
    }

    pub fn spoken(self, name: impl Into<String>, value: Spoken) -> Args {
        self.set(name, Arg::Spoken(value))
    }

    pub fn spell(self, name: impl Into<String>, code: impl Into<String>) -> Args {
        self.spoken(name, Spoken::Spelled(code.into()))
    }

    pub fn tax_code(self, name: impl Into<String>, code: &TaxCode) -> Args {
        self.spoken(name, Spoken::TaxCode(code.clone()))
    }

    pub fn domus_number(self, name: impl Into<String>, number: impl Into<String>) -> Args {
        self.spoken(name, Spoken::DomusNumber(number.into()))
    }

    pub fn request_id(self, name: impl Into<String>, id: impl Into<String>) -> Args {
        self.spoken(name, Spoken::RequestId(id.into()))
    }

    pub fn date(self, name: impl Into<String>, date: Date) -> Args {
        self.spoken(name, Spoken::Date(date))
    }

    pub fn money(self, name: impl Into<String>, amount: Money) -> Args {
        self.spoken(name, Spoken::Money(amount))
    }

    pub fn decimal(self, name: impl Into<String>, units: i64, scale: u32) -> Args {
        self.spoken(name, Spoken::Decimal { units, scale })
    }

    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.values.get(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.values.keys().map(String::as_str)
    }

    fn to_fluent(&self, lang: Language) -> FluentArgs<'static> {
        let mut args = FluentArgs::with_capacity(self.values.len());
        for (name, value) in &self.values {
            let value: FluentValue<'static> = match value {
                Arg::Text(t) => FluentValue::from(t.clone()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Spoken(s) => FluentValue::from(s.say(lang)),
            };
            args.set(name.clone(), value);
        }
        args
    }
}

impl Catalog {
    /// Loads `prompts/<lang>/*.ftl` and `info/<lang>/*.ftl` under a profile folder. Either
    /// folder may be missing, not both. Files not ending in `.ftl` are ignored; a folder whose
    /// name is not one of the eight language codes is an error.
    pub fn load(profile_dir: &Path) -> Result<Catalog, CatalogError> {
        let io_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| CatalogError::Io { path, source }
        };
        let mut sources = Vec::new();
        let mut found_folder = false;
        for folder in CATALOG_FOLDERS {
            let root = profile_dir.join(folder);
            if !root.is_dir() {
                continue;
            }
            found_folder = true;
            for lang_dir in sorted_entries(&root).map_err(io_error(&root))? {
                if !lang_dir.is_dir() {
                    continue;
                }
                let language = lang_dir
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.parse::<Language>().ok())
                    .filter(|l| lang_dir.file_name().and_then(|n| n.to_str()) == Some(l.code()))
                    .ok_or_else(|| CatalogError::UnknownLanguage(lang_dir.clone()))?;
                for file in sorted_entries(&lang_dir).map_err(io_error(&lang_dir))? {
                    if file.extension().and_then(|e| e.to_str()) != Some("ftl") || !file.is_file() {
                        continue;
                    }
                    let text = std::fs::read_to_string(&file).map_err(io_error(&file))?;
                    sources.push(CatalogSource {
                        language,
                        path: file,
                        text,
                    });
                }
            }
        }
        if !found_folder {
            return Err(CatalogError::NoCatalog(profile_dir.to_path_buf()));
        }
        let catalog = Catalog::from_sources(sources)?;
        tracing::debug!(
            profile = %profile_dir.display(),
            messages = catalog.languages.values().map(|l| l.messages.len()).sum::<usize>(),
            "prompt catalog loaded"
        );
        Ok(catalog)
    }

    /// Builds a catalog from file contents (for profiles compiled into the binary, and tests),
    /// with the same checks as [`Catalog::load`].
    pub fn from_sources(
        sources: impl IntoIterator<Item = CatalogSource>,
    ) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog {
            languages: BTreeMap::new(),
        };
        for source in sources {
            catalog.add(source)?;
        }
        catalog.check_references()?;
        Ok(catalog)
    }

    fn add(&mut self, source: CatalogSource) -> Result<(), CatalogError> {
        let CatalogSource {
            language,
            path,
            text,
        } = source;
        let mut lines = entry_lines(&text);
        let resource = match FluentResource::try_new(text) {
            Ok(resource) => Arc::new(resource),
            Err((resource, errors)) => {
                let first = errors.iter().min_by_key(|e| e.pos.start);
                let (line, column) = first
                    .map(|e| line_and_column(resource.source(), e.pos.start))
                    .unwrap_or((1, 1));
                return Err(CatalogError::Parse {
                    path,
                    line,
                    column,
                    message: first.map(|e| e.to_string()).unwrap_or_default(),
                    more: errors.len().saturating_sub(1),
                });
            }
        };
        let lc = self
            .languages
            .entry(language)
            .or_insert_with(|| LanguageCatalog::new(language));
        let resource_index = lc.resources.len();
        for (index, entry) in resource.entries().enumerate() {
            let (kind, id, map) = match entry {
                ast::Entry::Message(m) => ("message", m.id.name, &mut lc.messages),
                ast::Entry::Term(t) => ("term", t.id.name, &mut lc.terms),
                _ => continue,
            };
            let key = if kind == "term" {
                format!("-{id}")
            } else {
                id.to_owned()
            };
            let line = lines
                .get_mut(&key)
                .and_then(VecDeque::pop_front)
                .unwrap_or(1);
            if let Some(first) = map.get(id) {
                // The first definition may be in this very file, not yet in `resources`.
                let first_path = lc
                    .resources
                    .get(first.resource)
                    .map_or_else(|| path.clone(), |(p, _)| p.clone());
                return Err(CatalogError::Duplicate {
                    path,
                    line,
                    kind,
                    id: key,
                    first_path,
                    first_line: first.line,
                });
            }
            map.insert(
                id.to_owned(),
                EntryRef {
                    resource: resource_index,
                    index,
                    line,
                },
            );
        }
        if let Err(errors) = lc.bundle.add_resource(Arc::clone(&resource)) {
            // Duplicates were reported above with both places; anything else is unexpected.
            return Err(CatalogError::Parse {
                path,
                line: 1,
                column: 1,
                message: errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
                more: 0,
            });
        }
        lc.resources.push((path, resource));
        Ok(())
    }

    /// Every reference must resolve, every function be known, and no message may reach itself.
    fn check_references(&self) -> Result<(), CatalogError> {
        for (&language, lc) in &self.languages {
            for (node, at) in lc.nodes() {
                let path = || lc.resources[at.resource].0.clone();
                let mut refs = Vec::new();
                if let Some(pattern) = lc.node_pattern(&node) {
                    references_in_pattern(pattern, &mut refs);
                }
                for reference in refs {
                    match reference {
                        Reference::Function(name) if FUNCTIONS.contains(&name) => {}
                        Reference::Function(function) => {
                            return Err(CatalogError::UnknownFunction {
                                path: path(),
                                line: at.line,
                                id: node,
                                function: function.to_owned(),
                            });
                        }
                        Reference::Node(target) if lc.node_pattern(&target).is_none() => {
                            return Err(CatalogError::UnknownReference {
                                path: path(),
                                line: at.line,
                                id: node,
                                target: describe_target(&target),
                                language,
                            });
                        }
                        Reference::Node(_) => {}
                    }
                }
                let mut chain = vec![node.clone()];
                if lc.reaches_itself(&mut chain) {
                    return Err(CatalogError::Cycle {
                        path: path(),
                        line: at.line,
                        id: node,
                        cycle: chain.join(" → "),
                    });
                }
            }
        }
        Ok(())
    }

    /// Whether `id` (a message, or `message.attribute`) exists in `lang`.
    pub fn has(&self, lang: Language, id: &str) -> bool {
        self.languages
            .get(&lang)
            .is_some_and(|lc| lc.target_pattern(id).is_some())
    }

    /// The languages (of the eight) in which `id` is missing.
    pub fn missing_in(&self, id: &str) -> Vec<Language> {
        Language::ALL
            .into_iter()
            .filter(|&l| !self.has(l, id))
            .collect()
    }

    /// The variables (`$name`) that rendering message `id` (or `message.attribute`) in `lang`
    /// uses: in every variant of its selectors and in the messages it refers to; `None` if there
    /// is no such message. Variables inside terms belong to the term (Fluent passes them
    /// explicitly) and are not included, but the variables given to a term as arguments are.
    pub fn variables(&self, lang: Language, id: &str) -> Option<BTreeSet<String>> {
        let lc = self.languages.get(&lang)?;
        let pattern = lc.target_pattern(id)?;
        let mut vars = BTreeSet::new();
        let mut seen = BTreeSet::from([id.to_owned()]);
        if let Some(pattern) = pattern {
            lc.variables_in(pattern, &mut vars, &mut seen);
        }
        Some(vars)
    }

    /// The ids of all messages in `lang` (attributes not listed), sorted.
    pub fn message_ids(&self, lang: Language) -> impl Iterator<Item = &str> + '_ {
        self.languages
            .get(&lang)
            .into_iter()
            .flat_map(|lc| lc.messages.keys().map(String::as_str))
    }

    /// The languages that have at least one file.
    pub fn languages(&self) -> impl Iterator<Item = Language> + '_ {
        self.languages.keys().copied()
    }

    /// The file and line where message `id` (or the message of `id.attribute`) is defined.
    pub fn location(&self, lang: Language, id: &str) -> Option<(&Path, usize)> {
        let lc = self.languages.get(&lang)?;
        let message = id.split_once('.').map_or(id, |(m, _)| m);
        let at = lc.messages.get(message)?;
        Some((lc.resources[at.resource].0.as_path(), at.line))
    }

    /// Whether message `id` has a value (not only attributes).
    pub(crate) fn has_value(&self, lang: Language, id: &str) -> bool {
        self.languages
            .get(&lang)
            .and_then(|lc| lc.target_pattern(id))
            .is_some_and(|p| p.is_some())
    }

    /// The text of message `id` (or `message.attribute`) in `lang` with `args`, without
    /// isolation marks. Every variable the message uses must be given, even one only used in a
    /// variant that is not chosen; extra arguments are ignored.
    pub fn render(&self, lang: Language, id: &str, args: &Args) -> Result<String, RenderError> {
        let unknown = || RenderError::UnknownMessage {
            language: lang,
            id: id.to_owned(),
        };
        let lc = self.languages.get(&lang).ok_or_else(unknown)?;
        let (message_id, attribute) = split_attribute(id);
        let message = lc.bundle.get_message(message_id).ok_or_else(unknown)?;
        let pattern = match attribute {
            None => message.value().ok_or_else(|| RenderError::NoValue {
                language: lang,
                id: id.to_owned(),
            })?,
            Some(a) => message.get_attribute(a).ok_or_else(unknown)?.value(),
        };
        let needed = self.variables(lang, id).unwrap_or_default();
        if let Some(variable) = needed.into_iter().find(|v| args.get(v).is_none()) {
            return Err(RenderError::MissingVariable {
                language: lang,
                id: id.to_owned(),
                variable,
            });
        }
        let fluent_args = args.to_fluent(lang);
        let mut errors = Vec::new();
        let text = lc
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        if let Some(error) = errors.first() {
            return Err(RenderError::Fluent {
                language: lang,
                id: id.to_owned(),
                message: error.to_string(),
            });
        }
        Ok(text.into_owned())
    }
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (lang, lc) in &self.languages {
            map.entry(
                &lang.code(),
                &format_args!(
                    "{} messages, {} terms, {} files",
                    lc.messages.len(),
                    lc.terms.len(),
                    lc.resources.len()
                ),
            );
        }
        map.finish()
    }
}

impl LanguageCatalog {
    fn new(language: Language) -> LanguageCatalog {
        // The eight codes are valid BCP 47 tags; the default tag only changes plural rules.
        let langid = language.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        // NUMBER is the only built-in and is registered once, so this cannot fail.
        let _ = bundle.add_builtins();
        LanguageCatalog {
            bundle,
            resources: Vec::new(),
            messages: BTreeMap::new(),
            terms: BTreeMap::new(),
        }
    }

    fn entry(&self, at: EntryRef) -> Option<&ast::Entry<&str>> {
        self.resources.get(at.resource)?.1.get_entry(at.index)
    }

    fn message(&self, id: &str) -> Option<&ast::Message<&str>> {
        match self.entry(*self.messages.get(id)?)? {
            ast::Entry::Message(m) => Some(m),
            _ => None,
        }
    }

    fn term(&self, id: &str) -> Option<&ast::Term<&str>> {
        match self.entry(*self.terms.get(id)?)? {
            ast::Entry::Term(t) => Some(t),
            _ => None,
        }
    }

    /// The pattern of one node: a message's or term's (`-term`) value, or one attribute
    /// (`msg.attr`, `-term.attr`). `None` when there is no such node (or no value).
    fn node_pattern(&self, node: &str) -> Option<&ast::Pattern<&str>> {
        let (name, attribute) = split_attribute(node);
        let (value, attributes) = match name.strip_prefix('-') {
            Some(term) => self.term(term).map(|t| (Some(&t.value), &t.attributes))?,
            None => self
                .message(name)
                .map(|m| (m.value.as_ref(), &m.attributes))?,
        };
        match attribute {
            None => value,
            Some(a) => attributes
                .iter()
                .find(|at| at.id.name == a)
                .map(|at| &at.value),
        }
    }

    /// Every node of every message and term, with where its entry is.
    fn nodes(&self) -> Vec<(String, EntryRef)> {
        let mut nodes = Vec::new();
        for (prefix, map) in [("", &self.messages), ("-", &self.terms)] {
            for (id, at) in map {
                let (has_value, attributes) = match prefix {
                    "-" => match self.term(id) {
                        Some(t) => (true, &t.attributes),
                        None => continue,
                    },
                    _ => match self.message(id) {
                        Some(m) => (m.value.is_some(), &m.attributes),
                        None => continue,
                    },
                };
                if has_value {
                    nodes.push((format!("{prefix}{id}"), *at));
                }
                for attribute in attributes {
                    nodes.push((format!("{prefix}{id}.{}", attribute.id.name), *at));
                }
            }
        }
        nodes
    }

    /// The pattern that rendering message `id` (or `msg.attr`) formats: `None` when there is no
    /// such message or attribute, `Some(None)` for a message without a value.
    fn target_pattern(&self, id: &str) -> Option<Option<&ast::Pattern<&str>>> {
        let (name, attribute) = split_attribute(id);
        if name.starts_with('-') {
            return None;
        }
        let message = self.message(name)?;
        match attribute {
            None => Some(message.value.as_ref()),
            Some(a) => message
                .attributes
                .iter()
                .find(|at| at.id.name == a)
                .map(|at| Some(&at.value)),
        }
    }

    /// Depth-first search for a path back to `chain[0]`; on success `chain` holds the cycle.
    fn reaches_itself(&self, chain: &mut Vec<String>) -> bool {
        let Some(pattern) = chain.last().and_then(|node| self.node_pattern(node)) else {
            return false;
        };
        let mut refs = Vec::new();
        references_in_pattern(pattern, &mut refs);
        for reference in refs {
            let Reference::Node(target) = reference else {
                continue;
            };
            if target == chain[0] {
                chain.push(target);
                return true;
            }
            if chain.contains(&target) {
                continue; // a cycle not through chain[0]: reported for its own members
            }
            chain.push(target);
            if self.reaches_itself(chain) {
                return true;
            }
            chain.pop();
        }
        false
    }

    fn variables_in(
        &self,
        pattern: &ast::Pattern<&str>,
        vars: &mut BTreeSet<String>,
        seen: &mut BTreeSet<String>,
    ) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.variables_in_expression(expression, vars, seen);
            }
        }
    }

    fn variables_in_expression(
        &self,
        expression: &ast::Expression<&str>,
        vars: &mut BTreeSet<String>,
        seen: &mut BTreeSet<String>,
    ) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                self.variables_in_inline(selector, vars, seen);
                for variant in variants {
                    self.variables_in(&variant.value, vars, seen);
                }
            }
            ast::Expression::Inline(inline) => self.variables_in_inline(inline, vars, seen),
        }
    }

    fn variables_in_inline(
        &self,
        inline: &ast::InlineExpression<&str>,
        vars: &mut BTreeSet<String>,
        seen: &mut BTreeSet<String>,
    ) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                self.variables_in_arguments(arguments, vars, seen);
            }
            ast::InlineExpression::TermReference { arguments, .. } => {
                if let Some(arguments) = arguments {
                    self.variables_in_arguments(arguments, vars, seen);
                }
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let target = match attribute {
                    Some(a) => format!("{}.{}", id.name, a.name),
                    None => id.name.to_owned(),
                };
                if seen.insert(target.clone())
                    && let Some(Some(pattern)) = self.target_pattern(&target)
                {
                    self.variables_in(pattern, vars, seen);
                }
            }
            ast::InlineExpression::Placeable { expression } => {
                self.variables_in_expression(expression, vars, seen);
            }
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. } => {}
        }
    }

    fn variables_in_arguments(
        &self,
        arguments: &ast::CallArguments<&str>,
        vars: &mut BTreeSet<String>,
        seen: &mut BTreeSet<String>,
    ) {
        for inline in arguments
            .positional
            .iter()
            .chain(arguments.named.iter().map(|n| &n.value))
        {
            self.variables_in_inline(inline, vars, seen);
        }
    }
}

/// `message.attribute` → (`message`, `Some(attribute)`).
fn split_attribute(id: &str) -> (&str, Option<&str>) {
    match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    }
}

/// What a pattern refers to: a node (message or `-term`, maybe with `.attribute`) or a
/// function.
enum Reference<'a> {
    Node(String),
    Function(&'a str),
}

fn describe_target(target: &str) -> String {
    match target.strip_prefix('-') {
        Some(term) => format!("the term -{term}"),
        None if target.contains('.') => format!("the attribute {target}"),
        None => format!("the message {target}"),
    }
}

fn references_in_pattern<'a>(pattern: &ast::Pattern<&'a str>, out: &mut Vec<Reference<'a>>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            references_in_expression(expression, out);
        }
    }
}

fn references_in_expression<'a>(
    expression: &ast::Expression<&'a str>,
    out: &mut Vec<Reference<'a>>,
) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            references_in_inline(selector, out);
            for variant in variants {
                references_in_pattern(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => references_in_inline(inline, out),
    }
}

fn references_in_inline<'a>(inline: &ast::InlineExpression<&'a str>, out: &mut Vec<Reference<'a>>) {
    let with_attribute =
        |prefix: &str, id: &str, attribute: &Option<ast::Identifier<&str>>| match attribute {
            Some(a) => format!("{prefix}{id}.{}", a.name),
            None => format!("{prefix}{id}"),
        };
    match inline {
        ast::InlineExpression::MessageReference { id, attribute } => {
            out.push(Reference::Node(with_attribute("", id.name, attribute)));
        }
        ast::InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => {
            out.push(Reference::Node(with_attribute("-", id.name, attribute)));
            if let Some(arguments) = arguments {
                for a in arguments
                    .positional
                    .iter()
                    .chain(arguments.named.iter().map(|n| &n.value))
                {
                    references_in_inline(a, out);
                }
            }
        }
        ast::InlineExpression::FunctionReference { id, arguments } => {
            out.push(Reference::Function(id.name));
            for a in arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|n| &n.value))
            {
                references_in_inline(a, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => {
            references_in_expression(expression, out);
        }
        ast::InlineExpression::VariableReference { .. }
        | ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit_once('\n')
        .map_or(before, |(_, last)| last)
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The lines on which each message (`id`) and term (`-id`) starts, in order: Fluent entries
/// begin at the start of a line with their identifier followed by `=`.
fn entry_lines(text: &str) -> BTreeMap<String, VecDeque<usize>> {
    let mut lines = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let (prefix, rest) = match line.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", line),
        };
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let id_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        if rest[id_len..].trim_start().starts_with('=') {
            lines
                .entry(format!("{prefix}{}", &rest[..id_len]))
                .or_insert_with(VecDeque::new)
                .push_back(number + 1);
        }
    }
    lines
}

/// A folder's entries, sorted by path so that loading (and its errors) is deterministic.
fn sorted_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut paths = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<Vec<_>>>()?;
    paths.sort();
    Ok(paths)
}

#[cfg(test)]
mod tests;
