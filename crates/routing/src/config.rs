//! Routing configuration as data: queues per (service group, language), each with its priority
//! and timed relaxation levels, plus the offer, missed-offer and wrap-up rules and the statistics
//! thresholds. [`RoutingConfig::inps`] is the default for the INPS profile.

use std::fmt;
use std::time::Duration;

use domain::{Language, ServiceGroup};

/// How well an agent handles a service group: 1 (novice) to 5 (expert).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Proficiency(u8);

impl Proficiency {
    /// The lowest proficiency: any agent of the group.
    pub const MIN: Proficiency = Proficiency(1);
    /// The highest proficiency.
    pub const MAX: Proficiency = Proficiency(5);

    /// A proficiency from 1 to 5.
    pub fn new(level: u8) -> Result<Proficiency, ConfigError> {
        if (1..=5).contains(&level) {
            Ok(Proficiency(level))
        } else {
            Err(ConfigError::Proficiency(level))
        }
    }

    /// The level, 1 to 5.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Proficiency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A queue's identity: the service group the caller chose and the caller's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QueueKey {
    pub group: ServiceGroup,
    pub language: Language,
}

impl QueueKey {
    pub fn new(group: ServiceGroup, language: Language) -> QueueKey {
        QueueKey { group, language }
    }

    /// Dense index 0..72 (group-major), used for the router's arrays.
    pub(crate) fn index(self) -> usize {
        self.group as usize * crate::LANGUAGES + self.language as usize
    }
}

impl fmt::Display for QueueKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.group, self.language)
    }
}

/// Who may take a contact once it has waited `after`: one relaxation level of a queue.
///
/// Levels only ever widen the set of eligible agents: later levels have a lower or equal
/// `min_proficiency` and keep `italian_agents` once it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    /// Waiting time from which this level applies (the first level: zero).
    pub after: Duration,
    /// The lowest proficiency in the queue's service group an agent needs.
    pub min_proficiency: Proficiency,
    /// A caller of a foreign-language queue who agreed (`accepts_italian`) may also go to
    /// Italian-speaking agents of the group (R-LANG-2 otherwise: agents speaking the caller's
    /// language). No effect on Italian queues.
    pub italian_agents: bool,
}

impl Level {
    pub fn new(after: Duration, min_proficiency: Proficiency, italian_agents: bool) -> Level {
        Level {
            after,
            min_proficiency,
            italian_agents,
        }
    }
}

/// One queue: contacts of one service group in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueConfig {
    pub key: QueueKey,
    /// Added to the priority of every contact in this queue, so that when an agent can take
    /// contacts of several queues, a higher queue priority is served first (then age).
    pub priority: i16,
    /// Relaxation levels, the first at zero seconds, `after` strictly increasing; at most
    /// [`MAX_LEVELS`].
    pub levels: Vec<Level>,
}

/// The most relaxation levels a queue may have (the first included).
pub const MAX_LEVELS: usize = 8;

/// Everything the router needs to know before the first event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutingConfig {
    /// The queues; a contact for a (group, language) without a queue is refused.
    pub queues: Vec<QueueConfig>,
    /// How long an offer rings before it is withdrawn and counted as missed.
    pub offer_timeout: Duration,
    /// After this many offers missed in a row the agent goes not ready ("missed offers");
    /// 0 never.
    pub max_missed_offers: u32,
    /// Whether a declined offer counts as missed (an agent who declines everything would
    /// otherwise be offered the same contact again and again).
    pub declines_count_as_missed: bool,
    /// After-call work ends by itself after this long; zero: agents go ready as the call ends.
    pub wrap_up_timeout: Duration,
    /// Service level counts contacts answered within this wait (20 s).
    pub service_level_threshold: Duration,
    /// Contacts abandoned within this wait (5 s) are excluded from the abandon count and the
    /// service level.
    pub short_abandon_threshold: Duration,
    /// The handle time assumed for wait estimates before a queue has measured any.
    pub initial_handle_time: Duration,
    /// Handle times are averaged with an exponential weight of 1/`handle_time_window`.
    pub handle_time_window: u32,
}

/// A configuration that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("proficiency {0} is outside 1..=5")]
    Proficiency(u8),
    #[error("queue {0} is configured twice")]
    DuplicateQueue(QueueKey),
    #[error("queue {0} has no levels: the first must apply from 0 s")]
    NoLevels(QueueKey),
    #[error("queue {0}: the first level must apply from 0 s")]
    FirstLevelNotAtZero(QueueKey),
    #[error("queue {queue}: level {level} must start later than the one before")]
    LevelsNotIncreasing { queue: QueueKey, level: usize },
    #[error(
        "queue {queue}: level {level} narrows who may answer (higher proficiency or no Italian agents after allowing them)"
    )]
    LevelNarrows { queue: QueueKey, level: usize },
    #[error("queue {queue} has {count} levels; at most {MAX_LEVELS}")]
    TooManyLevels { queue: QueueKey, count: usize },
    #[error("the offer timeout must be longer than zero")]
    ZeroOfferTimeout,
    #[error("the handle-time window must be at least 1")]
    ZeroHandleTimeWindow,
}

