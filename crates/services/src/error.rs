//! What every back-office error tells its caller, whatever the module.

/// The kind of failure, which the web layer maps to a status code and the IVR to a prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input is malformed (a tax code with a wrong check character, a mobile number that is
    /// not one).
    InvalidInput,
    /// Not found, or not the caller's: the two are never told apart.
    NotFound,
    /// The request collides with the current state (a taken slot, a document sent too recently).
    Conflict,
    /// Identification failed or is locked (wrong PIN, too many attempts).
    Unauthorized,
    /// The service is closed now (outside its campaign or hours).
    Unavailable,
    /// Something on our side failed (the database); the caller may try again later.
    Internal,
}

/// An error a back-office operation returns.
pub trait ServiceFailure: std::error::Error {
    fn kind(&self) -> ErrorKind;
    /// A stable machine-readable code, e.g. `pin_locked`, `slot_taken`.
    fn code(&self) -> &'static str;
}

impl ServiceFailure for store::StoreError {
    fn kind(&self) -> ErrorKind {
        match self {
            store::StoreError::Duplicate { .. } => ErrorKind::Conflict,
            _ => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            store::StoreError::Duplicate { .. } => "duplicate",
            _ => "internal",
        }
    }
}
