//! Fuzzing of the decoder with properties (proptest): over arbitrary bytes, over token soup that looks like JSON,
//! over arbitrary JSON documents and over structured mutations of the valid fixture bodies.
//!
//! For every input: no panic (a panic in wasm aborts the whole instance), every failure is a [`DecodeError`] whose
//! path points at the fault, the fast path (JSON text for JavaScript) accepts nothing the serde decoder refuses and
//! gives the same values as it where it accepts, and the heap used while decoding is bounded by a constant times the input's size
//! (measured with a counting allocator, per thread).
//!
//! The default case count (256 per property) takes a few seconds in CI. For a long run on demand:
//!
//! ```sh
//! PROPTEST_CASES=100000 cargo test --test fuzz --release
//! ```
//!
//! A failure prints the shrunk input; turn it into a fixed test below (or a fixture) when fixing it.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::as_doubles;
use contraforce_incident::decode::{decode_incident_response_json, fast_path_only, fast_path_only_in_windows_of};
use contraforce_incident::{decode_incident_response, DecodeError};
use proptest::prelude::*;
use serde_json::{Map, Value};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

// ---------------------------------------------------------------------------------------------------------------
// A counting allocator: live and peak bytes of the current thread (tests run on parallel threads).

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn grow(bytes: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().saturating_add(bytes);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

fn shrink(bytes: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(bytes)));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = System.alloc(layout);
        if !pointer.is_null() {
            grow(layout.size());
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let pointer = System.alloc_zeroed(layout);
        if !pointer.is_null() {
            grow(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        System.dealloc(pointer, layout);
        shrink(layout.size());
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = System.realloc(pointer, layout, new_size);
        if !moved.is_null() {
            // A copying realloc holds both blocks for a moment: count the new one before releasing the old.
            grow(new_size);
            shrink(layout.size());
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with the most heap it held at once beyond what was live before.
fn peak_heap<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(start));
    let result = f();
    let peak = PEAK.with(Cell::get);
    (result, peak - start)
}

/// Worst case heap per input byte, natively (64-bit). The most expensive shape is an array of empty objects where
/// the model has a struct of ~20 optional strings: `{},` is 3 bytes and becomes a ~530-byte `IncidentEntity`, and a
/// growing `Vec` briefly holds up to twice its length. `amplification_is_linear_and_bounded` measures it.
const MAX_HEAP_PER_INPUT_BYTE: usize = 640;
/// Fixed heap allowed on top (error messages, paths, small buffers).
const HEAP_SLACK: usize = 64 * 1024;

// ---------------------------------------------------------------------------------------------------------------
// The checks every decode must pass.

/// Decodes `bytes` and checks the universal properties. Returns the result for further checks.
fn checked_decode(bytes: &[u8]) -> Result<Value, DecodeError> {
    let (result, peak) = peak_heap(|| decode_incident_response(bytes));
    // The fast path reads bodies a window at a time: the smallest window must not change anything.
    assert_eq!(fast_path_only_in_windows_of(bytes, 320), fast_path_only(bytes), "a small window changed the outcome");
    let bound = MAX_HEAP_PER_INPUT_BYTE * bytes.len() + HEAP_SLACK;
    assert!(peak <= bound, "decoding {} bytes held {peak} bytes of heap (bound {bound})", bytes.len());
    match result {
        Ok(response) => {
            // What the wasm boundary does next: serialize. Must work, and be a fixed point of decode.
            let value = serde_json::to_value(&response).expect("a decoded response serializes");
            let text = serde_json::to_string(&value).unwrap();
            let again = decode_incident_response(text.as_bytes()).expect("a serialized response decodes again");
            assert_eq!(serde_json::to_value(&again).unwrap(), value, "decode ∘ serialize is not a fixed point");
            if let Some(fast) = fast_path_only(bytes) {
                assert_same_values(&fast, &value, "the fast path");
            }
            let json = decode_incident_response_json(bytes).expect("the JSON text decoder accepts it too");
            assert_same_values(&json, &value, "decode_incident_response_json");
            Ok(value)
        }
        Err(error) => {
            check_error(&error, bytes);
            assert_eq!(fast_path_only(bytes), None, "the fast path accepted what the decoder refuses: {error}");
            assert_eq!(decode_incident_response_json(bytes).unwrap_err(), error, "the JSON text decoder's error");
            Err(error)
        }
    }
}

/// `text` (JSON) holds the same values as `expected`, numbers compared as the doubles `JSON.parse` makes of them.
fn assert_same_values(text: &str, expected: &Value, what: &str) {
    assert!(text.is_ascii(), "{what} wrote non-ASCII text");
    let actual: Value = serde_json::from_str(text).unwrap_or_else(|error| panic!("{what} wrote invalid JSON: {error}"));
    assert_eq!(as_doubles(&actual), as_doubles(expected), "{what} differs from the decoder");
}

fn check_error(error: &DecodeError, bytes: &[u8]) {
    assert!(!error.expected.is_empty(), "empty `expected` in {error:?}");
    assert!(!error.found.is_empty(), "empty `found` in {error:?}");
    assert!(error.line >= 1, "line {} in {error:?}", error.line);
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    assert!(error.line <= lines, "line {} of a body with {lines} lines", error.line);
    assert!(!error.path.starts_with('.'), "malformed path {:?}", error.path);
    let message = error.to_string();
    assert!(message.contains(&error.path), "message {message:?} lacks the path");
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs: bytes, JSON-like token soup, arbitrary JSON, and structured mutations of the fixtures.

/// The valid bodies the mutations start from.
const SEEDS: &[&[u8]] = &[
    include_bytes!("fixtures/incident_full.json"),
    include_bytes!("fixtures/incident_minimal.json"),
    include_bytes!("fixtures/incident_reserved_chars_id.json"),
    include_bytes!("fixtures/decode/free_form_values.json"),
    include_bytes!("fixtures/decode/int_as_number_and_as_string.json"),
    include_bytes!("fixtures/decode/nulls_everywhere.json"),
    include_bytes!("fixtures/decode/unknown_enum_values.json"),
    include_bytes!("fixtures/decode/unknown_fields.json"),
];

fn seed_values() -> Vec<Value> {
    SEEDS.iter().map(|bytes| serde_json::from_slice(bytes).expect("seed fixtures are JSON")).collect()
}

/// Pieces of JSON, names of the model's fields, and hostile bits, glued at random.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\"data\"",
    "\"meta\"",
    "\"incident\"",
    "\"entities\"",
    "\"evidence\"",
    "\"rows\"",
    "\"columns\"",
    "\"gamebookCatalog\"",
    "\"lastGamebook\"",
    "\"playbooks\"",
    "\"parameters\"",
    "\"number\"",
    "\"alertsCount\"",
    "\"sequence\"",
    "\"severity\"",
    "\"classification\"",
    "\"user\"",
    "\"title\"",
    "\"investigationDetails\"",
    "\"incidentComment\"",
    "\"isAssigned\"",
    "null",
    "true",
    "false",
    "0",
    "-0",
    "42",
    "\"42\"",
    "\"042\"",
    "1e999",
    "-1e999",
    "4.5",
    "9007199254740993",
    "-89761299284",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "\"\u{0}\"",
    "\"\\uDFFF\\uD800\"",
    "\"é\"",
    "\u{feff}",
    " ",
    "\n",
    "\t",
    "\\",
    "\"\\\"\"",
    "\u{1F600}",
];

fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        8 => prop::sample::select(TOKENS).prop_map(|t| t.as_bytes().to_vec()),
        1 => any::<u8>().prop_map(|b| vec![b]),
    ];
    prop::collection::vec(token, 0..200).prop_map(|parts| parts.concat())
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        any::<i32>().prop_map(|n| Value::String(n.to_string())),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(Value::Number)),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(&["Critical", "High", "Sentinel", "Resolved", "", "042", "4.2", "1e3", "-0"][..])
            .prop_map(|s| Value::String(s.to_owned())),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((field_name(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Mostly names the model knows, so the generated objects reach the typed code.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(&[
            "data", "meta", "incident", "source", "title", "number", "alertsCount", "entities", "severity", "status",
            "classification", "user", "isAssigned", "tactics", "evidence", "rows", "columns", "gamebookCatalog",
            "lastGamebook", "recommended", "aiGamebook", "playbooks", "sequence", "parameters", "type",
            "investigationDetails", "alerts", "incidentComment", "requestId", "incidentNumber",
        ][..]).prop_map(str::to_owned),
        1 => "[a-zA-Z.\\[\\]]{0,6}",
    ]
}

/// Nesting far beyond serde_json's recursion limit (128).
fn deep_value(depth: usize, objects: bool) -> Value {
    let mut value = Value::from(0);
    for _ in 0..depth {
        value =
            if objects { Value::Object(Map::from_iter([("a".to_owned(), value)])) } else { Value::Array(vec![value]) };
    }
    value
}

/// One step of a path into a document.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// The path as the decoder writes it: `data.incident.entities[2].type`.
fn path_text(path: &[Step]) -> String {
    let mut text = String::new();
    for step in path {
        match step {
            Step::Key(key) if text.is_empty() => text.push_str(key),
            Step::Key(key) => {
                text.push('.');
                text.push_str(key);
            }
            Step::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}

/// Every path in `value` (the root included).
fn all_paths(value: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(prefix.clone());
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                prefix.push(Step::Index(index));
                all_paths(item, prefix, out);
                prefix.pop();
            }
        }
        Value::Object(entries) => {
            for (key, item) in entries {
                prefix.push(Step::Key(key.clone()));
                all_paths(item, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |value, step| match step {
        Step::Key(key) => value.get_mut(key.as_str()).unwrap(),
        Step::Index(index) => value.get_mut(*index).unwrap(),
    })
}

/// A change to one place of a valid body.
#[derive(Debug, Clone)]
enum Mutation {
    /// The value there becomes another (a type swap, a hostile number, a deep nest...).
    Replace(Value),
    /// The member is removed (no-op at the root or in an array).
    Delete,
    /// The member appears twice, the second time with this value (no-op unless in an object).
    Duplicate(Value),
    /// An unknown member is added to the object there (no-op unless an object).
    AddUnknown(String, Value),
    /// The value is wrapped in an array (`x` → `[x]`).
    WrapInArray,
}

fn hostile_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => json_value(),
        1 => (130usize..400, any::<bool>()).prop_map(|(depth, objects)| deep_value(depth, objects)),
        1 => (1usize..200_000).prop_map(|n| Value::String("x".repeat(n))),
        1 => prop::sample::select(&[0usize, 1, 100, 5000][..]).prop_map(|n| Value::Array(vec![Value::Null; n])),
        1 => Just(Value::Object(Map::new())),
        1 => Just(Value::Array(vec![])),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        6 => hostile_value().prop_map(Mutation::Replace),
        2 => Just(Mutation::Delete),
        2 => json_value().prop_map(Mutation::Duplicate),
        2 => ("[a-z]{1,8}", hostile_value()).prop_map(|(key, value)| Mutation::AddUnknown(key, value)),
        1 => Just(Mutation::WrapInArray),
    ]
}

/// A seed, a place in it (an index into its paths, taken modulo their count), and what to do there.
fn mutated_body() -> impl Strategy<Value = (Value, Vec<Step>, Mutation)> {
    let seeds = seed_values();
    (0..seeds.len(), any::<prop::sample::Index>(), mutation()).prop_map(move |(seed, place, mutation)| {
        let document = seeds[seed].clone();
        let mut paths = Vec::new();
        all_paths(&document, &mut Vec::new(), &mut paths);
        let path = paths[place.index(paths.len())].clone();
        (document, path, mutation)
    })
}

/// Serializes `value`, writing the member at `duplicate` (a path ending in a key) twice, the second time as `extra`.
fn write_json(value: &Value, here: &mut Vec<String>, duplicate: Option<(&[String], &Value)>, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                here.push(format!("[{index}]"));
                write_json(item, here, duplicate, out);
                here.pop();
            }
            out.push(']');
        }
        Value::Object(entries) => {
            out.push('{');
            for (index, (key, item)) in entries.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).unwrap());
                out.push(':');
                here.push(key.clone());
                write_json(item, here, duplicate, out);
                if let Some((path, extra)) = duplicate {
                    if path == here.as_slice() {
                        out.push(',');
                        out.push_str(&serde_json::to_string(key).unwrap());
                        out.push(':');
                        out.push_str(&serde_json::to_string(extra).unwrap());
                    }
                }
                here.pop();
            }
            out.push('}');
        }
        leaf => out.push_str(&serde_json::to_string(leaf).unwrap()),
    }
}

