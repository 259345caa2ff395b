//! The end-of-call survey (R-SURV-1, R-SURV-2): its questions in every language, and answers.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use domain::{ContactId, Language};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use services::surveys::{self, GivenAnswer, QuestionKind};
use store::surveys::AnswerValue;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiJson;
use crate::{ApiError, WebState};

pub(super) fn router() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(questions))
        .routes(routes!(answer))
}

#[derive(Serialize, ToSchema)]
pub(crate) struct QuestionInfo {
    id: String,
    /// `score-1-5` or `yes-no`.
    kind: &'static str,
    /// The question in each of the eight languages, by language code.
    text: BTreeMap<String, String>,
}

/// The survey's questions.
#[utoipa::path(get, path = "/api/v1/surveys/questions", tag = "surveys",
    responses((status = 200, body = Vec<QuestionInfo>)))]
async fn questions(State(state): State<WebState>) -> Json<Vec<QuestionInfo>> {
    let list = state
        .back_office
        .survey
        .questions
        .iter()
        .map(|q| QuestionInfo {
            id: q.id.clone(),
            kind: match q.kind {
                QuestionKind::Score1To5 => "score-1-5",
                QuestionKind::YesNo => "yes-no",
            },
            text: Language::ALL
                .into_iter()
                .map(|l| (l.code().to_owned(), q.text(l).to_owned()))
                .collect(),
        })
        .collect();
    Json(list)
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct SurveyAnswers {
    /// The contact (call or WebCall) the answers are about.
    contact_id: i64,
    answers: Vec<AnswerDto>,
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct AnswerDto {
    question: String,
    /// For `score-1-5` questions.
    score: Option<u8>,
    /// For `yes-no` questions.
    yes: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct Recorded {
    answers: usize,
    /// Follow-up items opened for supervisors (low score, need not resolved).
    followups: usize,
}

/// Records a contact's survey answers; each question can be answered once.
#[utoipa::path(post, path = "/api/v1/surveys/answers", tag = "surveys", request_body = SurveyAnswers,
    responses((status = 200, body = Recorded), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn answer(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<SurveyAnswers>,
) -> Result<Json<Recorded>, ApiError> {
    let contact = ContactId::new(body.contact_id)
        .map_err(|e| ApiError::invalid("invalid_contact_id", e.to_string()))?;
    let mut given = Vec::with_capacity(body.answers.len());
    for a in body.answers {
        let value = match (a.score, a.yes) {
            (Some(score), None) => AnswerValue::Score(score),
            (None, Some(yes)) => AnswerValue::YesNo(yes),
            _ => {
                return Err(ApiError::invalid(
                    "invalid_answer",
                    format!(
                        "answer to {:?} needs exactly one of score or yes",
                        a.question
                    ),
                ));
            }
        };
        given.push(GivenAnswer {
            question: a.question,
            value,
        });
    }
    let recorded = surveys::record_answers(
        &state.store,
        &state.back_office.survey,
        contact,
        &given,
        Timestamp::now(),
    )
    .await
    .map_err(|e| ApiError::from_service(&e))?;
    Ok(Json(Recorded {
        answers: recorded.answers,
        followups: recorded.followups.len(),
    }))
}
