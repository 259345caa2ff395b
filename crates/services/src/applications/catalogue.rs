//! The benefit catalogue (what one can apply for, with its sector and service group) and the
//! states an application goes through.

use std::fmt;

use domain::ServiceGroup;

/// Who a benefit is for: the private-sector schemes, or public-administration employees (the
/// former INPDAP, today "Gestione Dipendenti Pubblici").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sector {
    Private,
    PublicAdministration,
}

impl Sector {
    pub fn code(self) -> &'static str {
        match self {
            Sector::Private => "private",
            Sector::PublicAdministration => "public-administration",
        }
    }

    pub fn italian_name(self) -> &'static str {
        match self {
            Sector::Private => "settore privato",
            Sector::PublicAdministration => "gestione dipendenti pubblici (ex INPDAP)",
        }
    }
}

/// A benefit one can apply for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Benefit {
    // Pensions (private sector).
    OldAgePension,
    EarlyRetirement,
    SurvivorsPension,
    // Disability.
    DisabilityPension,
    DisabilityAllowance,
    CivilInvalidity,
    EuDisabilityCard,
    // Unemployment and work.
    Naspi,
    DisColl,
    Sfl,
    // Family and income support.
    AssegnoUnico,
    SicknessBenefit,
    MaternityBenefit,
    PaternityLeave,
    ParentalLeave,
    Adi,
    BonusAsiloNido,
    // Contributions.
    DegreeBuyBack,
    // Public administration (ex-INPDAP).
    PublicSectorPension,
    PublicSurvivorsPension,
    EndOfServicePay,
    SmallLoan,
    MultiYearLoan,
    StudyGrant,
    HomeCarePremium,
}

impl Benefit {
    /// The whole catalogue.
    pub const ALL: [Benefit; 25] = [
        Benefit::OldAgePension,
        Benefit::EarlyRetirement,
        Benefit::SurvivorsPension,
        Benefit::DisabilityPension,
        Benefit::DisabilityAllowance,
        Benefit::CivilInvalidity,
        Benefit::EuDisabilityCard,
        Benefit::Naspi,
        Benefit::DisColl,
        Benefit::Sfl,
        Benefit::AssegnoUnico,
        Benefit::SicknessBenefit,
        Benefit::MaternityBenefit,
        Benefit::PaternityLeave,
        Benefit::ParentalLeave,
        Benefit::Adi,
        Benefit::BonusAsiloNido,
        Benefit::DegreeBuyBack,
        Benefit::PublicSectorPension,
        Benefit::PublicSurvivorsPension,
        Benefit::EndOfServicePay,
        Benefit::SmallLoan,
        Benefit::MultiYearLoan,
        Benefit::StudyGrant,
        Benefit::HomeCarePremium,
    ];

