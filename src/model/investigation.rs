//! Investigation details (entities, alerts, comments) and the evidence table.

use super::{EntityType, Incident, JsonValue, PlaybookEntityType};
use crate::decode::lenient::{null_as_empty, object, objects};
use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// Entities, alerts, the incident and its comments (`IncidentInvestigationDetailsDto`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct IncidentInvestigationDetailsDto {
    /// Entities of the investigation graph.
    #[serde(deserialize_with = "objects")]
    pub entities: Vec<InvestigationEntityDto>,
    /// Alerts of the incident.
    #[serde(deserialize_with = "objects")]
    pub alerts: Vec<InvestigationAlertDto>,
    /// The incident, as the investigation sees it.
    #[serde(deserialize_with = "object")]
    pub incident: Option<Incident>,
    /// Comments, oldest first as sent.
    #[serde(deserialize_with = "objects")]
    pub incident_comment: Vec<IncidentCommentDto>,
}

/// An entity of the investigation graph (`InvestigationEntityDto`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct InvestigationEntityDto {
    /// Entity id.
    pub id: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// File name.
    pub file_name: Option<String>,
    /// File hash.
    pub file_hash: Option<String>,
    /// Entity type.
    #[serde(rename = "type")]
    pub r#type: Option<EntityType>,
    /// Friendly name.
    pub friendly_name: Option<String>,
    /// Host name.
    pub host_name: Option<String>,
    /// Source-specific kind.
    pub kind: Option<String>,
    /// Related account entity id.
    pub account_entity_id: Option<String>,
    /// Network message id of an e-mail.
    pub network_message_id: Option<String>,
    /// Command line of a process.
    pub command_line: Option<String>,
    /// User principal name.
    pub user_upn: Option<String>,
    /// Device id.
    pub device_id: Option<String>,
    /// Entra ID (AAD) user id.
    pub aad_user_id: Option<String>,
    /// The family of playbooks that apply to the entity.
    pub entity_type: Option<PlaybookEntityType>,
    /// Whether the user is an Entra ID user (else a local user).
    pub is_valid_entra_id_user: Option<bool>,
    /// Whether the device is Entra ID joined (else a local device).
    pub is_valid_entra_id_device: Option<bool>,
}

/// An alert of the incident (`InvestigationAlertDto`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct InvestigationAlertDto {
    /// Alert id.
    pub id: Option<String>,
    /// Kind.
    pub kind: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Alert name.
    pub alert_name: Option<String>,
    /// Vendor.
    pub vendor_name: Option<String>,
    /// Type.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// When the alert was generated, as sent.
    pub time_generated: Option<String>,
    /// MITRE ATT&CK tactics.
    #[serde(deserialize_with = "null_as_empty")]
    pub tactics: Vec<String>,
    /// Severity (free text in the spec).
    pub severity: Option<String>,
    /// Product that raised it.
    pub product_name: Option<String>,
    /// Device id.
    pub device_id: Option<String>,
}

/// A comment on the incident (`IncidentCommentDto`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct IncidentCommentDto {
    /// Comment id.
    pub id: Option<String>,
    /// Text.
    pub message: Option<String>,
    /// When it was written, as sent.
    pub created_time: Option<String>,
    /// Author's e-mail.
    pub author_email: Option<String>,
    /// Author's name.
    pub author_name: Option<String>,
    /// A system activity (status change, assignment, ...) rather than a written note.
    pub is_activity_comment: Option<bool>,
    /// Written by an AI agent rather than a human analyst.
    pub is_agent_comment: Option<bool>,
    /// The agent that wrote it.
    pub agent_name: Option<String>,
    /// The comment added when the incident was resolved or closed.
    pub is_closing_comment: Option<bool>,
    /// Ticket note id in the service ticketing system.
    pub ticket_note_id: Option<String>,
    /// Ticket id in the service ticketing system.
    pub ticket_id: Option<String>,
}

/// A table (`GeneralTableDto`): the evidence of the incident.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct GeneralTableDto {
    /// Column names.
    #[serde(deserialize_with = "null_as_empty")]
    pub columns: Vec<String>,
    /// Rows; each cell is any JSON value, as sent.
    #[serde(deserialize_with = "null_as_empty")]
    #[tsify(type = "JsonValue[][]")]
    pub rows: Vec<Vec<JsonValue>>,
}
