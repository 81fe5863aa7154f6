//! The model's shape as data, for the fast path (`fast.rs`): field names in declaration order and what each holds.
//!
//! Mirrors `crate::model` field for field; `tests/fast_path.rs` checks the names against the serialized model and the
//! decoded values against the serde decoder on every fixture and generated body.

/// What a field holds, with the decoding rule of its model type.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// `Option<String>` or an extensible enum: a string or `null`.
    Text,
    /// `Option<bool>`.
    Bool,
    /// `Option<i32>` sent as a number or a string of digits (`lenient::int32`).
    Int32,
    /// `Vec<String>` where `null` is `[]` (`lenient::null_as_empty`).
    Texts,
    /// `Option<T>` of a model object (`lenient::object`).
    Object(&'static Schema),
    /// `T`, a model object that must be there (`lenient::required_object`).
    RequiredObject(&'static Schema),
    /// `Vec<T>` of model objects where `null` is `[]` (`lenient::objects`).
    Objects(&'static Schema),
    /// `Option<JsonObject>`: a free-form object or `null`.
    FreeObject,
    /// `Vec<Vec<JsonValue>>` where the outer `null` is `[]`.
    Rows,
}

/// One field: its JSON name and kind.
pub(crate) struct Field {
    #[cfg_attr(not(test), allow(dead_code))] // read by the consistency test
    pub name: &'static str,
    pub kind: Kind,
}

/// A model object's fields, in the order the model declares (and serializes) them.
pub(crate) struct Schema {
    #[cfg_attr(not(test), allow(dead_code))] // read by the consistency test
    pub name: &'static str,
    pub fields: &'static [Field],
}

impl Schema {
    /// The index of the field named `key`, if the model has one, trying `hint` first: servers send fields in
    /// the model's order, so the next field is nearly always the one after the last.
    #[inline]
    pub fn find(&self, key: &[u8], hint: usize) -> Option<usize> {
        if self.fields.get(hint).is_some_and(|field| field.name.as_bytes() == key) {
            return Some(hint);
        }
        self.fields.iter().position(|field| field.name.as_bytes() == key)
    }
}

macro_rules! schema {
    ($static:ident = $name:literal { $($field:literal: $kind:expr),+ $(,)? }) => {
        pub(crate) static $static: Schema = Schema {
            name: $name,
            fields: &[$(Field { name: $field, kind: $kind }),+],
        };
    };
}

use Kind::*;

schema!(RESPONSE = "ApiResponseOfContraForceIncident" {
    "data": RequiredObject(&CONTRAFORCE_INCIDENT),
    "meta": Object(&RESPONSE_META),
});

schema!(RESPONSE_META = "ResponseMeta" { "requestId": Text, "timestamp": Text });

schema!(CONTRAFORCE_INCIDENT = "ContraForceIncident" {
    "source": Text,
    "incident": Object(&INCIDENT),
    "investigationDetails": Object(&INVESTIGATION_DETAILS),
    "evidence": Object(&GENERAL_TABLE),
    "gamebookCatalog": Object(&GAMEBOOKS_CATALOG),
});

schema!(INCIDENT = "Incident" {
    "id": Text, "name": Text, "title": Text, "description": Text, "number": Int32, "type": Text, "source": Text,
    "sourceDisplayName": Text, "lastModificationTime": Text, "creationTime": Text, "lastActivityTime": Text,
    "severity": Text, "classification": Text, "comment": Text, "classificationReason": Text,
    "classificationComment": Text, "tactics": Texts, "ruleIds": Texts, "alertProductNames": Texts,
    "user": Object(&USER_SUMMARY), "isAssigned": Bool, "productId": Text, "status": Text, "alertsCount": Int32,
    "entities": Objects(&INCIDENT_ENTITY), "workspaceName": Text, "workspaceId": Text, "isDefenderXDRSourced": Bool,
});

schema!(USER_SUMMARY = "UserSummary" { "id": Text, "displayName": Text, "email": Text });

schema!(INCIDENT_ENTITY = "IncidentEntity" {
    "id": Text, "type": Text, "kind": Text, "displayName": Text, "friendlyName": Text, "fileName": Text,
    "hostName": Text, "accountEntityId": Text, "deviceId": Text, "deviceAzureId": Text, "defenderAtpDeviceId": Text,
    "defenderEndpointDeviceId": Text, "networkMessageId": Text, "hashAlgorithm": Text, "aadUserId": Text,
    "emailAddress": Text, "userPrincipalName": Text, "ipAddress": Text, "fileHash": Text, "emailId": Text,
    "emailSubject": Text,
});

schema!(INVESTIGATION_DETAILS = "IncidentInvestigationDetailsDto" {
    "entities": Objects(&INVESTIGATION_ENTITY),
    "alerts": Objects(&INVESTIGATION_ALERT),
    "incident": Object(&INCIDENT),
    "incidentComment": Objects(&INCIDENT_COMMENT),
});

schema!(INVESTIGATION_ENTITY = "InvestigationEntityDto" {
    "id": Text, "displayName": Text, "fileName": Text, "fileHash": Text, "type": Text, "friendlyName": Text,
    "hostName": Text, "kind": Text, "accountEntityId": Text, "networkMessageId": Text, "commandLine": Text,
    "userUpn": Text, "deviceId": Text, "aadUserId": Text, "entityType": Text, "isValidEntraIdUser": Bool,
    "isValidEntraIdDevice": Bool,
});

schema!(INVESTIGATION_ALERT = "InvestigationAlertDto" {
    "id": Text, "kind": Text, "displayName": Text, "alertName": Text, "vendorName": Text, "type": Text,
    "description": Text, "timeGenerated": Text, "tactics": Texts, "severity": Text, "productName": Text,
    "deviceId": Text,
});

schema!(INCIDENT_COMMENT = "IncidentCommentDto" {
    "id": Text, "message": Text, "createdTime": Text, "authorEmail": Text, "authorName": Text,
    "isActivityComment": Bool, "isAgentComment": Bool, "agentName": Text, "isClosingComment": Bool,
    "ticketNoteId": Text, "ticketId": Text,
});

schema!(GENERAL_TABLE = "GeneralTableDto" { "columns": Texts, "rows": Rows });

schema!(GAMEBOOKS_CATALOG = "IncidentGamebooksCatalogDto" {
    "recommended": Object(&RECOMMENDED_GAMEBOOK),
    "lastGamebook": Object(&GAMEBOOK),
    "isPreviousRunAvailable": Bool,
    "isRecommendedAvailable": Bool,
    "aiRecommendedAvailable": Bool,
    "serviceProviderRecommendedAvailable": Bool,
});

schema!(RECOMMENDED_GAMEBOOK = "RecommendedGamebookDto" {
    "aiGamebook": Object(&GAMEBOOK),
    "serviceProviderGamebook": Object(&GAMEBOOK),
});

schema!(GAMEBOOK = "GamebookDto" {
    "id": Text, "tracingId": Text, "incidentId": Text, "source": Text, "incidentTitle": Text,
    "incidentNumber": Int32, "isOcr": Bool, "isRecover": Bool, "triggedByUserId": Text, "displayName": Text,
    "modificationDate": Text, "creationDate": Text, "status": Text, "title": Text, "isAdminRequired": Bool,
    "workspaceId": Text, "workspaceName": Text, "tenantId": Text, "isAutoRun": Bool, "originalGamebookId": Text,
    "originalGamebookTitle": Text, "isRetryGamebook": Bool, "isQueued": Bool, "playbooks": Objects(&PLAYBOOK),
    "summary": Text,
});

schema!(PLAYBOOK = "PlaybookGameplanDto" {
    "id": Text, "referenceId": Text, "entityId": Text, "name": Text, "description": Text, "entityType": Text,
    "affectedEntity": Text, "isRecommended": Bool, "status": Text, "errorMessage": Text, "sequence": Int32,
    "modificationDate": Text, "startingDate": Text, "finishingDate": Text, "executionTime": Text, "tracingId": Text,
    "parameters": FreeObject, "isAdminRequired": Bool,
});

/// Every schema, for the consistency test.
#[cfg(test)]
pub(crate) static ALL: &[&Schema] = &[
    &RESPONSE,
    &RESPONSE_META,
    &CONTRAFORCE_INCIDENT,
    &INCIDENT,
    &USER_SUMMARY,
    &INCIDENT_ENTITY,
    &INVESTIGATION_DETAILS,
    &INVESTIGATION_ENTITY,
    &INVESTIGATION_ALERT,
    &INCIDENT_COMMENT,
    &GENERAL_TABLE,
    &GAMEBOOKS_CATALOG,
    &RECOMMENDED_GAMEBOOK,
    &GAMEBOOK,
    &PLAYBOOK,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    /// The JSON of a default value: every field `null` or `[]`, in declaration order.
    fn empty(schema: &Schema) -> String {
        let fields: Vec<String> = schema
            .fields
            .iter()
            .map(|field| {
                let value = match field.kind {
                    Texts | Objects(_) | Rows => "[]".to_owned(),
                    RequiredObject(inner) => empty(inner),
                    _ => "null".to_owned(),
                };
                format!("\"{}\":{value}", field.name)
            })
            .collect();
        format!("{{{}}}", fields.join(","))
    }

    #[test]
    fn every_schema_lists_its_model_fields_in_order_with_their_kinds() {
        fn json<T: serde::Serialize + Default>() -> String {
            serde_json::to_string(&T::default()).unwrap()
        }
        let models = [
            ("ApiResponseOfContraForceIncident", json::<ApiResponseOfContraForceIncident>()),
            ("ResponseMeta", json::<ResponseMeta>()),
            ("ContraForceIncident", json::<ContraForceIncident>()),
            ("Incident", json::<Incident>()),
            ("UserSummary", json::<UserSummary>()),
            ("IncidentEntity", json::<IncidentEntity>()),
            ("IncidentInvestigationDetailsDto", json::<IncidentInvestigationDetailsDto>()),
            ("InvestigationEntityDto", json::<InvestigationEntityDto>()),
            ("InvestigationAlertDto", json::<InvestigationAlertDto>()),
            ("IncidentCommentDto", json::<IncidentCommentDto>()),
            ("GeneralTableDto", json::<GeneralTableDto>()),
            ("IncidentGamebooksCatalogDto", json::<IncidentGamebooksCatalogDto>()),
            ("RecommendedGamebookDto", json::<RecommendedGamebookDto>()),
            ("GamebookDto", json::<GamebookDto>()),
            ("PlaybookGameplanDto", json::<PlaybookGameplanDto>()),
        ];
        assert_eq!(models.len(), ALL.len());
        for schema in ALL {
            let (_, model) = models.iter().find(|(name, _)| *name == schema.name).expect(schema.name);
            assert_eq!(&empty(schema), model, "{}", schema.name);
            assert!(schema.fields.len() <= 64, "{}: the fast path tracks fields in a u64", schema.name);
        }
    }
}
