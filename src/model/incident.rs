//! `Incident`, its assignee and its entities.

use super::{Classification, ClassificationReason, EntityType, IncidentSource, Severity, Status};
use crate::decode::lenient::{int32, null_as_empty, object, objects};
use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// The base information of an incident (`Incident`). Timestamps are the strings the server sent: the spec says
/// they are in "the user's local time" and some carry no offset, so they are never reinterpreted.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct Incident {
    /// Incident id at the source.
    pub id: Option<String>,
    /// Internal name.
    pub name: Option<String>,
    /// Title shown to analysts.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Incident number (sent as a number or a string of digits).
    #[serde(deserialize_with = "int32")]
    pub number: Option<i32>,
    /// Incident type.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// Where the incident comes from.
    pub source: Option<IncidentSource>,
    /// Display name of the source.
    pub source_display_name: Option<String>,
    /// Last modification, as sent.
    pub last_modification_time: Option<String>,
    /// Creation, as sent.
    pub creation_time: Option<String>,
    /// Last activity, as sent.
    pub last_activity_time: Option<String>,
    /// Severity.
    pub severity: Option<Severity>,
    /// Classification, once closed.
    pub classification: Option<Classification>,
    /// Comment.
    pub comment: Option<String>,
    /// Why it was classified so.
    pub classification_reason: Option<ClassificationReason>,
    /// Analyst's classification comment.
    pub classification_comment: Option<String>,
    /// MITRE ATT&CK tactics.
    #[serde(deserialize_with = "null_as_empty")]
    pub tactics: Vec<String>,
    /// Ids of the related rules.
    #[serde(deserialize_with = "null_as_empty")]
    pub rule_ids: Vec<String>,
    /// Products that raised the alerts.
    #[serde(deserialize_with = "null_as_empty")]
    pub alert_product_names: Vec<String>,
    /// The assignee.
    #[serde(deserialize_with = "object")]
    pub user: Option<UserSummary>,
    /// Whether someone is assigned.
    pub is_assigned: Option<bool>,
    /// Product id.
    pub product_id: Option<String>,
    /// Status.
    pub status: Option<Status>,
    /// Number of alerts (sent as a number or a string of digits).
    #[serde(deserialize_with = "int32")]
    pub alerts_count: Option<i32>,
    /// Entities of the incident.
    #[serde(deserialize_with = "objects")]
    pub entities: Vec<IncidentEntity>,
    /// Name of the workspace in the customer tenant.
    pub workspace_name: Option<String>,
    /// Id of the workspace in the customer tenant.
    pub workspace_id: Option<String>,
    /// Whether the incident originally comes from Microsoft Defender XDR.
    #[serde(rename = "isDefenderXDRSourced")]
    pub is_defender_xdr_sourced: Option<bool>,
}

/// A light reference to a user (`UserSummary`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct UserSummary {
    /// User id.
    pub id: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
}

/// An entity of an incident, unified across sources (`IncidentEntity`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", default)]
pub struct IncidentEntity {
    /// Entity id.
    pub id: Option<String>,
    /// Entity type.
    #[serde(rename = "type")]
    pub r#type: Option<EntityType>,
    /// Source-specific kind.
    pub kind: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Friendly name.
    pub friendly_name: Option<String>,
    /// File name.
    pub file_name: Option<String>,
    /// Host name.
    pub host_name: Option<String>,
    /// Related account entity id.
    pub account_entity_id: Option<String>,
    /// Device id.
    pub device_id: Option<String>,
    /// Azure device id.
    pub device_azure_id: Option<String>,
    /// Defender ATP device id.
    pub defender_atp_device_id: Option<String>,
    /// Defender for Endpoint device id.
    pub defender_endpoint_device_id: Option<String>,
    /// Network message id of an e-mail.
    pub network_message_id: Option<String>,
    /// Algorithm of `fileHash`.
    pub hash_algorithm: Option<String>,
    /// Entra ID (AAD) user id.
    pub aad_user_id: Option<String>,
    /// E-mail address.
    pub email_address: Option<String>,
    /// User principal name.
    pub user_principal_name: Option<String>,
    /// IP address.
    pub ip_address: Option<String>,
    /// File hash.
    pub file_hash: Option<String>,
    /// E-mail id.
    pub email_id: Option<String>,
    /// E-mail subject.
    pub email_subject: Option<String>,
}