    /// The stable code used in the database and the API.
    pub fn code(self) -> &'static str {
        self.entry().0
    }

    /// The name the institute uses, in Italian (for letters and the IVR's Italian prompts).
    pub fn italian_name(self) -> &'static str {
        self.entry().1
    }

    /// The name in English, for logs and operator tools.
    pub fn english_name(self) -> &'static str {
        self.entry().2
    }

    pub fn sector(self) -> Sector {
        self.entry().3
    }

    /// The group of agents that handles questions about it.
    pub fn service_group(self) -> ServiceGroup {
        self.entry().4
    }

    /// Whether it is paid as a pension (monthly, with a pension certificate).
    pub fn is_pension(self) -> bool {
        matches!(
            self,
            Benefit::OldAgePension
                | Benefit::EarlyRetirement
                | Benefit::SurvivorsPension
                | Benefit::DisabilityPension
                | Benefit::DisabilityAllowance
                | Benefit::PublicSectorPension
                | Benefit::PublicSurvivorsPension
        )
    }

    /// The benefit with this code.
    pub fn from_code(code: &str) -> Option<Benefit> {
        Benefit::ALL.into_iter().find(|b| b.code() == code)
    }

    fn entry(
        self,
    ) -> (
        &'static str,
        &'static str,
        &'static str,
        Sector,
        ServiceGroup,
    ) {
        use Sector::{Private, PublicAdministration as Public};
        use ServiceGroup as G;
        match self {
            Benefit::OldAgePension => (
                "old-age-pension",
                "Pensione di vecchiaia",
                "Old-age pension",
                Private,
                G::Pensions,
            ),
            Benefit::EarlyRetirement => (
                "early-retirement",
                "Pensione anticipata",
                "Early retirement pension",
                Private,
                G::Pensions,
            ),
            Benefit::SurvivorsPension => (
                "survivors-pension",
                "Pensione ai superstiti (reversibilità)",
                "Survivors' pension",
                Private,
                G::Pensions,
            ),
            Benefit::DisabilityPension => (
                "disability-pension",
                "Pensione di inabilità",
                "Disability pension",
                Private,
                G::Disability,
            ),
            Benefit::DisabilityAllowance => (
                "disability-allowance",
                "Assegno ordinario di invalidità",
                "Ordinary disability allowance",
                Private,
                G::Disability,
            ),
            Benefit::CivilInvalidity => (
                "civil-invalidity",
                "Invalidità civile",
                "Civil invalidity benefits",
                Private,
                G::Disability,
            ),
            Benefit::EuDisabilityCard => (
                "eu-disability-card",
                "Carta europea della disabilità",
                "EU Disability Card",
                Private,
                G::Disability,
            ),
            Benefit::Naspi => (
                "naspi",
                "NASpI - indennità di disoccupazione",
                "NASpI unemployment benefit",
                Private,
                G::LabourAndEmployment,
            ),
            Benefit::DisColl => (
                "dis-coll",
                "DIS-COLL - indennità di disoccupazione dei collaboratori",
                "DIS-COLL unemployment benefit for collaborators",
                Private,
                G::LabourAndEmployment,
            ),
            Benefit::Sfl => (
                "sfl",
                "Supporto per la formazione e il lavoro (SFL)",
                "Support for training and work (SFL)",
                Private,
                G::LabourAndEmployment,
            ),
            Benefit::AssegnoUnico => (
                "assegno-unico",
                "Assegno unico e universale per i figli",
                "Universal child allowance (AUU)",
                Private,
                G::SocialBenefits,
            ),
            Benefit::SicknessBenefit => (
                "sickness-benefit",
                "Indennità di malattia",
                "Sickness benefit",
                Private,
                G::SocialBenefits,
            ),
            Benefit::MaternityBenefit => (
                "maternity-benefit",
                "Indennità di maternità",
                "Maternity benefit",
                Private,
                G::SocialBenefits,
            ),
            Benefit::PaternityLeave => (
                "paternity-leave",
                "Congedo di paternità obbligatorio",
                "Mandatory paternity leave",
                Private,
                G::SocialBenefits,
            ),
            Benefit::ParentalLeave => (
                "parental-leave",
                "Congedo parentale",
                "Parental leave",
                Private,
                G::SocialBenefits,
            ),
            Benefit::Adi => (
                "adi",
                "Assegno di inclusione (ADI)",
                "Inclusion allowance (ADI)",
                Private,
                G::SocialBenefits,
            ),
            Benefit::BonusAsiloNido => (
                "bonus-asilo-nido",
                "Bonus asilo nido",
                "Nursery bonus",
                Private,
                G::SocialBenefits,
            ),
            Benefit::DegreeBuyBack => (
                "degree-buy-back",
                "Riscatto della laurea",
                "Degree buy-back",
                Private,
                G::ContributionsAndRecords,
            ),
            Benefit::PublicSectorPension => (
                "public-sector-pension",
                "Pensione dei dipendenti pubblici",
                "Public-sector pension",
                Public,
                G::Pensions,
            ),
            Benefit::PublicSurvivorsPension => (
                "public-survivors-pension",
                "Pensione ai superstiti dei dipendenti pubblici",
                "Public-sector survivors' pension",
                Public,
                G::Pensions,
            ),
            Benefit::EndOfServicePay => (
                "end-of-service-pay",
                "Trattamento di fine servizio o fine rapporto (TFS/TFR)",
                "End-of-service pay (TFS/TFR)",
                Public,
                G::Pensions,
            ),
            Benefit::SmallLoan => (
                "small-loan",
                "Piccolo prestito",
                "Small loan",
                Public,
                G::SocialBenefits,
            ),
            Benefit::MultiYearLoan => (
                "multi-year-loan",
                "Prestito pluriennale",
                "Multi-year loan",
                Public,
                G::SocialBenefits,
            ),
            Benefit::StudyGrant => (
                "study-grant",
                "Borsa di studio (welfare dipendenti pubblici)",
                "Study grant (public employees' welfare)",
                Public,
                G::SocialBenefits,
            ),
            Benefit::HomeCarePremium => (
                "home-care-premium",
                "Home Care Premium",
                "Home Care Premium",
                Public,
                G::SocialBenefits,
            ),
        }
    }
}

