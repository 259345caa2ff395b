//! The nine service groups callers choose from and agents specialise in (R-ROUTE-2).

use std::fmt;
use std::str::FromStr;

/// A group of agents specialised in one area of the institute's work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ServiceGroup {
    Pensions,
    SocialBenefits,
    LabourAndEmployment,
    ContributionsAndRecords,
    CompaniesAndEmployers,
    Disability,
    PaymentsAndStatements,
    CitizenSupport,
    DigitalServices,
}

impl ServiceGroup {
    /// All nine, in the order the IVR menu offers them (key 1 = pensions, …).
    pub const ALL: [ServiceGroup; 9] = [
        ServiceGroup::Pensions,
        ServiceGroup::SocialBenefits,
        ServiceGroup::LabourAndEmployment,
        ServiceGroup::ContributionsAndRecords,
        ServiceGroup::CompaniesAndEmployers,
        ServiceGroup::Disability,
        ServiceGroup::PaymentsAndStatements,
        ServiceGroup::CitizenSupport,
        ServiceGroup::DigitalServices,
    ];

    /// The stable identifier used in configuration, the database and the API.
    pub fn id(self) -> &'static str {
        match self {
            ServiceGroup::Pensions => "pensions",
            ServiceGroup::SocialBenefits => "social-benefits",
            ServiceGroup::LabourAndEmployment => "labour-employment",
            ServiceGroup::ContributionsAndRecords => "contributions-records",
            ServiceGroup::CompaniesAndEmployers => "companies-employers",
            ServiceGroup::Disability => "disability",
            ServiceGroup::PaymentsAndStatements => "payments-statements",
            ServiceGroup::CitizenSupport => "citizen-support",
            ServiceGroup::DigitalServices => "digital-services",
        }
    }

    /// The group's name in English, for logs and operator tools (prompts come from catalogs).
    pub fn english_name(self) -> &'static str {
        match self {
            ServiceGroup::Pensions => "Pensions",
            ServiceGroup::SocialBenefits => "Social benefits",
            ServiceGroup::LabourAndEmployment => "Labour and employment",
            ServiceGroup::ContributionsAndRecords => "Contributions and personal records",
            ServiceGroup::CompaniesAndEmployers => "Companies and employers",
            ServiceGroup::Disability => "Disability",
            ServiceGroup::PaymentsAndStatements => "Payments and statements",
            ServiceGroup::CitizenSupport => "Communication and support for citizens",
            ServiceGroup::DigitalServices => "Digital services",
        }
    }

    /// The key (1–9) that chooses this group in the IVR menu.
    pub fn menu_key(self) -> u8 {
        ServiceGroup::ALL
            .iter()
            .position(|g| *g == self)
            .map_or(0, |i| i as u8 + 1)
    }

    /// The group chosen by menu key 1–9.
    pub fn from_menu_key(key: u8) -> Option<ServiceGroup> {
        ServiceGroup::ALL
            .get(usize::from(key).checked_sub(1)?)
            .copied()
    }
}

/// A service-group identifier that is not one of the nine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown service group {0:?}: expected one of pensions, social-benefits, labour-employment, contributions-records, companies-employers, disability, payments-statements, citizen-support, digital-services"
)]
pub struct ServiceGroupError(pub String);

impl FromStr for ServiceGroup {
    type Err = ServiceGroupError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        ServiceGroup::ALL
            .into_iter()
            .find(|g| g.id() == wanted)
            .ok_or_else(|| ServiceGroupError(s.to_owned()))
    }
}

impl fmt::Display for ServiceGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_groups_round_trip() {
        assert_eq!(ServiceGroup::ALL.len(), 9);
        for g in ServiceGroup::ALL {
            assert_eq!(g.id().parse::<ServiceGroup>(), Ok(g));
            assert_eq!(ServiceGroup::from_menu_key(g.menu_key()), Some(g));
        }
        assert!("pension".parse::<ServiceGroup>().is_err());
        assert_eq!(ServiceGroup::from_menu_key(10), None);
    }
}
