//! `ContraForceClient` from JavaScript, against the local mock API.

use super::*;
use contraforce_incident::wasm::ContraForceClient;
use js_sys::Promise;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const WORKSPACE: &str = "3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b";
/// Most tests want one attempt, so that faults surface at once.
const NO_RETRY: &str = r#","retry":false"#;
const SECRET: &str = "s3cr3t-RECOGNISABLE-7f1d";

fn client(extra: &str) -> ContraForceClient {
    let options = json(&format!(
        r#"{{"baseUrl":"{MOCK_API}","auth":{{"clientId":"demo-client","clientSecret":"demo-secret"}}{extra}}}"#
    ));
    ContraForceClient::new(options).expect("valid options")
}

fn call(incident_id: &str) -> JsValue {
    json(&format!(
        r#"{{"workspaceId":"{WORKSPACE}","source":"Sentinel","incidentId":{}}}"#,
        JSON::stringify(&incident_id.into()).unwrap()
    ))
}

async fn get_incident(client: &ContraForceClient, options: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(client.get_incident(options)).await
}

async fn expect_error(client: &ContraForceClient, options: JsValue) -> JsValue {
    contraforce_error(&get_incident(client, options).await.expect_err("should reject"))
}

fn now() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
async fn fetches_the_sample_incident_with_basic_auth() {
    let response = get_incident(&client(NO_RETRY), call("INC-1042")).await.unwrap();
    assert_plain(&response, "");
    let fixture = json(include_str!("../fixtures/incident_full.json"));
    assert_eq!(text(&response, "data.incident.title"), text(&fixture, "data.incident.title"));
    assert_eq!(at(&response, "data.incident.number").as_f64(), Some(1042.0));
    assert_eq!(text(&response, "meta.requestId"), text(&fixture, "meta.requestId"));
    assert!(get(&response, "rawBody").is_undefined(), "rawBody only on request");
}

