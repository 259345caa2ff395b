//! Not built yet: arrives with the back-office issue.