impl RoutingConfig {
    /// The INPS profile: a queue for each of the 9 service groups × 8 languages, all of equal
    /// priority. Each queue first wants proficiency ≥ 3; after 60 s proficiency ≥ 2 suffices;
    /// after 120 s a foreign-language caller who agreed may go to Italian agents (≥ 2); after
    /// 180 s any agent of the group (and Italian agents for those who agreed). Offers ring 15 s;
    /// three missed in a row put the agent not ready; wrap-up ends after 60 s; service level at
    /// 20 s, abandons under 5 s excluded; 5 min assumed handle time until measured.
    pub fn inps() -> RoutingConfig {
        let p = |n| Proficiency(n);
        let s = Duration::from_secs;
        let mut queues = Vec::with_capacity(ServiceGroup::ALL.len() * Language::ALL.len());
        for group in ServiceGroup::ALL {
            for language in Language::ALL {
                let levels = if language == Language::Italian {
                    vec![
                        Level::new(s(0), p(3), false),
                        Level::new(s(60), p(2), false),
                        Level::new(s(180), p(1), false),
                    ]
                } else {
                    vec![
                        Level::new(s(0), p(3), false),
                        Level::new(s(60), p(2), false),
                        Level::new(s(120), p(2), true),
                        Level::new(s(180), p(1), true),
                    ]
                };
                queues.push(QueueConfig {
                    key: QueueKey { group, language },
                    priority: 0,
                    levels,
                });
            }
        }
        RoutingConfig {
            queues,
            offer_timeout: s(15),
            max_missed_offers: 3,
            declines_count_as_missed: true,
            wrap_up_timeout: s(60),
            service_level_threshold: s(20),
            short_abandon_threshold: s(5),
            initial_handle_time: s(300),
            handle_time_window: 20,
        }
    }

    /// Checks the rules written on each field.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.offer_timeout.is_zero() {
            return Err(ConfigError::ZeroOfferTimeout);
        }
        if self.handle_time_window == 0 {
            return Err(ConfigError::ZeroHandleTimeWindow);
        }
        let mut seen = [false; crate::QUEUES];
        for q in &self.queues {
            let key = q.key;
            if std::mem::replace(&mut seen[key.index()], true) {
                return Err(ConfigError::DuplicateQueue(key));
            }
            let Some(first) = q.levels.first() else {
                return Err(ConfigError::NoLevels(key));
            };
            if !first.after.is_zero() {
                return Err(ConfigError::FirstLevelNotAtZero(key));
            }
            if q.levels.len() > MAX_LEVELS {
                return Err(ConfigError::TooManyLevels {
                    queue: key,
                    count: q.levels.len(),
                });
            }
            for (i, pair) in q.levels.windows(2).enumerate() {
                let (before, this) = (&pair[0], &pair[1]);
                if this.after <= before.after {
                    return Err(ConfigError::LevelsNotIncreasing {
                        queue: key,
                        level: i + 1,
                    });
                }
                if this.min_proficiency > before.min_proficiency
                    || (before.italian_agents && !this.italian_agents)
                {
                    return Err(ConfigError::LevelNarrows {
                        queue: key,
                        level: i + 1,
                    });
                }
            }
        }
        Ok(())
    }
}

impl Default for RoutingConfig {
    fn default() -> Self {
        RoutingConfig::inps()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inps_default_is_valid_and_covers_every_group_and_language() {
        let c = RoutingConfig::inps();
        assert_eq!(c.validate(), Ok(()));
        assert_eq!(c.queues.len(), 72);
        let foreign = c
            .queues
            .iter()
            .find(|q| q.key == QueueKey::new(ServiceGroup::Pensions, Language::German))
            .unwrap();
        assert!(foreign.levels.iter().any(|l| l.italian_agents));
    }

    #[test]
    fn proficiency_is_one_to_five() {
        assert!(Proficiency::new(0).is_err());
        assert!(Proficiency::new(6).is_err());
        assert_eq!(Proficiency::new(5).map(Proficiency::get), Ok(5));
    }

    #[test]
    fn bad_levels_are_refused_with_the_queue_named() {
        let key = QueueKey::new(ServiceGroup::Disability, Language::English);
        let mk = |levels| RoutingConfig {
            queues: vec![QueueConfig {
                key,
                priority: 0,
                levels,
            }],
            ..RoutingConfig::inps()
        };
        let s = Duration::from_secs;
        let p = |n| Proficiency::new(n).unwrap();
        assert_eq!(mk(vec![]).validate(), Err(ConfigError::NoLevels(key)));
        assert_eq!(
            mk(vec![Level::new(s(5), p(3), false)]).validate(),
            Err(ConfigError::FirstLevelNotAtZero(key))
        );
        assert_eq!(
            mk(vec![
                Level::new(s(0), p(3), false),
                Level::new(s(0), p(2), false)
            ])
            .validate(),
            Err(ConfigError::LevelsNotIncreasing {
                queue: key,
                level: 1
            })
        );
        assert_eq!(
            mk(vec![
                Level::new(s(0), p(2), false),
                Level::new(s(9), p(3), false)
            ])
            .validate(),
            Err(ConfigError::LevelNarrows {
                queue: key,
                level: 1
            })
        );
        assert_eq!(
            mk(vec![
                Level::new(s(0), p(2), true),
                Level::new(s(9), p(2), false)
            ])
            .validate(),
            Err(ConfigError::LevelNarrows {
                queue: key,
                level: 1
            })
        );
        let many = (0..9).map(|i| Level::new(s(i), p(1), false)).collect();
        assert_eq!(
            mk(many).validate(),
            Err(ConfigError::TooManyLevels {
                queue: key,
                count: 9
            })
        );
        let mut dup = mk(vec![Level::new(s(0), p(1), false)]);
        dup.queues.push(dup.queues[0].clone());
        assert_eq!(dup.validate(), Err(ConfigError::DuplicateQueue(key)));
    }
}
