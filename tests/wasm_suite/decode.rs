//! `decodeIncidentResponse` from JavaScript: the values a JS user gets.

use super::*;
use contraforce_incident::wasm::decode_incident_response;
use wasm_bindgen_test::wasm_bindgen_test;

const FULL: &str = include_str!("../fixtures/incident_full.json");

fn decode(text: &str) -> JsValue {
    decode_incident_response(text.into()).expect("decodes")
}

fn decode_error(text: &str) -> JsValue {
    contraforce_error(&decode_incident_response(text.into()).expect_err("should fail"))
}

#[wasm_bindgen_test]
fn full_incident_is_plain_json_data() {
    let response = decode(FULL);
    assert_plain(&response, "");
    // JSON.stringify and structuredClone-safe: a round trip through JSON gives the same value.
    let again = JSON::parse(&JSON::stringify(&response).unwrap().as_string().unwrap()).unwrap();
    assert_eq!(JSON::stringify(&again).unwrap(), JSON::stringify(&response).unwrap());
    assert_eq!(text(&response, "data.incident.id").as_deref(), Some("INC-1042"));
    assert_eq!(at(&response, "data.incident.number").as_f64(), Some(1042.0));
}

#[wasm_bindgen_test]
fn int_or_string_fields_are_numbers() {
    let response = decode(include_str!("../fixtures/decode/int_as_number_and_as_string.json"));
    assert_eq!(at(&response, "data.incident.number").as_f64(), Some(42.0));
    assert_eq!(at(&response, "data.incident.alertsCount").as_f64(), Some(42.0));
    assert_eq!(at(&response, "data.gamebookCatalog.lastGamebook.playbooks[0].sequence").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
fn absent_and_null_are_null_never_undefined_and_arrays_are_arrays() {
    let response = decode(include_str!("../fixtures/decode/nulls_where_spec_says_non_null.json"));
    assert_plain(&response, "");
    for key in ["creationTime", "severity", "user", "isAssigned", "title", "number"] {
        let value = get(&at(&response, "data.incident"), key);
        assert!(value.is_null(), "incident.{key} should be null, is {value:?}");
    }
    assert!(at(&response, "meta").is_null());
    let entities = at(&response, "data.incident.entities");
    assert!(js_sys::Array::is_array(&entities) && js_sys::Array::from(&entities).length() == 0);
}

#[wasm_bindgen_test]
fn unknown_enum_values_are_kept_as_sent() {
    let response = decode(include_str!("../fixtures/decode/unknown_enum_values.json"));
    assert_eq!(text(&response, "data.source").as_deref(), Some("Tanium"));
    assert_eq!(text(&response, "data.incident.severity").as_deref(), Some("Critical"));
    assert_eq!(text(&response, "data.incident.status").as_deref(), Some("Resolved"));
    assert_eq!(text(&response, "data.incident.entities[0].type").as_deref(), Some("Satellite"));
}

#[wasm_bindgen_test]
fn timestamps_are_the_strings_sent() {
    let response = decode(include_str!("../fixtures/decode/timestamps_as_sent.json"));
    assert_eq!(text(&response, "data.incident.creationTime").as_deref(), Some("2024-03-01T10:00:00"));
    assert_eq!(
        text(&response, "data.incident.lastModificationTime").as_deref(),
        Some("2026-04-15T20:00:00.0000000+00:00")
    );
}

#[wasm_bindgen_test]
fn free_form_values_are_plain_objects_with_numbers_as_doubles() {
    let response = decode(include_str!("../fixtures/decode/free_form_values.json"));
    assert_plain(&response, "");
    assert_eq!(at(&response, "data.evidence.rows[1][0]").as_f64(), Some(9007199254740992.0));
    assert_eq!(at(&response, "data.evidence.rows[0][4].k[1]").as_string().as_deref(), Some("2"));
    let parameters = at(&response, "data.gamebookCatalog.lastGamebook.playbooks[0].parameters");
    assert_eq!(get(&parameters, "durationHours").as_f64(), Some(24.0));
}

#[wasm_bindgen_test]
fn string_bytes_and_array_buffer_inputs_agree() {
    let from_string = JSON::stringify(&decode(FULL)).unwrap();
    let bytes = js_sys::Uint8Array::from(FULL.as_bytes());
    let from_bytes = JSON::stringify(&decode_incident_response(bytes.clone().into()).unwrap()).unwrap();
    let from_buffer = JSON::stringify(&decode_incident_response(bytes.buffer().into()).unwrap()).unwrap();
    assert_eq!(from_string, from_bytes);
    assert_eq!(from_string, from_buffer);
}

#[wasm_bindgen_test]
fn wrong_types_throw_decode_errors_with_a_path() {
    let error = decode_error(include_str!("../fixtures/decode/wrong_type_entities_string.json"));
    assert_eq!(kind(&error), "Decode");
    assert_eq!(get(&error, "path").as_string().as_deref(), Some("data.incident.entities"));
    assert_eq!(get(&error, "expected").as_string().as_deref(), Some("an array"));
    let message = get(&error, "message").as_string().unwrap();
    assert!(message.contains("data.incident.entities") && message.contains("\"none\""), "{message}");

    let error = decode_error(include_str!("../fixtures/decode/int_string_beyond_int32.json"));
    assert_eq!(
        get(&error, "path").as_string().as_deref(),
        Some("data.gamebookCatalog.lastGamebook.playbooks[0].sequence")
    );

    let error = decode_error(include_str!("../fixtures/decode/not_json.txt"));
    assert_eq!((get(&error, "line").as_f64(), get(&error, "column").as_f64()), (Some(1.0), Some(1.0)));
}

#[wasm_bindgen_test]
fn a_wrong_input_type_is_an_invalid_argument() {
    let error = decode_incident_response(JsValue::from_f64(42.0)).expect_err("numbers are refused");
    assert_eq!(kind(&error), "InvalidArgument");
    assert_eq!(get(&error, "field").as_string().as_deref(), Some("input"));
}

#[wasm_bindgen_test]
fn the_instance_survives_bad_input() {
    for _ in 0..3 {
        decode_error("{\"data\":{\"incident\":[]}}");
        decode_error("\u{0}\u{1}garbage");
    }
    assert_eq!(text(&decode(FULL), "data.incident.id").as_deref(), Some("INC-1042"));
}

#[wasm_bindgen_test]
fn a_detached_buffer_is_an_empty_body_not_a_crash() {
    let buffer = js_sys::ArrayBuffer::new(8);
    let global = js_sys::global();
    let structured_clone: js_sys::Function = get(&global, "structuredClone").unchecked_into();
    let options = json("{}");
    Reflect::set(&options, &"transfer".into(), &js_sys::Array::of1(&buffer)).unwrap();
    structured_clone.call2(&JsValue::UNDEFINED, &buffer, &options).unwrap();
    let error = contraforce_error(&decode_incident_response(buffer.into()).expect_err("no bytes"));
    assert_eq!(kind(&error), "Decode");
}