impl fmt::Display for Benefit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where an application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApplicationStatus {
    /// Filed, not yet examined ("presentata").
    Received,
    /// Being examined by the office ("in istruttoria").
    UnderReview,
    /// The office waits for documents from the applicant.
    WaitingForDocuments,
    /// Examination suspended (checks, missing ISEE, medical assessment…).
    Suspended,
    /// Granted ("accolta"), not yet paid.
    Approved,
    /// Refused ("respinta").
    Rejected,
    /// Granted and paid ("liquidata").
    Paid,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 7] = [
        ApplicationStatus::Received,
        ApplicationStatus::UnderReview,
        ApplicationStatus::WaitingForDocuments,
        ApplicationStatus::Suspended,
        ApplicationStatus::Approved,
        ApplicationStatus::Rejected,
        ApplicationStatus::Paid,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ApplicationStatus::Received => "received",
            ApplicationStatus::UnderReview => "under-review",
            ApplicationStatus::WaitingForDocuments => "waiting-for-documents",
            ApplicationStatus::Suspended => "suspended",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::Paid => "paid",
        }
    }

    pub fn italian_name(self) -> &'static str {
        match self {
            ApplicationStatus::Received => "presentata",
            ApplicationStatus::UnderReview => "in istruttoria",
            ApplicationStatus::WaitingForDocuments => "in attesa di documentazione",
            ApplicationStatus::Suspended => "sospesa",
            ApplicationStatus::Approved => "accolta",
            ApplicationStatus::Rejected => "respinta",
            ApplicationStatus::Paid => "liquidata",
        }
    }

    pub fn english_name(self) -> &'static str {
        match self {
            ApplicationStatus::Received => "received",
            ApplicationStatus::UnderReview => "under review",
            ApplicationStatus::WaitingForDocuments => "waiting for documents",
            ApplicationStatus::Suspended => "suspended",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::Paid => "paid",
        }
    }

    pub fn from_code(code: &str) -> Option<ApplicationStatus> {
        ApplicationStatus::ALL
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// No change follows a final state.
    pub fn is_final(self) -> bool {
        matches!(self, ApplicationStatus::Rejected | ApplicationStatus::Paid)
    }

    /// Whether an application in this state may move to `next`. Staying in the same state (to
    /// update the sub-state) is allowed unless the state is final.
    pub fn can_become(self, next: ApplicationStatus) -> bool {
        use ApplicationStatus::*;
        if self == next {
            return !self.is_final();
        }
        match self {
            Received => matches!(
                next,
                UnderReview | WaitingForDocuments | Suspended | Rejected
            ),
            UnderReview => matches!(next, WaitingForDocuments | Suspended | Approved | Rejected),
            WaitingForDocuments => matches!(next, UnderReview | Suspended | Rejected),
            Suspended => matches!(next, UnderReview | WaitingForDocuments | Rejected),
            Approved => matches!(next, Paid | Suspended),
            Rejected | Paid => false,
        }
    }
}

impl fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
