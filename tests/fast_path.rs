//! The fast path behind `decode_incident_response_json` (what the wasm build hands to `JSON.parse`): it takes the
//! bodies real servers send, gives exactly the serde decoder's values, and leaves everything unusual to it.
//! (`tests/fuzz.rs` checks the same agreement on every generated input.)

mod common;

use common::as_doubles;
use contraforce_incident::decode::{decode_incident_response_json, fast_path_only, fast_path_only_in_windows_of};
use contraforce_incident::decode_incident_response;
use serde_json::Value;

/// The serde decoder's value, serialized as the JSON text decoder must give it.
fn reference(bytes: &[u8]) -> Value {
    serde_json::to_value(decode_incident_response(bytes).expect("the decoder accepts it")).unwrap()
}

/// Taken by the fast path, with the decoder's values.
fn fast(body: &str) -> String {
    let text = fast_path_only(body.as_bytes()).unwrap_or_else(|| panic!("the fast path refused {body}"));
    assert!(text.is_ascii());
    let parsed: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(as_doubles(&parsed), as_doubles(&reference(body.as_bytes())), "{body}");
    assert_eq!(decode_incident_response_json(body.as_bytes()).unwrap(), text);
    text
}

/// Left to the serde decoder; the JSON text decoder still gives its value or its error.
fn left_to_serde(body: &str) {
    assert_eq!(fast_path_only(body.as_bytes()), None, "the fast path took {body}");
    match decode_incident_response(body.as_bytes()) {
        Ok(response) => {
            let text = decode_incident_response_json(body.as_bytes()).unwrap();
            assert!(text.is_ascii());
            let parsed: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(as_doubles(&parsed), as_doubles(&serde_json::to_value(response).unwrap()), "{body}");
        }
        Err(error) => assert_eq!(decode_incident_response_json(body.as_bytes()).unwrap_err(), error),
    }
}

fn incident(fields: &str) -> String {
    format!(r#"{{"data":{{"incident":{{{fields}}}}}}}"#)
}

#[test]
fn every_valid_fixture_takes_the_fast_path() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut taken = 0;
    for folder in [dir.to_owned(), format!("{dir}/decode")] {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let valid = decode_incident_response(&bytes).is_ok();
            // The only valid bodies it may leave to serde: none among the fixtures.
            assert_eq!(fast_path_only(&bytes).is_some(), valid, "{name}");
            if valid {
                fast(std::str::from_utf8(&bytes).unwrap());
                taken += 1;
            } else {
                left_to_serde(&String::from_utf8_lossy(&bytes));
            }
        }
    }
    assert!(taken >= 12, "only {taken} valid fixtures");
}

