//! The contract's schemas as Rust types, one per schema of `openapi.yaml`, named as the spec names them.
//!
//! Shared decoding rules (see `decode`): every field may be absent or `null`; absent or `null` scalars and
//! objects are `None` (`null` in JavaScript, never `undefined`); arrays are always arrays (`[]` for absent or
//! `null`); `[integer, string]` fields are `i32`; enums keep unlisted values; timestamps are the strings sent;
//! unknown properties are ignored.

mod enums;
mod gamebook;
mod incident;
mod investigation;
mod json;
mod problem;

pub use enums::{
    Classification, ClassificationReason, EntityType, GamebookRunningStatus, IncidentSource, PlaybookEntityType,
    PlaybookRunningStatus, Severity, Status,
};
pub use gamebook::{GamebookDto, IncidentGamebooksCatalogDto, PlaybookGameplanDto, RecommendedGamebookDto};
pub use incident::{Incident, IncidentEntity, UserSummary};
pub use investigation::{
    GeneralTableDto, IncidentCommentDto, IncidentInvestigationDetailsDto, InvestigationAlertDto, InvestigationEntityDto,
};
pub use json::{JsonObject, JsonValue};
pub use problem::{ApiProblemDetails, LegacyErrorBody};

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// The success envelope (`ApiResponseOfContraForceIncident`): `{ data, meta }`. `data` is required: a body
/// without it is not an incident response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct ApiResponseOfContraForceIncident {
    /// The incident with everything the request asked for.
    #[serde(deserialize_with = "crate::decode::lenient::required_object")]
    pub data: ContraForceIncident,
    /// Request id and server time.
    #[serde(default, deserialize_with = "crate::decode::lenient::object")]
    pub meta: Option<ResponseMeta>,
}

/// What [`crate::decode_incident_response`] returns: the success envelope.
pub type IncidentResponse = ApiResponseOfContraForceIncident;

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_INCIDENT_RESPONSE: &'static str = r#"
/** What `decodeIncidentResponse` and `getIncident` return: the success envelope. */
export type IncidentResponse = ApiResponseOfContraForceIncident;
"#;

/// `meta` of the envelope.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct ResponseMeta {
    /// The server's id for this request; quote it to the vendor's support.
    pub request_id: Option<String>,
    /// Server time of the response, as sent.
    pub timestamp: Option<String>,
}

/// An incident from any source, with its details (`ContraForceIncident`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct ContraForceIncident {
    /// Where the incident comes from.
    pub source: Option<IncidentSource>,
    /// The incident itself.
    #[serde(deserialize_with = "crate::decode::lenient::object")]
    pub incident: Option<Incident>,
    /// Entities, alerts and comments (with `withDetails`).
    #[serde(deserialize_with = "crate::decode::lenient::object")]
    pub investigation_details: Option<IncidentInvestigationDetailsDto>,
    /// Evidence as a table (with `withDetails`).
    #[serde(deserialize_with = "crate::decode::lenient::object")]
    pub evidence: Option<GeneralTableDto>,
    /// The recommended and the last run gamebooks.
    #[serde(deserialize_with = "crate::decode::lenient::object")]
    pub gamebook_catalog: Option<IncidentGamebooksCatalogDto>,
}