/// Applies `mutation` at `path`; returns the body and the path of the place that changed.
fn apply(mut document: Value, path: &[Step], mutation: Mutation) -> (String, String) {
    let text = path_text(path);
    let plain = |document: &Value| serde_json::to_string(document).unwrap();
    match mutation {
        Mutation::Replace(value) => {
            *at_mut(&mut document, path) = value;
            (plain(&document), text)
        }
        Mutation::WrapInArray => {
            let place = at_mut(&mut document, path);
            *place = Value::Array(vec![place.take()]);
            (plain(&document), text)
        }
        Mutation::Delete => {
            if let Some((Step::Key(key), parent)) = path.split_last() {
                at_mut(&mut document, parent).as_object_mut().unwrap().remove(key);
            }
            (plain(&document), text)
        }
        Mutation::AddUnknown(key, value) => {
            if let Some(object) = at_mut(&mut document, path).as_object_mut() {
                // Keep it unknown: a known name would be a Replace.
                object.entry(format!("zz{key}")).or_insert(value);
            }
            (plain(&document), text)
        }
        Mutation::Duplicate(extra) => {
            let keys: Vec<String> = path
                .iter()
                .map(|step| match step {
                    Step::Key(key) => key.clone(),
                    Step::Index(index) => format!("[{index}]"),
                })
                .collect();
            let duplicate = matches!(path.last(), Some(Step::Key(_))).then_some((keys.as_slice(), &extra));
            let mut out = String::new();
            write_json(&document, &mut Vec::new(), duplicate, &mut out);
            (out, text)
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The properties.

proptest! {
    // Failures print their shrunk input; nothing is written into the source tree.
    #![proptest_config(ProptestConfig { max_shrink_iters: 2048, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any bytes at all.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = checked_decode(&bytes);
    }

    /// Bytes that look like JSON and name the model's fields: reaches past the first byte.
    #[test]
    fn token_soup_never_panics(bytes in token_soup()) {
        let _ = checked_decode(&bytes);
    }

    /// Any JSON document as `data`, or as the whole body.
    #[test]
    fn arbitrary_json_never_panics(value in json_value(), wrap in any::<bool>()) {
        let body = if wrap { serde_json::json!({ "data": value }) } else { value };
        let bytes = serde_json::to_vec(&body).unwrap();
        if let Err(error) = checked_decode(&bytes) {
            // Valid JSON fails on the contract, never on the syntax.
            prop_assert!(error.expected != "valid JSON" || error.found.contains("recursion limit"), "{error}");
        }
    }

    /// One change to a valid body: decodes, or fails with the path of the change (or of a place inside it, or of
    /// the object holding it, for a duplicate member).
    #[test]
    fn structured_mutations_fail_where_they_were_made((document, path, mutation) in mutated_body()) {
        let (body, place) = apply(document, &path, mutation.clone());
        if let Err(error) = checked_decode(body.as_bytes()) {
            let related = error.path.starts_with(&place) || place.starts_with(&error.path);
            prop_assert!(related, "mutation {mutation:?} at {place:?} failed at {:?}: {error}", error.path);
            let at_root = place.is_empty() || (matches!(mutation, Mutation::Duplicate(_)) && path.len() == 1);
            prop_assert!(at_root || !error.path.is_empty() || error.expected == "a value",
                "mutation at {place:?} reported for the whole body: {error}");
        }
    }

    /// Cutting, flipping, inserting or deleting bytes of a valid body.
    #[test]
    fn byte_level_damage_never_panics(
        seed in 0..SEEDS.len(), at in any::<prop::sample::Index>(), byte in any::<u8>(), how in 0..4u8,
    ) {
        let mut bytes = SEEDS[seed].to_vec();
        let at = at.index(bytes.len());
        match how {
            0 => bytes.truncate(at),
            1 => bytes[at] ^= byte | 1,
            2 => bytes.insert(at, byte),
            _ => { bytes.remove(at); }
        }
        let _ = checked_decode(&bytes);
    }

    /// A number in a free-form value comes out as exactly the double `JSON.parse` gives for the same text
    /// (Rust's `str::parse::<f64>` is correctly rounded, as `JSON.parse` is), in any of its spellings.
    #[test]
    fn free_form_numbers_are_the_nearest_double(x in any::<f64>().prop_filter("finite", |x| x.is_finite()),
                                               spelling in 0..3u8) {
        let text = match spelling {
            0 => format!("{x:?}"),
            1 => format!("{x:e}"),
            _ => format!("{x:.17e}"),
        };
        let body = format!(r#"{{"data":{{"evidence":{{"rows":[[{text}]]}}}}}}"#);
        let response = decode_incident_response(body.as_bytes()).unwrap();
        let cell = serde_json::to_value(&response.data.evidence.unwrap().rows[0][0]).unwrap();
        let expected: f64 = text.parse().unwrap();
        prop_assert_eq!(cell.as_f64().map(f64::to_bits), Some(expected.to_bits()), "{}", text);
    }

    /// Layout does not matter: a byte-order mark and pretty-printing give the same outcome.
    #[test]
    fn bom_and_whitespace_do_not_change_the_outcome((document, path, mutation) in mutated_body()) {
        let (body, _) = apply(document, &path, mutation);
        let Ok(value) = serde_json::from_str::<Value>(&body) else { return Ok(()) };
        let outcome = |bytes: &[u8]| decode_incident_response(bytes).map(|r| serde_json::to_value(r).unwrap())
            .map_err(|e| e.path);
        let compact = outcome(body.as_bytes());
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(body.as_bytes());
        prop_assert_eq!(&outcome(&with_bom), &compact);
        // Pretty-printing a document with duplicate keys would drop them: compare only when there are none.
        if serde_json::to_string(&value).unwrap() == body {
            prop_assert_eq!(&outcome(serde_json::to_string_pretty(&value).unwrap().as_bytes()), &compact);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Fixed hostile cases, each with the outcome it must have.

fn err(bytes: &[u8]) -> DecodeError {
    checked_decode(bytes).expect_err("expected a decode error")
}

#[test]
fn nesting_to_10_000_levels_is_refused_or_skipped_never_overflows() {
    let nest = |n: usize| format!("{}0{}", "[".repeat(n), "]".repeat(n));
    // A known field: a type error at the first level that is not a string.
    let known = format!(r#"{{"data":{{"incident":{{"tactics":{}}}}}}}"#, nest(10_000));
    assert_eq!(err(known.as_bytes()).path, "data.incident.tactics[0]");
    // A free-form evidence cell: serde_json's recursion limit (128), reported at the depth it was hit.
    let cell = format!(r#"{{"data":{{"evidence":{{"rows":[{}]}}}}}}"#, nest(10_000));
    let error = err(cell.as_bytes());
    assert!(error.path.starts_with("data.evidence.rows[0][0][0]"), "{error}");
    assert!(error.found.contains("recursion limit"), "{error}");
    // An unknown field is skipped without being built, at any depth.
    let objects = format!("{}0{}", r#"{"a":"#.repeat(10_000), "}".repeat(10_000));
    for deep in [nest(10_000), objects] {
        let unknown = format!(r#"{{"data":{{"zzUnknown":{deep}}}}}"#);
        checked_decode(unknown.as_bytes()).expect("deep unknown fields are skipped");
    }
}

#[test]
fn hostile_scalars_have_documented_outcomes() {
    let body = |incident: &str| format!(r#"{{"data":{{"incident":{incident}}}}}"#);
    let cases = [
        (r#"{"number":1e999}"#, Some("data.incident.number")),
        (r#"{"number":-0}"#, Some("data.incident.number")),
        (r#"{"number":"-0"}"#, None),
        (r#"{"title":"\ud800"}"#, Some("data.incident.title")),
        (r#"{"title":"a\u0000b"}"#, None),
        ("{\"title\":\"a\u{0}b\"}", Some("data.incident.title")),
        (r#"{"title":"a","title":"b"}"#, Some("data.incident")), // or data.incident.title: checked by prefix
        (r#"{"zzUnknown":"\ud800","zz2":1e999}"#, None),
    ];
    for (incident, path) in cases {
        let outcome = checked_decode(body(incident).as_bytes());
        match path {
            Some(path) => assert!(outcome.expect_err(incident).path.starts_with(path), "{incident}"),
            None => drop(outcome.expect(incident)),
        }
    }
    let mut invalid_utf8 = br#"{"data":{"incident":{"title":""#.to_vec();
    invalid_utf8.extend_from_slice(b"\xFF\xFE\"}}}");
    assert_eq!(err(&invalid_utf8).path, "data.incident.title");
}

#[test]
fn amplification_is_linear_and_bounded() {
    let entities = |n: usize| format!(r#"{{"data":{{"incident":{{"entities":[{}]}}}}}}"#, vec!["{}"; n].join(","));
    let cells = |n: usize| format!(r#"{{"data":{{"evidence":{{"rows":[[{}]]}}}}}}"#, vec![r#"{"":0}"#; n].join(","));
    for (shape, make) in [("empty entities", &entities as &dyn Fn(usize) -> String), ("object cells", &cells)] {
        let mut per_byte = Vec::new();
        for n in [1_000, 10_000, 100_000] {
            let body = make(n);
            let (result, peak) = peak_heap(|| decode_incident_response(body.as_bytes()));
            result.expect("decodes");
            per_byte.push(peak as f64 / body.len() as f64);
        }
        println!("heap per input byte for {shape} at 1e3, 1e4, 1e5 elements: {per_byte:.0?}");
        assert!(per_byte.iter().all(|&x| x <= MAX_HEAP_PER_INPUT_BYTE as f64), "{shape}: {per_byte:?}");
        // Linear: the cost per byte does not grow with the size.
        assert!(per_byte[2] <= per_byte[0] * 2.5, "{shape}: {per_byte:?}");
    }
}
