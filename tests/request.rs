//! Request building: base URL, path parameters, encoding, credentials, headers, content types.

use contraforce_incident::request::{
    canonical_source, encode_path_segment, incident_url, is_json_content_type, parse_base_url, request_headers,
    same_origin, validate_incident_id, validate_integer, validate_workspace_id, Credentials, IncidentRequest, ACCEPT,
    SOURCES,
};
use contraforce_incident::Error;

const WORKSPACE: &str = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
const SECRET: &str = "S3cr3t-Zebra-Quokka-42";

fn field_of(error: Error) -> String {
    match error {
        Error::InvalidArgument { field, .. } => field,
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

fn request(source: &str, incident_id: &str, with_details: Option<bool>) -> IncidentRequest {
    IncidentRequest {
        workspace_id: WORKSPACE.into(),
        source: source.into(),
        incident_id: incident_id.into(),
        with_details,
    }
}

#[test]
fn documented_base_url_with_or_without_trailing_slash() {
    for input in ["https://portal.contraforce.com/api/v2", "https://portal.contraforce.com/api/v2/"] {
        let base = parse_base_url(input).unwrap();
        assert_eq!(base.origin(), "https://portal.contraforce.com");
        assert_eq!(base.path(), "/api/v2");
        assert_eq!(base.to_string(), "https://portal.contraforce.com/api/v2");
        assert!(!base.is_loopback());
    }
}

#[test]
fn base_url_is_canonicalised() {
    let base = parse_base_url("HTTPS://Portal.ContraForce.COM:443/api/v2").unwrap();
    assert_eq!(base.origin(), "https://portal.contraforce.com");
    let base = parse_base_url("https://portal.contraforce.com:8443").unwrap();
    assert_eq!(base.origin(), "https://portal.contraforce.com:8443");
    assert_eq!(base.path(), "");
    assert_eq!(parse_base_url("https://example.com/").unwrap().to_string(), "https://example.com");
    assert_eq!(parse_base_url("http://localhost:80/x").unwrap().origin(), "http://localhost");
    assert_eq!(parse_base_url("http://[0:0::1]:3000").unwrap().origin(), "http://[::1]:3000");
    assert_eq!(parse_base_url("https://h/a%2Fb/~c:d@e").unwrap().path(), "/a%2Fb/~c:d@e");
}

#[test]
fn loopback_hosts_may_use_http() {
    for input in [
        "http://127.0.0.5:8080/api/v2/",
        "http://localhost",
        "http://LOCALHOST:3000/api/v2",
        "http://[::1]:3000",
        "http://127.0.0.1",
        "http://127.255.255.254:1/api",
    ] {
        let base = parse_base_url(input).unwrap_or_else(|error| panic!("{input}: {error}"));
        assert!(base.is_loopback(), "{input}");
    }
    assert_eq!(parse_base_url("http://127.0.0.5:8080/api/v2/").unwrap().to_string(), "http://127.0.0.5:8080/api/v2");
    assert!(parse_base_url("https://localhost/api").unwrap().is_loopback());
}

#[test]
fn non_loopback_http_and_lookalikes_are_refused() {
    for input in [
        "http://example.com",
        "http://127.0.0.1.evil.com",
        "http://localhost.evil.com",
        "http://evil-localhost",
        "http://128.0.0.1",
        "http://[::2]",
        "http://[::ffff:127.0.0.1]",
        "http://10.0.0.1",
    ] {
        let error = parse_base_url(input).unwrap_err();
        assert!(error.to_string().contains("must use https:"), "{input}: {error}");
        assert_eq!(field_of(error), "baseUrl");
    }
}

#[test]
fn garbage_base_urls_are_refused_with_a_reason() {
    let cases = [
        ("ftp://portal.contraforce.com/api/v2", "https:"),
        ("ws://localhost/api", "https:"),
        ("javascript:alert(1)", "absolute URL"),
        ("portal.contraforce.com/api/v2", "absolute URL"),
        ("", "empty"),
        ("https://", "host"),
        ("https:///api/v2", "host"),
        ("https://:443/api", "host"),
        ("https://user:pass@portal.contraforce.com/api/v2", "credentials"),
        ("https://user@portal.contraforce.com", "credentials"),
        ("https://portal.contraforce.com/api/v2?x=1", "query"),
        ("https://portal.contraforce.com/api/v2?", "query"),
        ("https://portal.contraforce.com/api/v2#top", "fragment"),
        ("https://portal.contraforce.com /api", "spaces"),
        (" https://portal.contraforce.com/api", "spaces"),
        ("https://portal.contraforce.com/api\n", "control"),
        ("https://portal.contraforce.com\\@evil.com/", "backslash"),
        ("https://portal.contraforce.com:/api", "empty port"),
        ("https://portal.contraforce.com:0/api", "port"),
        ("https://portal.contraforce.com:65536/api", "port"),
        ("https://portal.contraforce.com:8o/api", "port"),
        ("https://[::1/api", "IPv6"),
        ("https://[zz::1]/api", "IPv6"),
        ("https://[::1]x/api", "IPv6"),
        ("http://127.1", "dotted-quad"),
        ("http://0x7f.0.0.1", "dotted-quad"),
        ("http://2130706433", "dotted-quad"),
        ("http://127.0.0.01", "dotted-quad"),
        ("https://portal..contraforce.com", "empty label"),
        ("https://portal.contraforce.com./api", "empty label"),
        ("https://exa%6Dple.com", "host"),
        ("https://exämple.com", "punycode"),
        ("https://portal.contraforce.com/api//v2", "empty path segment"),
        ("https://portal.contraforce.com/api/../v2", "`..`"),
        ("https://portal.contraforce.com/./v2", "`..`"),
        ("https://portal.contraforce.com/api/%2E%2e/v2", "`..`"),
        ("https://portal.contraforce.com/a<b", "percent-encode"),
        ("https://portal.contraforce.com/é", "percent-encode"),
        ("https://portal.contraforce.com/100%", "`%`"),
        ("https://portal.contraforce.com/a%zz", "`%`"),
    ];
    for (input, expected) in cases {
        let error = parse_base_url(input).unwrap_err();
        let message = error.to_string();
        assert!(message.contains(expected), "{input:?}: {message}");
        assert!(message.contains("expected e.g. https://portal.contraforce.com/api/v2"), "{message}");
        assert_eq!(field_of(error), "baseUrl");
    }
}

#[test]
fn base_url_errors_never_quote_the_input() {
    let input = format!("https://admin:{SECRET}@portal.contraforce.com/api/v2");
    let error = parse_base_url(&input).unwrap_err();
    assert!(!error.to_string().contains(SECRET));
    assert!(!format!("{error:?}").contains(SECRET));
}

#[test]
fn same_origin_compares_scheme_host_and_port() {
    let base = parse_base_url("https://portal.contraforce.com/api/v2").unwrap();
    for url in [
        "https://portal.contraforce.com/api/v2/workspaces/x",
        "https://PORTAL.contraforce.com:443/other",
        "HTTPS://portal.contraforce.com",
        "https://portal.contraforce.com?x#y",
    ] {
        assert!(same_origin(&base, url), "{url}");
    }
    for url in [
        "http://portal.contraforce.com/api/v2",
        "https://portal.contraforce.com:8443/api/v2",
        "https://evil.com/api/v2",
        "https://portal.contraforce.com.evil.com/",
        "https://portal.contraforce.com@evil.com/",
        "https://user:pw@portal.contraforce.com/",
        "/api/v2/relative",
        "//portal.contraforce.com/api",
        "https://portal.contraforce.com\\@evil.com",
        "",
        "not a url",
    ] {
        assert!(!same_origin(&base, url), "{url}");
    }
    let local = parse_base_url("http://127.0.0.1:8080/api/v2").unwrap();
    assert!(same_origin(&local, "http://127.0.0.1:8080/redirected"));
    assert!(!same_origin(&local, "http://127.0.0.1:8081/redirected"));
    assert!(!same_origin(&local, "http://localhost:8080/redirected"));
    let local = parse_base_url("http://localhost/api").unwrap();
    assert!(same_origin(&local, "http://localhost:80/x"));
    let v6 = parse_base_url("http://[::1]:3000").unwrap();
    assert!(same_origin(&v6, "http://[0:0:0:0:0:0:0:1]:3000/x"));
}

#[test]
fn sources_are_canonicalised_in_any_case() {
    let cases = [
        ("sentinel", "Sentinel"),
        ("SENTINEL", "Sentinel"),
        ("defenderxdr", "DefenderXDR"),
        ("DefenderXdr", "DefenderXDR"),
        ("qradar", "QRadar"),
        ("splunk", "Splunk"),
        ("crowdstrike", "CrowdStrike"),
        ("sentinelone", "SentinelOne"),
        ("SentinelOne", "SentinelOne"),
    ];
    for (input, canonical) in cases {
        assert_eq!(canonical_source(input).unwrap(), canonical);
    }
    for source in SOURCES {
        assert_eq!(canonical_source(source).unwrap(), source);
    }
}

#[test]
fn unknown_sources_are_refused_listing_the_six() {
    for input in ["", "Defender", " sentinel", "sentinel ", "Sentinel1", "Sentinel/One"] {
        let error = canonical_source(input).unwrap_err();
        assert!(
            error.to_string().contains("Sentinel, DefenderXDR, QRadar, Splunk, CrowdStrike, SentinelOne"),
            "{error}"
        );
        assert_eq!(field_of(error), "source");
    }
}

#[test]
fn workspace_id_must_be_a_plain_guid() {
    for ok in [WORKSPACE, "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "00000000-0000-0000-0000-000000000000"] {
        validate_workspace_id(ok).unwrap();
    }
    for bad in [
        "",
        "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}",
        "3f2504e04f8911d39a0c0305e82c3301",
        "3f2504e0-4f89-11d3-9a0c-0305e82c330",
        "3f2504e0-4f89-11d3-9a0c-0305e82c33011",
        "3f2504e0-4f89-11d3-9a0c0-305e82c3301",
        "3f2504e0-4f89-11d3-9a0c-0305e82c330g",
        "3f2504e0-4f89-11d3-9a0c-0305e82c33é",
        " 3f2504e0-4f89-11d3-9a0c-0305e82c330",
        "../../../../../../../../../admin/x",
    ] {
        assert_eq!(field_of(validate_workspace_id(bad).unwrap_err()), "workspaceId", "{bad:?}");
    }
}

#[test]
fn incident_id_rules() {
    for ok in ["INC-1", "INC/123", "a b", "...", ".a", "é", "100%"] {
        validate_incident_id(ok).unwrap();
    }
    for bad in ["", ".", "..", "a\nb", "a\rb", "\0", "a\u{7f}", "a\u{85}", "a\u{9f}b", "\t"] {
        let error = validate_incident_id(bad).unwrap_err();
        assert_eq!(field_of(error), "incidentId", "{bad:?}");
    }
}

#[test]
fn path_segments_are_percent_encoded_once() {
    let cases = [
        ("INC/123", "INC%2F123"),
        ("a#b", "a%23b"),
        ("a?b", "a%3Fb"),
        ("100%", "100%25"),
        ("é", "%C3%A9"),
        ("a b", "a%20b"),
        ("%2F", "%252F"),
        ("AZaz09-._~", "AZaz09-._~"),
        ("+&=;:@!$'()*,", "%2B%26%3D%3B%3A%40%21%24%27%28%29%2A%2C"),
        ("\\", "%5C"),
        ("😀", "%F0%9F%98%80"),
    ];
    for (input, expected) in cases {
        assert_eq!(encode_path_segment(input), expected, "{input:?}");
    }
}

#[test]
fn incident_url_is_built_from_validated_parts() {
    let base = parse_base_url("https://portal.contraforce.com/api/v2/").unwrap();
    let prefix = format!("https://portal.contraforce.com/api/v2/workspaces/{WORKSPACE}/incidents");
    let url = incident_url(&base, &request("sentinel", "INC/123", None)).unwrap();
    assert_eq!(url, format!("{prefix}/Sentinel/INC%2F123"));
    let url = incident_url(&base, &request("DEFENDERXDR", "a#b?c", Some(true))).unwrap();
    assert_eq!(url, format!("{prefix}/DefenderXDR/a%23b%3Fc?withDetails=true"));
    let url = incident_url(&base, &request("QRadar", "100% é", Some(false))).unwrap();
    assert_eq!(url, format!("{prefix}/QRadar/100%25%20%C3%A9?withDetails=false"));

    let local = parse_base_url("http://127.0.0.1:8080").unwrap();
    let url = incident_url(&local, &request("splunk", "42", None)).unwrap();
    assert_eq!(url, format!("http://127.0.0.1:8080/workspaces/{WORKSPACE}/incidents/Splunk/42"));
}

#[test]
fn incident_url_names_the_first_invalid_field() {
    let base = parse_base_url("https://portal.contraforce.com/api/v2").unwrap();
    let mut bad = request("nope", "..", None);
    bad.workspace_id = "nope".into();
    assert_eq!(field_of(incident_url(&base, &bad).unwrap_err()), "workspaceId");
    bad.workspace_id = WORKSPACE.into();
    assert_eq!(field_of(incident_url(&base, &bad).unwrap_err()), "source");
    bad.source = "crowdstrike".into();
    assert_eq!(field_of(incident_url(&base, &bad).unwrap_err()), "incidentId");
    bad.incident_id = "...".into();
    assert!(incident_url(&base, &bad).unwrap().ends_with("/CrowdStrike/..."));
}

#[test]
fn authorization_headers() {
    let basic = Credentials::basic("Aladdin", "open sesame").unwrap();
    assert_eq!(basic.authorization_header(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    let unicode = Credentials::basic("é", "ü:x").unwrap();
    assert_eq!(unicode.authorization_header(), "Basic w6k6w7w6eA==");
    let bearer = Credentials::bearer("eyJhbGciOi.abc_-+/=").unwrap();
    assert_eq!(bearer.authorization_header(), "Bearer eyJhbGciOi.abc_-+/=");
    let headers = request_headers(&bearer);
    assert_eq!(headers[0], ("Accept", ACCEPT.to_owned()));
    assert_eq!(headers[1], ("Authorization", "Bearer eyJhbGciOi.abc_-+/=".to_owned()));
    assert_eq!(ACCEPT, "application/json, application/problem+json");
}

#[test]
fn invalid_credentials_are_refused_as_auth() {
    let cases = [
        (Credentials::basic("", SECRET), "clientId must not be empty"),
        (Credentials::basic("id:x", SECRET), "clientId must not contain `:`"),
        (Credentials::basic("id\r\nX-Evil: 1", SECRET), "clientId must not contain control"),
        (Credentials::basic("id", ""), "clientSecret must not be empty"),
        (Credentials::basic("id", format!("{SECRET}\r\nX-Evil: 1")), "clientSecret must not contain control"),
        (Credentials::basic("id", format!("{SECRET}\u{85}")), "clientSecret must not contain control"),
        (Credentials::bearer(""), "token must not be empty"),
        (Credentials::bearer(format!("{SECRET}\nX-Evil: 1")), "token must not contain control"),
        (Credentials::bearer(format!("{SECRET}\u{7f}")), "token must not contain control"),
        (Credentials::bearer(format!("{SECRET}é")), "token must be ASCII"),
        (Credentials::bearer(format!("Bearer {SECRET}")), "without the `Bearer ` prefix"),
        (Credentials::bearer(format!("{SECRET} ")), "start or end with a space"),
    ];
    for (result, expected) in cases {
        let error = result.unwrap_err();
        let shown = format!("{error} {error:?}");
        assert!(shown.contains(expected), "{shown}");
        assert!(!shown.contains(SECRET), "secret leaked: {shown}");
        assert_eq!(field_of(error), "auth");
    }
    let built_directly = Credentials::Bearer("a\r\nb".into());
    assert_eq!(field_of(built_directly.validate().unwrap_err()), "auth");
}

#[test]
fn debug_never_shows_a_secret() {
    let basic = Credentials::basic("my-client", SECRET).unwrap();
    assert_eq!(format!("{basic:?}"), r#"Credentials::Basic { client_id: "my-client", client_secret: "<redacted>" }"#);
    let bearer = Credentials::bearer(SECRET).unwrap();
    assert_eq!(format!("{bearer:?}"), "Credentials::Bearer(<redacted>)");
    for shown in [format!("{basic:?}"), format!("{basic:#?}"), format!("{bearer:?}"), format!("{:?}", Some(&bearer))] {
        assert!(!shown.contains(SECRET), "{shown}");
    }
}

#[test]
fn json_content_types() {
    for json in [
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON;charset=UTF-8",
        " application/json ",
        "application/problem+json",
        "application/problem+json; charset=utf-8",
        "application/vnd.api+json",
        "APPLICATION/LD+JSON",
        "text/json",
    ] {
        assert!(is_json_content_type(json), "{json}");
    }
    for other in [
        "",
        "text/html",
        "text/html; charset=utf-8",
        "text/plain; note=application/json",
        "application/jsonp",
        "application/json-seq",
        "application/+json",
        "json",
        "application/",
        "/json",
        "application/x json",
        "application/xml",
        "application/problem+xml",
    ] {
        assert!(!is_json_content_type(other), "{other}");
    }
}

#[test]
fn integer_options_from_javascript_numbers() {
    assert_eq!(validate_integer("timeoutMs", 30_000.0, 1, 2_147_483_647).unwrap(), 30_000);
    assert_eq!(validate_integer("retry.maxRetries", 0.0, 0, 100).unwrap(), 0);
    assert_eq!(validate_integer("retry.maxRetries", -0.0, 0, 100).unwrap(), 0);
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, 0.5, 101.0, 1e300] {
        let error = validate_integer("retry.maxRetries", bad, 0, 100).unwrap_err();
        assert!(error.to_string().contains("must be an integer from 0 to 100"), "{error}");
        assert_eq!(field_of(error), "retry.maxRetries");
    }
}
