//! TODO-FILL
use axum::Router;
use crate::WebState;
pub(super) fn router() -> Router<WebState> { Router::new() }
