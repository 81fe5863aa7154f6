//! The decoding rules of the contract, one named test per rule, each on a fixture file named for what it shows.

use contraforce_incident::model::{Classification, IncidentSource, JsonValue, Severity, Status};
use contraforce_incident::{decode_incident_response, DecodeError};

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("fixtures/decode/", $name)).as_slice()
    };
}

fn decode_err(bytes: &[u8]) -> DecodeError {
    match decode_incident_response(bytes) {
        Ok(value) => panic!("expected a decode error, got {value:?}"),
        Err(error) => error,
    }
}

// Rule 1: integers typed [integer, string].

#[test]
fn int_fields_accept_numbers_and_digit_strings() {
    let data = decode_incident_response(fixture!("int_as_number_and_as_string.json")).unwrap().data;
    let incident = data.incident.unwrap();
    assert_eq!(incident.number, Some(42));
    assert_eq!(incident.alerts_count, Some(42));
    let gamebook = data.gamebook_catalog.unwrap().last_gamebook.unwrap();
    assert_eq!(gamebook.incident_number, Some(-7));
    let sequences: Vec<_> = gamebook.playbooks.iter().map(|playbook| playbook.sequence).collect();
    assert_eq!(sequences, [Some(0), Some(3)]);
}

#[test]
fn int_fields_refuse_what_is_not_an_int32() {
    let cases: [(&[u8], &str, &str); 7] = [
        (fixture!("int_string_leading_zero.json"), "data.incident.number", "\"042\""),
        (fixture!("int_string_decimal.json"), "data.incident.number", "\"4.2\""),
        (fixture!("int_string_empty.json"), "data.incident.alertsCount", "\"\""),
        (fixture!("int_string_exponent.json"), "data.incident.number", "\"1e3\""),
        (fixture!("int_fractional_number.json"), "data.incident.number", "4.5"),
        (fixture!("int_beyond_safe_integer.json"), "data.incident.number", "9007199254740993"),
        (
            fixture!("int_string_beyond_int32.json"),
            "data.gamebookCatalog.lastGamebook.playbooks[0].sequence",
            "-89761299284",
        ),
    ];
    for (bytes, path, found) in cases {
        let error = decode_err(bytes);
        assert_eq!(error.path, path);
        assert!(error.expected.contains("int32"), "{error}");
        assert!(error.found.contains(found), "found {:?} should mention {found}", error.found);
    }
}

#[test]
fn int_digits_pattern_is_exact() {
    use contraforce_incident::decode::lenient::parse_int32_digits;
    assert_eq!(parse_int32_digits("0"), Some(0));
    assert_eq!(parse_int32_digits("-0"), Some(0));
    assert_eq!(parse_int32_digits("2147483647"), Some(i32::MAX));
    assert_eq!(parse_int32_digits("-2147483648"), Some(i32::MIN));
    for bad in ["2147483648", "+1", " 1", "1 ", "--1", "-", "0x10", "١٢", "00", "-01"] {
        assert_eq!(parse_int32_digits(bad), None, "{bad:?}");
    }
}

// Rule 2: any field may be absent or null; arrays are always arrays; nothing else is invented.

#[test]
fn null_where_the_spec_says_non_null_decodes() {
    let incident =
        decode_incident_response(fixture!("nulls_where_spec_says_non_null.json")).unwrap().data.incident.unwrap();
    assert_eq!(incident.creation_time, None);
    assert_eq!(incident.severity, None);
    assert_eq!(incident.user, None);
    assert_eq!(incident.is_assigned, None);
}

#[test]
fn null_arrays_become_empty_and_null_scalars_stay_null() {
    let response = decode_incident_response(fixture!("nulls_everywhere.json")).unwrap();
    let data = response.data;
    assert_eq!(data.source, None);
    assert_eq!(response.meta, None);
    let incident = data.incident.unwrap();
    assert!(incident.tactics.is_empty() && incident.rule_ids.is_empty() && incident.entities.is_empty());
    assert_eq!((incident.number, incident.classification, incident.is_defender_xdr_sourced), (None, None, None));
    let details = data.investigation_details.unwrap();
    assert!(details.entities.is_empty() && details.alerts.is_empty() && details.incident_comment.is_empty());
    let evidence = data.evidence.unwrap();
    assert!(evidence.columns.is_empty() && evidence.rows.is_empty());
    let gamebook = data.gamebook_catalog.unwrap().last_gamebook.unwrap();
    assert!(gamebook.playbooks.is_empty());
    assert_eq!((gamebook.status, gamebook.is_ocr), (None, None));
}