#[wasm_bindgen_test]
async fn bearer_tokens_and_token_providers_work() {
    let bearer =
        ContraForceClient::new(json(&format!(r#"{{"baseUrl":"{MOCK_API}","auth":{{"token":"demo-token"}}}}"#)))
            .unwrap();
    assert!(get_incident(&bearer, call("INC-1042")).await.is_ok());

    let calls = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = calls.clone();
    let get_token = Closure::<dyn FnMut() -> JsValue>::new(move || {
        counter.set(counter.get() + 1);
        JsValue::from("demo-token")
    });
    let options = json(&format!(r#"{{"baseUrl":"{MOCK_API}"}}"#));
    let auth = Object::new();
    Reflect::set(&auth, &"getToken".into(), get_token.as_ref()).unwrap();
    Reflect::set(&options, &"auth".into(), &auth).unwrap();
    let provided = ContraForceClient::new(options).unwrap();
    assert!(get_incident(&provided, call("INC-1042")).await.is_ok());
    assert!(get_incident(&provided, call("INC-1042")).await.is_ok());
    assert_eq!(calls.get(), 2, "getToken is called for every attempt");
}

#[wasm_bindgen_test]
async fn source_in_any_case_and_with_details_false() {
    let options = json(&format!(
        r#"{{"workspaceId":"{}","source":"sEnTiNeL","incidentId":"INC-1042","withDetails":false}}"#,
        WORKSPACE.to_uppercase()
    ));
    let response = get_incident(&client(NO_RETRY), options).await.unwrap();
    assert!(at(&response, "data.investigationDetails").is_null());
    assert_eq!(text(&response, "data.incident.id").as_deref(), Some("INC-1042"));
}

#[wasm_bindgen_test]
async fn reserved_characters_in_the_id_are_encoded_once() {
    let options =
        json(&format!(r#"{{"workspaceId":"{WORKSPACE}","source":"Splunk","incidentId":"INC/2026 #7?100% é"}}"#));
    let response = get_incident(&client(NO_RETRY), options).await.expect("the mock serves it only when encoded once");
    assert_eq!(text(&response, "data.source").as_deref(), Some("Splunk"));
}

#[wasm_bindgen_test]
async fn raw_body_on_request() {
    let options = call("INC-1042");
    Reflect::set(&options, &"rawBody".into(), &true.into()).unwrap();
    let response = get_incident(&client(NO_RETRY), options).await.unwrap();
    let raw = get(&response, "rawBody").as_string().unwrap();
    assert_eq!(raw, include_str!("../fixtures/incident_full.json"));
}

#[wasm_bindgen_test]
async fn not_found_is_an_http_error_with_the_problem_details() {
    let error = expect_error(&client(NO_RETRY), call("INC-404-NOPE")).await;
    assert_eq!(kind(&error), "Http");
    assert_eq!(get(&error, "status").as_f64(), Some(404.0));
    assert_eq!(get(&error, "code").as_string().as_deref(), Some("NOT_FOUND"));
    assert!(get(&error, "requestId").as_string().is_some_and(|id| !id.is_empty()));
    assert_eq!(get(&error, "attempts").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
async fn a_wrong_secret_is_a_401_that_never_shows_the_secret() {
    let options =
        json(&format!(r#"{{"baseUrl":"{MOCK_API}","auth":{{"clientId":"demo-client","clientSecret":"{SECRET}"}}}}"#));
    let wrong = ContraForceClient::new(options).unwrap();
    let error = expect_error(&wrong, call("INC-1042")).await;
    assert_eq!(get(&error, "status").as_f64(), Some(401.0));
    let shown = [
        JSON::stringify(&error).unwrap().as_string().unwrap(),
        js_sys::JsString::from(error.clone()).as_string().unwrap_or_default(),
        get(&error, "message").as_string().unwrap(),
        wrong.to_string_js(),
    ];
    assert!(shown[0].contains("\"message\":\"HTTP 401"), "JSON.stringify keeps the message: {}", shown[0]);
    for text in shown {
        assert!(!text.contains(SECRET) && !text.contains("czNjcjN0"), "credential leaked: {text}");
    }
}

#[wasm_bindgen_test]
async fn a_proxy_html_page_is_an_http_error_with_a_short_snippet() {
    let error = expect_error(&client(NO_RETRY), call("fault-html-502")).await;
    assert_eq!(kind(&error), "Http");
    assert_eq!(get(&error, "status").as_f64(), Some(502.0));
    assert!(get(&error, "contentType").as_string().unwrap().starts_with("text/html"));
    let snippet = get(&error, "snippet").as_string().unwrap();
    assert!(snippet.starts_with("<!DOCTYPE html>") && snippet.chars().count() <= 200, "{snippet}");
}

#[wasm_bindgen_test]
async fn retryable_statuses_are_retried_then_reported_with_attempts() {
    let retrying = client(r#","retry":{"maxRetries":2,"baseDelayMs":1,"maxDelayMs":5}"#);
    let error = expect_error(&retrying, call("fault-status-503")).await;
    assert_eq!(get(&error, "status").as_f64(), Some(503.0));
    assert_eq!(get(&error, "attempts").as_f64(), Some(3.0));
}

#[wasm_bindgen_test]
async fn each_attempt_times_out() {
    let started = now();
    let error = expect_error(&client(r#","retry":false,"timeoutMs":200"#), call("fault-slow-5000")).await;
    assert_eq!(kind(&error), "Timeout");
    assert!(now() - started < 3000.0, "took {} ms", now() - started);
}

#[wasm_bindgen_test]
async fn abort_stops_a_long_retry_after_wait_at_once() {
    let retrying = ContraForceClient::new(json(&format!(
        r#"{{"baseUrl":"{MOCK_API}","auth":{{"token":"demo-token"}},"retry":{{"maxRetries":3,"maxRetryAfterMs":120000}}}}"#
    )))
    .unwrap();
    let controller = web_sys::AbortController::new().unwrap();
    let options = call("fault-retry-after-30-503");
    Reflect::set(&options, &"signal".into(), &controller.signal()).unwrap();
    let pending = retrying.get_incident(options);
    // Let the first attempt come back with its Retry-After: 30, then abort during the wait.
    sleep(300).await;
    let aborted_at = now();
    controller.abort();
    let error = contraforce_error(&JsFuture::from(pending).await.expect_err("aborted"));
    assert_eq!(kind(&error), "Aborted");
    assert!(now() - aborted_at < 1000.0, "abort took {} ms", now() - aborted_at);
    assert_eq!(get(&error, "attempts").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
async fn bodies_over_the_limit_fail_as_too_large() {
    let error = expect_error(&client(r#","retry":false,"maxResponseBytes":1000"#), call("INC-1042")).await;
    assert_eq!(kind(&error), "TooLarge");
    assert_eq!(get(&error, "limit").as_f64(), Some(1000.0));
}

#[wasm_bindgen_test]
async fn invalid_arguments_reject_before_any_request() {
    let error =
        expect_error(&client(NO_RETRY), json(r#"{"workspaceId":"not-a-guid","source":"Sentinel","incidentId":"x"}"#))
            .await;
    assert_eq!(
        (kind(&error), get(&error, "field").as_string()),
        ("InvalidArgument".into(), Some("workspaceId".into()))
    );
    let error = expect_error(
        &client(NO_RETRY),
        json(&format!(r#"{{"workspaceId":"{WORKSPACE}","source":"Tanium","incidentId":"x"}}"#)),
    )
    .await;
    assert_eq!(get(&error, "field").as_string().as_deref(), Some("source"));
    let error = expect_error(
        &client(NO_RETRY),
        json(&format!(r#"{{"workspaceId":"{WORKSPACE}","source":"Sentinel","incidentId":".."}}"#)),
    )
    .await;
    assert_eq!(get(&error, "field").as_string().as_deref(), Some("incidentId"));
    let error = expect_error(
        &client(NO_RETRY),
        json(&format!(r#"{{"workspaceId":"{WORKSPACE}","source":"Sentinel","incidentId":"x","timeout":5}}"#)),
    )
    .await;
    assert_eq!(get(&error, "field").as_string().as_deref(), Some("timeout"));
}

#[wasm_bindgen_test]
fn constructor_refuses_bad_options() {
    let cases = [
        (r#"{"baseUrl":"http://example.com/api/v2","auth":{"token":"t"}}"#, "baseUrl"),
        (r#"{"baseUrl":"https://portal.contraforce.com/api/v2","auth":{}}"#, "auth"),
        (r#"{"baseUrl":"https://portal.contraforce.com/api/v2","auth":{"token":"t"},"timeoutMs":-1}"#, "timeoutMs"),
        (
            r#"{"baseUrl":"https://portal.contraforce.com/api/v2","auth":{"token":"t"},"retry":{"maxRetries":1.5}}"#,
            "retry.maxRetries",
        ),
    ];
    for (options, field) in cases {
        let error = contraforce_error(&ContraForceClient::new(json(options)).err().expect(options));
        assert_eq!(kind(&error), "InvalidArgument");
        assert_eq!(get(&error, "field").as_string().as_deref(), Some(field), "{options}");
    }
}

#[wasm_bindgen_test]
async fn an_injected_fetch_is_called_with_the_request() {
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::<(String, JsValue)>::new()));
    let record = seen.clone();
    let fetch = Closure::<dyn FnMut(String, JsValue) -> JsValue>::new(move |url: String, init: JsValue| {
        record.borrow_mut().push((url, init));
        let body = include_str!("../fixtures/incident_minimal.json");
        let headers = json(r#"{"content-type":"application/json; charset=utf-8"}"#);
        let init = Object::new();
        Reflect::set(&init, &"headers".into(), &headers).unwrap();
        web_sys::Response::new_with_opt_str_and_init(Some(body), init.unchecked_ref()).unwrap().into()
    });
    let options = json(r#"{"baseUrl":"https://portal.contraforce.com/api/v2","auth":{"token":"abc"}}"#);
    Reflect::set(&options, &"fetch".into(), fetch.as_ref()).unwrap();
    let injected = ContraForceClient::new(options).unwrap();
    let options = json(&format!(
        r#"{{"workspaceId":"{WORKSPACE}","source":"defenderxdr","incidentId":"a b","withDetails":true}}"#
    ));
    let response = get_incident(&injected, options).await.unwrap();
    assert_eq!(text(&response, "data.incident.title").as_deref(), Some("Minimal"));
    let seen = seen.borrow();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].0,
        format!(
            "https://portal.contraforce.com/api/v2/workspaces/{WORKSPACE}/incidents/DefenderXDR/a%20b?withDetails=true"
        )
    );
    let headers = get(&seen[0].1, "headers");
    assert_eq!(get(&headers, "Accept").as_string().as_deref(), Some("application/json, application/problem+json"));
    assert_eq!(get(&headers, "Authorization").as_string().as_deref(), Some("Bearer abc"));
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        let global: JsValue = js_sys::global().into();
        let set_timeout: js_sys::Function = get(&global, "setTimeout").unchecked_into();
        set_timeout.call2(&JsValue::UNDEFINED, &resolve, &ms.into()).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_cors_refusal_is_a_network_error_with_a_hint() {
    let in_node = !get(&js_sys::global(), "process").is_undefined();
    match get_incident(&client(NO_RETRY), call("fault-no-cors")).await {
        // Node has no CORS: the same response simply arrives.
        Ok(_) => assert!(in_node, "a browser must refuse a response without CORS headers"),
        Err(error) => {
            assert!(!in_node, "Node should have fetched it: {error:?}");
            assert_eq!(kind(&error), "Network");
            assert!(get(&error, "hint").as_string().unwrap().contains("CORS"));
        }
    }
}

#[wasm_bindgen_test]
async fn a_lone_surrogate_in_an_id_is_refused_not_replaced() {
    let options = call("INC-x");
    let id = js_sys::JsString::from_char_code1(0xD800);
    Reflect::set(&options, &"incidentId".into(), &id).unwrap();
    let error = expect_error(&client(NO_RETRY), options).await;
    assert_eq!(get(&error, "field").as_string().as_deref(), Some("incidentId"));
    assert!(get(&error, "message").as_string().unwrap().contains("surrogate"));
}

#[wasm_bindgen_test]
fn an_option_whose_getter_throws_is_named() {
    let options = json(r#"{"auth":{"token":"t"}}"#);
    let throwing = Closure::<dyn FnMut() -> Result<JsValue, JsValue>>::new(|| Err(JsValue::from("boom")));
    let descriptor = Object::new();
    Reflect::set(&descriptor, &"get".into(), throwing.as_ref()).unwrap();
    Reflect::set(&descriptor, &"enumerable".into(), &true.into()).unwrap();
    let target: &Object = options.unchecked_ref();
    Object::define_property(target, &"baseUrl".into(), &descriptor);
    let error = contraforce_error(&ContraForceClient::new(options).err().expect("refused"));
    assert_eq!(get(&error, "field").as_string().as_deref(), Some("baseUrl"));
    assert!(get(&error, "message").as_string().unwrap().contains("threw"));
}

#[wasm_bindgen_test]
async fn caller_error_text_never_carries_a_credential_into_our_errors() {
    // A token provider whose error text holds a secret: only the error's kind is reported.
    let get_token = Closure::<dyn FnMut() -> Result<JsValue, JsValue>>::new(|| {
        Err(js_sys::TypeError::new(&format!("refresh failed for {SECRET}")).into())
    });
    let options = json(&format!(r#"{{"baseUrl":"{MOCK_API}"}}"#));
    let auth = Object::new();
    Reflect::set(&auth, &"getToken".into(), get_token.as_ref()).unwrap();
    Reflect::set(&options, &"auth".into(), &auth).unwrap();
    let error = expect_error(&ContraForceClient::new(options).unwrap(), call("INC-1042")).await;
    let message = get(&error, "message").as_string().unwrap();
    assert!(message.contains("a TypeError") && !message.contains(SECRET), "{message}");

    // A fetch that echoes the credential it was given: redacted.
    let fetch =
        Closure::<dyn FnMut(String, JsValue) -> Result<JsValue, JsValue>>::new(|_url: String, init: JsValue| {
            let header = get(&get(&init, "headers"), "Authorization").as_string().unwrap();
            Err(js_sys::TypeError::new(&format!("cannot send {header}")).into())
        });
    let options = json(&format!(r#"{{"baseUrl":"{MOCK_API}","auth":{{"token":"{SECRET}"}},"retry":false}}"#));
    Reflect::set(&options, &"fetch".into(), fetch.as_ref()).unwrap();
    let error = expect_error(&ContraForceClient::new(options).unwrap(), call("INC-1042")).await;
    assert_eq!(kind(&error), "Network");
    let shown = JSON::stringify(&error).unwrap().as_string().unwrap() + &get(&error, "message").as_string().unwrap();
    assert!(!shown.contains(SECRET) && shown.contains("[redacted]"), "{shown}");
}
