//! Gamebooks (runs of playbooks) recommended for or run on the incident.

use super::{GamebookRunningStatus, IncidentSource, JsonObject, PlaybookEntityType, PlaybookRunningStatus};
use crate::decode::lenient::{int32, object, objects};
use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// The recommended gamebooks and the last run (`IncidentGamebooksCatalogDto`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct IncidentGamebooksCatalogDto {
    /// Gamebooks recommended by ContraForce and by the service provider.
    #[serde(deserialize_with = "object")]
    pub recommended: Option<RecommendedGamebookDto>,
    /// The last gamebook run on the incident.
    #[serde(deserialize_with = "object")]
    pub last_gamebook: Option<GamebookDto>,
    /// Whether the last run is available.
    pub is_previous_run_available: Option<bool>,
    /// Whether a recommended gamebook is available.
    pub is_recommended_available: Option<bool>,
    /// Whether ContraForce recommends a gamebook.
    pub ai_recommended_available: Option<bool>,
    /// Whether the service provider recommends a gamebook.
    pub service_provider_recommended_available: Option<bool>,
}

/// The recommended gamebooks (`RecommendedGamebookDto`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct RecommendedGamebookDto {
    /// Recommended by ContraForce.
    #[serde(deserialize_with = "object")]
    pub ai_gamebook: Option<GamebookDto>,
    /// Recommended by the service provider.
    #[serde(deserialize_with = "object")]
    pub service_provider_gamebook: Option<GamebookDto>,
}

/// A gamebook: an ordered set of playbooks run against the incident's entities (`GamebookDto`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct GamebookDto {
    /// Gamebook id.
    pub id: Option<String>,
    /// Tracing id.
    pub tracing_id: Option<String>,
    /// Incident id.
    pub incident_id: Option<String>,
    /// Source system of the incident.
    pub source: Option<IncidentSource>,
    /// Incident title.
    pub incident_title: Option<String>,
    /// Incident number (sent as a number or a string of digits).
    #[serde(deserialize_with = "int32")]
    pub incident_number: Option<i32>,
    /// OCR flag.
    pub is_ocr: Option<bool>,
    /// Recover flag.
    pub is_recover: Option<bool>,
    /// The user who triggered the run (the API spells it `triggedByUserId`).
    pub trigged_by_user_id: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Last modification, as sent.
    pub modification_date: Option<String>,
    /// Creation, as sent.
    pub creation_date: Option<String>,
    /// Run status.
    pub status: Option<GamebookRunningStatus>,
    /// Title.
    pub title: Option<String>,
    /// Whether an admin must approve.
    pub is_admin_required: Option<bool>,
    /// Workspace id.
    pub workspace_id: Option<String>,
    /// Workspace name.
    pub workspace_name: Option<String>,
    /// Tenant id.
    pub tenant_id: Option<String>,
    /// Whether it ran automatically.
    pub is_auto_run: Option<bool>,
    /// For a retry: the id of the gamebook retried.
    pub original_gamebook_id: Option<String>,
    /// For a retry: the title of the gamebook retried.
    pub original_gamebook_title: Option<String>,
    /// Whether this is a retry of a failed gamebook.
    pub is_retry_gamebook: Option<bool>,
    /// Queued by a service provider, not started yet.
    pub is_queued: Option<bool>,
    /// The playbooks, in order.
    #[serde(deserialize_with = "objects")]
    pub playbooks: Vec<PlaybookGameplanDto>,
    /// Summary.
    pub summary: Option<String>,
}

/// One playbook of a gamebook, against one entity (`PlaybookGameplanDto`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct PlaybookGameplanDto {
    /// Playbook run id.
    pub id: Option<String>,
    /// Playbook id + entity id.
    pub reference_id: Option<String>,
    /// The entity it acts on.
    pub entity_id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The family of entity it acts on.
    pub entity_type: Option<PlaybookEntityType>,
    /// The entity, as shown.
    pub affected_entity: Option<String>,
    /// Whether it is recommended.
    pub is_recommended: Option<bool>,
    /// Run status.
    pub status: Option<PlaybookRunningStatus>,
    /// Why it failed.
    pub error_message: Option<String>,
    /// Position in the gamebook (sent as a number or a string of digits).
    #[serde(deserialize_with = "int32")]
    pub sequence: Option<i32>,
    /// Last modification, as sent.
    pub modification_date: Option<String>,
    /// Start, as sent.
    pub starting_date: Option<String>,
    /// End, as sent.
    pub finishing_date: Option<String>,
    /// Total execution time, as sent.
    pub execution_time: Option<String>,
    /// Tracing id.
    pub tracing_id: Option<String>,
    /// Parameters of a configurable playbook (free-form).
    #[tsify(type = "{ [key: string]: JsonValue } | null")]
    pub parameters: Option<JsonObject>,
    /// Whether an admin must approve.
    pub is_admin_required: Option<bool>,
}