#[test]
fn absent_fields_are_none_not_defaults() {
    let data = decode_incident_response(fixture!("absent_everything.json")).unwrap().data;
    assert_eq!(data, Default::default());
    assert_eq!(data.incident, None, "an absent object is not invented");
}

// Rule 3: enums the server can extend keep unknown values verbatim.

#[test]
fn unknown_enum_values_are_kept_verbatim() {
    let data = decode_incident_response(fixture!("unknown_enum_values.json")).unwrap().data;
    assert_eq!(data.source, Some(IncidentSource::Unlisted("Tanium".into())));
    let incident = data.incident.unwrap();
    assert_eq!(incident.severity.as_ref().map(Severity::as_str), Some("Critical"));
    assert_eq!(incident.status.as_ref().map(Status::as_str), Some("Resolved"));
    assert_eq!(incident.classification, Some(Classification::Unlisted("Benign".into())));
    assert_eq!(incident.entities[0].r#type.as_ref().unwrap().as_str(), "Satellite");
    let gamebook = data.gamebook_catalog.unwrap().last_gamebook.unwrap();
    assert_eq!(gamebook.status.unwrap().as_str(), "Paused");
    assert_eq!(gamebook.playbooks[0].status.as_ref().unwrap().as_str(), "Skipped");
    assert_eq!(gamebook.playbooks[0].entity_type.as_ref().unwrap().as_str(), "Cloud");
}

#[test]
fn known_enum_values_decode_to_their_variants_and_null_is_no_member() {
    let incident = decode_incident_response(fixture!("classification_null.json")).unwrap().data.incident.unwrap();
    assert_eq!(incident.classification, None);
    assert_eq!(incident.classification_reason, None);
    assert_eq!(incident.severity, Some(Severity::High));
    assert_eq!(incident.status, Some(Status::Closed));
    assert!(!Classification::KNOWN.contains(&"null"));
}

// Rule 4: timestamps stay exactly as sent.

#[test]
fn timestamps_are_the_strings_sent() {
    let response = decode_incident_response(fixture!("timestamps_as_sent.json")).unwrap();
    let incident = response.data.incident.unwrap();
    assert_eq!(incident.creation_time.as_deref(), Some("2024-03-01T10:00:00"));
    assert_eq!(incident.last_modification_time.as_deref(), Some("2026-04-15T20:00:00.0000000+00:00"));
    assert_eq!(incident.last_activity_time.as_deref(), Some("2026-04-15T19:58:12Z"));
    let alert = &response.data.investigation_details.unwrap().alerts[0];
    assert_eq!(alert.time_generated.as_deref(), Some("2026-04-15T21:00:00.1234567-05:00"));
    assert_eq!(response.meta.unwrap().timestamp.as_deref(), Some("2026-04-15T20:00:00.0000000+00:00"));
}

// Rule 5: a value of the wrong type is an error with a path, what was expected and what was found.

#[test]
fn wrong_types_report_path_expected_and_found() {
    let error = decode_err(fixture!("wrong_type_entities_string.json"));
    assert_eq!(error.path, "data.incident.entities");
    assert_eq!(error.expected, "an array");
    assert_eq!(error.found, "string \"none\"");
    assert_eq!((error.line, error.column), (4, 19), "line and column of the value's first character");

    let error = decode_err(fixture!("wrong_type_incident_array.json"));
    assert_eq!(error.path, "data.incident");
    assert_eq!(error.expected, "an object (Incident)");
    assert_eq!(error.found, "an array");

    let error = decode_err(br#"{"data":{"incident":{"entities":[{},[]]}}}"#);
    assert_eq!(error.path, "data.incident.entities[1]");
    assert_eq!((error.expected.as_str(), error.found.as_str()), ("an object (IncidentEntity)", "an array"));

    let error = decode_err(fixture!("wrong_type_title_object.json"));
    assert_eq!(error.path, "data.incident.title");
    assert_eq!(error.expected, "a string");
    assert_eq!(error.found, "an object");

    let error = decode_err(fixture!("wrong_type_deep_entity.json"));
    assert_eq!(error.path, "data.investigationDetails.entities[1].isValidEntraIdUser");
    assert_eq!(error.found, "string \"yes\"");
    let message = error.to_string();
    assert!(
        message.contains("data.investigationDetails.entities[1].isValidEntraIdUser") && message.contains("boolean")
    );
}

#[test]
fn a_body_that_is_not_json_reports_line_and_column() {
    let error = decode_err(fixture!("not_json.txt"));
    assert_eq!(error.path, "");
    assert_eq!((error.line, error.column), (1, 1));
    assert_eq!(error.expected, "valid JSON");
    let error = decode_err(fixture!("truncated_json.json"));
    assert_eq!(error.found, "the end of the body");
    assert!(error.to_string().contains("line 1"));
}

#[test]
fn a_body_without_data_is_not_an_incident_response() {
    for bytes in [fixture!("missing_data.json"), fixture!("problem_document_in_200.json")] {
        let error = decode_err(bytes);
        assert_eq!(error.path, "data");
        assert!(error.found.contains("missing"), "{error}");
    }
    let error = decode_err(br#"{"data":null}"#);
    assert_eq!((error.path.as_str(), error.found.as_str()), ("data", "null"));
}

// Rule 6: unknown extra fields are accepted.

#[test]
fn unknown_fields_are_ignored() {
    let response = decode_incident_response(fixture!("unknown_fields.json")).unwrap();
    assert_eq!(response.data.incident.unwrap().title.as_deref(), Some("Known"));
    assert_eq!(response.meta.unwrap().request_id.as_deref(), Some("r-1"));
}

// Free-form values pass through as plain JSON.

#[test]
fn free_form_values_pass_through() {
    let data = decode_incident_response(fixture!("free_form_values.json")).unwrap().data;
    let evidence = data.evidence.unwrap();
    assert_eq!(evidence.rows.len(), 2);
    assert_eq!(evidence.rows[0][4], JsonValue(serde_json::json!({"k": [1, "2"]})));
    assert_eq!(evidence.rows[1][1], JsonValue(serde_json::json!(-0.5)));
    let playbook = &data.gamebook_catalog.unwrap().last_gamebook.unwrap().playbooks[0];
    let parameters = playbook.parameters.as_ref().unwrap();
    assert_eq!(parameters["ip"], JsonValue(serde_json::json!("203.0.113.7")));
    assert_eq!(parameters["nested"], JsonValue(serde_json::json!({"list": [true, null]})));
}

#[test]
fn a_utf8_byte_order_mark_is_skipped() {
    let incident = decode_incident_response(fixture!("utf8_bom.json")).unwrap().data.incident.unwrap();
    assert_eq!(incident.title.as_deref(), Some("BOM"));
}

// Output: everything serializes with every field present (null, never absent), so JavaScript sees no `undefined`.

#[test]
fn output_has_every_field_present() {
    let response = decode_incident_response(fixture!("absent_everything.json")).unwrap();
    let value = serde_json::to_value(&response).unwrap();
    assert_eq!(value["meta"], serde_json::Value::Null);
    for key in ["source", "incident", "investigationDetails", "evidence", "gamebookCatalog"] {
        assert!(value["data"].get(key).is_some_and(serde_json::Value::is_null), "{key}");
    }
    let incident = decode_incident_response(br#"{"data":{"incident":{}}}"#).unwrap();
    let incident = serde_json::to_value(&incident).unwrap()["data"]["incident"].clone();
    assert_eq!(incident["entities"], serde_json::json!([]));
    assert_eq!(incident["isDefenderXDRSourced"], serde_json::Value::Null);
    assert_eq!(incident.as_object().unwrap().len(), 28);
}

#[test]
fn a_top_level_array_is_not_an_envelope() {
    let error = decode_err(br#"[{"incident":{}},null]"#);
    assert_eq!(error.path, "");
    assert_eq!(error.expected, "an object (ApiResponseOfContraForceIncident)");
    assert_eq!(error.found, "an array");
}

#[test]
fn line_and_column_point_at_the_offending_value() {
    let column = |body: &[u8]| {
        let error = decode_err(body);
        (error.line, error.column)
    };
    assert_eq!(column(br#"{"data":[]}"#), (1, 9));
    assert_eq!(column(br#"{"data":{"incident":{"tactics":{}}}}"#), (1, 32));
    assert_eq!(column(br#"{"data":{"incident":{"number":"042"}}}"#), (1, 31));
    assert_eq!(column(b"{\"data\":{\"incident\":{\"number\":\n   4.5}}}"), (2, 4));
    assert_eq!(column(b"[]"), (1, 1));
    assert_eq!(column(b""), (1, 1));
    assert_eq!(column(br#"{"meta":{}}"#), (1, 11), "a missing field points at the end of its object");
}