#[test]
fn output_is_the_model_in_its_order_with_absent_fields_filled_and_unknown_ones_dropped() {
    let text =
        fast(r#"{"meta":{"timestamp":"t"},"extra":[1,{"a":"\u00e9"}],"data":{"incident":{"title":"T","id":"1"}}}"#);
    assert!(text.starts_with(r#"{"data":{"source":null,"incident":{"id":"1","name":null,"title":"T","#), "{text}");
    assert!(text.contains(r#""tactics":[],"ruleIds":[],"#), "{text}");
    assert!(text.ends_with(r#""meta":{"requestId":null,"timestamp":"t"}}"#), "{text}");
    assert!(!text.contains("extra"), "{text}");
}

#[test]
fn strings_come_out_ascii_with_escapes_kept() {
    let text = fast(&incident(r#""title":"Zugriff für Benutzer 東京 😀 \"q\" \\ \/ \n \u00e9 \ud83d\ude00""#));
    assert!(
        text.contains(
            r#""title":"Zugriff f\u00fcr Benutzer \u6771\u4eac \ud83d\ude00 \"q\" \\ \/ \n \u00e9 \ud83d\ude00""#
        ),
        "{text}"
    );
}

#[test]
fn lenient_rules_are_the_decoders() {
    fast(&incident(r#""number":"42","alertsCount":-2147483648,"isAssigned":null,"tactics":null,"entities":null"#));
    fast(&incident(r#""number":"-0","severity":"NotYetListed","user":null"#));
    fast(
        r#"{"data":{"evidence":{"columns":["a"],"rows":[[1,-0.0,1e300,12345678901234567890,"x",null,true,{"k":[]}]]}}}"#,
    );
    fast(r#"{"data":{"gamebookCatalog":{"lastGamebook":{"playbooks":[{"parameters":{"b":1,"a":{"c":[false]}}}]}}}}"#);
}

#[test]
fn anything_unusual_is_left_to_the_decoder() {
    for body in [
        incident(r#""number":1.0"#),
        incident(r#""number":"01""#),
        incident(r#""number":2147483648"#),
        incident(r#""number":-0"#),
        incident(r#""number":"4\u0032""#),
        incident(r#""title":1"#),
        incident(r#""title":"a","title":"b""#),
        incident(r#""\u0074itle":"escaped name""#),
        incident(r#""title":"\ud800 lone""#),
        incident(r#""title":"\udc00 lone""#),
        incident("\"title\":\"raw\u{1}control\""),
        incident(r#""tactics":[null]"#),
        incident(r#""entities":[null]"#),
        incident(r#""entities":{}"#),
        incident(r#""user":[]"#),
        r#"{"data":{"evidence":{"rows":[null]}}}"#.to_owned(),
        r#"{"data":{"evidence":{"rows":[[1e400]]}}}"#.to_owned(),
        r#"{"data":{"evidence":{"rows":[[-0]]}}}"#.to_owned(),
        format!(r#"{{"data":{{"evidence":{{"rows":[{}1{}]}}}}}}"#, "[".repeat(120), "]".repeat(120)),
        r#"{"data":null}"#.to_owned(),
        r#"{"meta":{}}"#.to_owned(),
        r#"[]"#.to_owned(),
        r#"{"data":{}} x"#.to_owned(),
        r#"{"data":{},}"#.to_owned(),
        r#"{"data":{"incident":{"title":"cut"#.to_owned(),
    ] {
        left_to_serde(&body);
    }
    // Invalid UTF-8, in a known field and in an unknown one.
    for bytes in [&b"{\"data\":{\"incident\":{\"title\":\"\xff\"}}}"[..], b"{\"data\":{},\"x\":\"\xc3\"}"] {
        assert_eq!(fast_path_only(bytes), None);
        assert_eq!(decode_incident_response_json(bytes).is_ok(), decode_incident_response(bytes).is_ok());
    }
}

#[test]
fn a_byte_order_mark_and_whitespace_are_accepted() {
    let body = "\u{feff} \n{ \"data\" : { \"incident\" : { \"number\" : \"7\" } } }\r\n\t";
    assert_eq!(fast_path_only(body.as_bytes()), fast_path_only(br#"{"data":{"incident":{"number":7}}}"#));
    fast(body);
}

#[test]
fn amplifying_bodies_are_left_to_the_decoders_memory_budget() {
    let entities = |count: usize| format!(r#"{{"data":{{"incident":{{"entities":[{}{{}}]}}}}}}"#, "{},".repeat(count));
    // Within the budget: decoded by serde (each `{}` is a whole entity of nulls), same value.
    left_to_serde(&entities(20_000));
    // Over it: refused before anything is built, by both.
    let body = entities(1_000_000);
    assert_eq!(fast_path_only(body.as_bytes()), None);
    let error = decode_incident_response_json(body.as_bytes()).unwrap_err();
    assert_eq!(error, decode_incident_response(body.as_bytes()).unwrap_err());
    assert!(error.expected.starts_with("a body that decodes within"), "{error}");
}

/// Records the pieces and restarts a host would see.
#[derive(Default)]
struct Pieces {
    pieces: Vec<String>,
    restarts: usize,
}

impl contraforce_incident::decode::JsonSink for Pieces {
    fn write(&mut self, piece: &str) {
        self.pieces.push(piece.to_owned());
    }

    fn restart(&mut self) {
        self.pieces.clear();
        self.restarts += 1;
    }
}

fn large_entities(count: usize) -> String {
    (0..count)
        .map(|n| format!(r#"{{"id":"{n}","hostName":"host-{n}.contoso.com","displayName":"Gerät {n}"}}"#))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn a_large_body_comes_in_pieces_that_join_to_the_whole_text() {
    use contraforce_incident::decode::decode_incident_response_json_to;
    let body = format!(r#"{{"data":{{"incident":{{"entities":[{}]}}}},"meta":null}}"#, large_entities(12_000));
    let mut sink = Pieces::default();
    decode_incident_response_json_to(body.as_bytes(), &mut sink).unwrap();
    assert!(sink.pieces.len() >= 2, "{} pieces", sink.pieces.len());
    assert!(sink.pieces.iter().all(|piece| piece.len() < 1100 * 1024));
    assert_eq!(sink.restarts, 0);
    assert_eq!(sink.pieces.concat(), fast(&body));
}

#[test]
fn a_large_object_sent_out_of_order_is_restarted_and_left_to_the_decoder() {
    use contraforce_incident::decode::decode_incident_response_json_to;
    // `meta` before `data`: the envelope's fields must be swapped, but `data` was already handed on in pieces.
    let body =
        format!(r#"{{"meta":{{"requestId":"r"}},"data":{{"incident":{{"entities":[{}]}}}}}}"#, large_entities(12_000));
    assert_eq!(fast_path_only(body.as_bytes()), None);
    let mut sink = Pieces::default();
    decode_incident_response_json_to(body.as_bytes(), &mut sink).unwrap();
    assert_eq!(sink.restarts, 1);
    let parsed: Value = serde_json::from_str(&sink.pieces.concat()).unwrap();
    assert_eq!(as_doubles(&parsed), as_doubles(&reference(body.as_bytes())));
    // The same out of order but small: reordered by the fast path itself.
    fast(&format!(r#"{{"meta":{{"requestId":"r"}},"data":{{"incident":{{"entities":[{}]}}}}}}"#, large_entities(3)));
}

#[test]
fn reading_in_windows_of_any_size_gives_the_same_text() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut bodies: Vec<Vec<u8>> = ["incident_full.json", "decode/free_form_values.json", "decode/utf8_bom.json"]
        .iter()
        .map(|name| std::fs::read(format!("{dir}/{name}")).unwrap())
        .collect();
    // Tokens of every kind straddling window ends: long strings with escapes and non-ASCII text, long numbers.
    let long = "é\\u00e9\\ud83d\\ude00 \\\" x".repeat(200);
    bodies.push(
        format!(
            r#"{{"data":{{"incident":{{"title":"{long}","number":"2147483647"}},"evidence":{{"rows":[[{}]]}}}}}}"#,
            ["-1.2345678901234567e-300", "12345678901234567890", "true", "null", "\"é\""].repeat(100).join(", ")
        )
        .into_bytes(),
    );
    for body in &bodies {
        let whole = fast_path_only(body).expect("taken by the fast path");
        for window in [320, 321, 333, 512, 1000, 4096] {
            assert_eq!(fast_path_only_in_windows_of(body, window).as_deref(), Some(whole.as_str()), "window {window}");
        }
    }
    // A number longer than a token may be is left to serde, in any window.
    let long_number = format!(r#"{{"data":{{"evidence":{{"rows":[[1{}]]}}}}}}"#, "0".repeat(400));
    assert_eq!(fast_path_only(long_number.as_bytes()), None);
    left_to_serde(&long_number);
}

#[test]
fn the_typed_decoders_memory_budget_applies_only_where_typed_decoding_runs() {
    // 2 MB of empty objects in an unknown field: over the typed decoder's budget, but nothing is built of it here.
    let body = format!(r#"{{"data":{{"zz":[{}{{}}]}}}}"#, "{},".repeat(700_000));
    let error = decode_incident_response(body.as_bytes()).unwrap_err();
    assert!(error.expected.starts_with("a body that decodes within"), "{error}");
    let text = decode_incident_response_json(body.as_bytes()).unwrap();
    assert!(text.starts_with(r#"{"data":{"source":null,"#) && text.len() < 200, "{text}");
}

#[test]
fn a_huge_string_is_handed_on_in_pieces_too() {
    use contraforce_incident::decode::decode_incident_response_json_to;
    let title = "é".repeat(1_000_000); // 2 MB of body, 6 MB of `\u00e9` text
    let body = format!(r#"{{"data":{{"incident":{{"id":"1","title":"{title}"}}}}}}"#);
    let mut sink = Pieces::default();
    decode_incident_response_json_to(body.as_bytes(), &mut sink).unwrap();
    assert!(sink.pieces.len() >= 5, "{} pieces", sink.pieces.len());
    assert_eq!(sink.restarts, 0);
    assert_eq!(sink.pieces.concat(), fast(&body));
    // Out of order around it: the object must be rewritten, but its start is gone: restarted on the serde path.
    let body = format!(r#"{{"data":{{"incident":{{"title":"{title}","id":"1"}}}}}}"#);
    let mut sink = Pieces::default();
    decode_incident_response_json_to(body.as_bytes(), &mut sink).unwrap();
    assert_eq!(sink.restarts, 1);
    let parsed: Value = serde_json::from_str(&sink.pieces.concat()).unwrap();
    assert_eq!(as_doubles(&parsed), as_doubles(&reference(body.as_bytes())));
}
