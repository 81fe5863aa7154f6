//! `extract_indicators`: the observables of an incident, on fixture files named for what they show and on tables
//! of single values (IPv6 forms, hash lengths, accounts, domains, URLs).

use contraforce_incident::decode_incident_response;
use contraforce_incident::indicators::{extract_indicators, HashAlgorithm, Indicator, IndicatorKind, IndicatorReport};
use contraforce_incident::model::ContraForceIncident;
use serde_json::{json, Value};

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("fixtures/", $name)).as_slice()
    };
}

fn report_of(body: &[u8]) -> IndicatorReport {
    extract_indicators(&decode_incident_response(body).expect("fixture decodes").data)
}

/// An incident whose only entity is `entity`, in `incident.entities`.
fn incident_with(entity: Value) -> ContraForceIncident {
    let body = json!({ "data": { "incident": { "entities": [entity] } } });
    decode_incident_response(body.to_string().as_bytes()).expect("test body decodes").data
}

fn one_entity(entity: Value) -> IndicatorReport {
    extract_indicators(&incident_with(entity))
}

fn values(report: &IndicatorReport, kind: IndicatorKind) -> Vec<&str> {
    report.indicators.iter().filter(|indicator| indicator.kind == kind).map(|i| i.value.as_str()).collect()
}

fn find<'a>(report: &'a IndicatorReport, kind: IndicatorKind, value: &str) -> &'a Indicator {
    let found = report.indicators.iter().find(|indicator| indicator.kind == kind && indicator.value == value);
    found.unwrap_or_else(|| panic!("no {kind:?} {value:?} in {report:#?}"))
}

#[test]
fn full_fixture_gives_exactly_these_indicators() {
    let report = report_of(fixture!("incident_full.json"));
    let expected: Value = serde_json::from_slice(fixture!("indicators_incident_full_expected.json")).unwrap();
    assert_eq!(serde_json::to_value(&report).unwrap(), expected);
}

#[test]
fn full_fixture_links_alerts_to_the_host_by_device_id() {
    let report = report_of(fixture!("incident_full.json"));
    let host = find(&report, IndicatorKind::Host, "ws-fin-0042");
    assert_eq!(host.alert_ids, ["1e2f3a4b-5c6d-4e7f-8091-a2b3c4d5e6f7", "2f3a4b5c-6d7e-4f80-91a2-b3c4d5e6f7a8"]);
    let linked: usize = report.indicators.iter().map(|indicator| indicator.alert_ids.len()).sum();
    assert_eq!(linked, 2, "the alert without deviceId links to nothing");
    // The investigation's copy of the IP entity has no ipAddress: its display name is read, and the ids merge.
    assert_eq!(find(&report, IndicatorKind::Ip, "203.0.113.47").entity_ids, ["5b329671-4c2b-488d-8b12-388e86f6e8f4"]);
}

#[test]
fn serialized_shape_has_every_field_with_null_not_missing() {
    let report = one_entity(json!({ "type": "IP", "ipAddress": "n/a" }));
    let value = serde_json::to_value(&report).unwrap();
    assert_eq!(
        value,
        json!({ "indicators": [], "skipped": [
            { "kind": "ip", "value": "n/a", "reason": "not an IPv4 or IPv6 address", "entityId": null }
        ] })
    );
    let report = one_entity(json!({ "id": "e", "type": "FileHash", "fileHash": "F9D3A468E2EF10658C8E527EE91E3FF7" }));
    assert_eq!(
        serde_json::to_value(&report.indicators[0]).unwrap(),
        json!({ "kind": "fileHash", "value": "f9d3a468e2ef10658c8e527ee91e3ff7", "hashAlgorithm": "MD5",
                "context": null, "entityIds": ["e"], "alertIds": [] })
    );
}

#[test]
fn garbage_values_are_skipped_and_counted_not_thrown() {
    let report = report_of(fixture!("indicators_garbage_values.json"));
    assert_eq!(values(&report, IndicatorKind::Ip), ["198.51.100.7"], "{report:#?}");
    assert_eq!(report.indicators.len(), 1);
    let skipped: Vec<(IndicatorKind, Option<&str>)> =
        report.skipped.iter().map(|skip| (skip.kind, skip.entity_id.as_deref())).collect();
    use IndicatorKind::*;
    assert_eq!(
        skipped,
        [
            (Ip, Some("ip-na")),
            (Ip, Some("ip-octal")),
            (Ip, Some("ip-range")),
            (FileHash, Some("hash-63")),
            (FileHash, Some("hash-not-hex")),
            (FileHash, Some("hash-mismatch")),
            (FileHash, Some("hash-other-algorithm")),
            (Account, Some("user-no-at")),
            (Account, Some("user-two-at")),
            (Account, Some("user-empty-domain")),
            (Host, Some("host-na")),
            (Domain, Some("domain-space")),
            (Domain, Some("domain-single-label")),
            (Domain, Some("domain-ip")),
            (Url, Some("url-javascript")),
            (Url, Some("url-no-host")),
            (Url, Some("url-long")),
            (Mailbox, Some("mailbox-no-at")),
            (MailMessage, Some("message-space")),
        ],
        "a blank ipAddress is absent, not garbage; the same bad value of the same entity in two sections counts once"
    );
    let reason = |id: &str| &report.skipped.iter().find(|skip| skip.entity_id.as_deref() == Some(id)).unwrap().reason;
    assert_eq!(reason("hash-63"), "63 hex digits; MD5, SHA-1 and SHA-256 have 32, 40 and 64");
    assert_eq!(reason("hash-mismatch"), "hashAlgorithm is MD5 but the value has 40 hex digits (SHA1)");
    assert_eq!(reason("user-no-at"), "no '@' (not a UPN or e-mail address)");
    let long = report.skipped.iter().find(|skip| skip.entity_id.as_deref() == Some("url-long")).unwrap();
    assert_eq!(long.value.chars().count(), 200);
    assert!(long.value.starts_with("https://exa mple.com/bbb"));
}

#[test]
fn duplicates_across_sections_merge_entity_ids() {
    let report = report_of(fixture!("indicators_duplicates_across_sections.json"));
    assert_eq!(report.indicators.len(), 4, "{report:#?}");
    assert!(report.skipped.is_empty());

    let ip = &report.indicators[0];
    assert_eq!((ip.kind, ip.value.as_str()), (IndicatorKind::Ip, "2001:db8::1"));
    assert_eq!(ip.entity_ids, ["/subscriptions/s/providers/Microsoft.SecurityInsights/Entities/ip-1", "ip-1", "ip-2"]);
    assert_eq!(ip.context.as_deref(), Some("Perimeter scanner"));

    let account = find(&report, IndicatorKind::Account, "jorg.muller@northwind.example");
    assert_eq!(account.entity_ids, ["/subscriptions/s/providers/Microsoft.SecurityInsights/Entities/user-1", "user-1"]);
    assert!(values(&report, IndicatorKind::Account).len() == 1, "a Process entity's userUpn is not an account");

    let hash =
        find(&report, IndicatorKind::FileHash, "532b36358586b72ef85cc9fbd95d509db01cec76b99ca230f76fafb11ffe90d3");
    assert_eq!(hash.hash_algorithm, Some(HashAlgorithm::Sha256));
    assert_eq!(hash.entity_ids, ["/subscriptions/s/providers/Microsoft.SecurityInsights/Entities/file-1", "process-1"]);
    assert_eq!(hash.context.as_deref(), Some("Rechnung_0415.ps1"));

    let host = find(&report, IndicatorKind::Host, "ws-fin-0042");
    assert_eq!(host.entity_ids, ["/subscriptions/s/providers/Microsoft.SecurityInsights/Entities/host-1", "host-1"]);
    assert_eq!(host.alert_ids, ["alert-1", "alert-2"], "device ids match in any case; a repeated alert id counts once");
}

#[test]
fn entities_are_classified_by_kind_when_the_type_says_nothing() {
    let report = report_of(fixture!("indicators_kind_fallback_and_sources.json"));
    use IndicatorKind::*;
    let found: Vec<(IndicatorKind, &str)> = report.indicators.iter().map(|i| (i.kind, i.value.as_str())).collect();
    assert_eq!(
        found,
        [
            (Ip, "192.0.2.10"),
            (Host, "srv-web-01"),
            (Url, "ftp://files.example.org/drop.zip"),
            (Account, "alex@contoso.example"),
            (MailMessage, "e7f8a9b0-c1d2-4e3f-a4b5-c6d7e8f9a0b1"),
            (Mailbox, "alex@contoso.example"),
            (Domain, "login.contoso-secure.example"),
        ],
        "a listed type (Process) wins over kind; a MailMessage's emailAddress and a Mailbox's UPN are not read"
    );
    assert_eq!(
        find(&report, MailMessage, "e7f8a9b0-c1d2-4e3f-a4b5-c6d7e8f9a0b1").context.as_deref(),
        Some("Your invoice")
    );
}

#[test]
fn ip_addresses_take_their_canonical_form() {
    let cases = [
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("2001:DB8::0:1", "2001:db8::1"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("::", "::"),
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
        ("::FFFF:C000:0201", "::ffff:192.0.2.1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("fe80::1%eth0", "fe80::1"),
        ("[fe80::1%25]", "fe80::1"),
        ("2001:db8::1:443", "2001:db8::1:443"),
        ("203.0.113.47", "203.0.113.47"),
        ("203.0.113.47:8080", "203.0.113.47"),
        (" 203.0.113.47\n", "203.0.113.47"),
    ];
    for (input, canonical) in cases {
        let report = one_entity(json!({ "id": "e", "type": "IP", "ipAddress": input }));
        assert_eq!(values(&report, IndicatorKind::Ip), [canonical], "{input:?}: {report:#?}");
    }
    let refused = [
        "n/a",
        "-",
        "010.0.0.1",
        "256.1.1.1",
        "1.2.3",
        "10.0.0.0/8",
        "2001:db8::1::2",
        "[2001:db8::1]x",
        "1.2.3.4:0x50",
    ];
    for input in refused {
        let report = one_entity(json!({ "id": "e", "type": "IP", "ipAddress": input }));
        assert!(report.indicators.is_empty(), "{input:?}: {report:#?}");
        assert_eq!(report.skipped.len(), 1, "{input:?}");
        assert_eq!(report.skipped[0].value, input);
    }
}

#[test]
fn hashes_are_told_apart_by_length_and_hex() {
    let hex = |n: usize| "0123456789ABCDEF".chars().cycle().take(n).collect::<String>();
    for (length, algorithm) in [(32, HashAlgorithm::Md5), (40, HashAlgorithm::Sha1), (64, HashAlgorithm::Sha256)] {
        let report = one_entity(json!({ "id": "e", "type": "File", "fileHash": hex(length) }));
        assert_eq!(report.indicators.len(), 1, "{length}");
        assert_eq!(report.indicators[0].hash_algorithm, Some(algorithm));
        assert_eq!(report.indicators[0].value, hex(length).to_ascii_lowercase());
    }
    for length in [1, 31, 33, 39, 41, 63, 65, 96, 128] {
        let report = one_entity(json!({ "id": "e", "type": "File", "fileHash": hex(length) }));
        assert!(report.indicators.is_empty(), "{length}");
        assert_eq!(report.skipped[0].reason, format!("{length} hex digits; MD5, SHA-1 and SHA-256 have 32, 40 and 64"));
    }
    let not_hex = format!("{}g", hex(63));
    let report = one_entity(json!({ "type": "File", "fileHash": not_hex }));
    assert_eq!(report.skipped[0].reason, "not hexadecimal");
}

#[test]
fn hash_algorithm_is_cross_checked_when_present() {
    let sha1 = "d02dd43b16fdd3af851aae900e0aacbd0076d196";
    for declared in ["SHA1", "sha1", "SHA-1", "Sha_1", "Unknown", ""] {
        let report = one_entity(json!({ "type": "FileHash", "fileHash": sha1, "hashAlgorithm": declared }));
        assert_eq!(values(&report, IndicatorKind::FileHash), [sha1], "{declared:?}");
    }
    for declared in ["MD5", "SHA256", "SHA384", "imphash"] {
        let report = one_entity(json!({ "type": "FileHash", "fileHash": sha1, "hashAlgorithm": declared }));
        assert!(report.indicators.is_empty(), "{declared:?}");
        assert!(report.skipped[0].reason.starts_with("hashAlgorithm"), "{:?}", report.skipped[0].reason);
    }
}

#[test]
fn accounts_domains_urls_and_hosts() {
    let user = |field: &str, value: &str| one_entity(json!({ "id": "u", "type": "User", field: value }));
    assert_eq!(
        values(&user("userPrincipalName", "Jörg.Müller@Northwind.Example"), IndicatorKind::Account),
        ["jörg.müller@northwind.example"]
    );
    assert_eq!(values(&user("emailAddress", " a@b "), IndicatorKind::Account), ["a@b"]);
    for bad in ["svc-backup", "@northwind.example", "a@", "a@b@c", "a b@c"] {
        assert_eq!(user("userPrincipalName", bad).skipped.len(), 1, "{bad:?}");
    }

    let domain = |value: &str| one_entity(json!({ "type": "DomainName", "displayName": value }));
    assert_eq!(values(&domain("CDN.Example-Updates.NET."), IndicatorKind::Domain), ["cdn.example-updates.net"]);
    assert_eq!(values(&domain("Bücher.Example"), IndicatorKind::Domain), ["bücher.example"], "IDN kept as sent");
    assert_eq!(
        values(&domain("_dmarc.xn--bcher-kva.example"), IndicatorKind::Domain),
        ["_dmarc.xn--bcher-kva.example"]
    );
    let long_label = format!("{}.example", "a".repeat(64));
    for bad in ["a..b", "-a.example", "a-.example", "example.123", "*.example.com", long_label.as_str()] {
        assert_eq!(domain(bad).skipped.len(), 1, "{bad:?}");
    }

    let url = |value: &str| one_entity(json!({ "type": "URL", "displayName": value }));
    for good in
        ["HTTPS://Example.com", "http://user:pw@10.0.0.1:8080/x?y#z", "http://[2001:db8::1]:80/", "ftp://f.example/"]
    {
        assert_eq!(values(&url(&format!("  {good} ")), IndicatorKind::Url), [good]);
    }
    for bad in ["mailto:a@b", "example.com/path", "http://", "http://host:99999/", "http://[::1/", "file:///etc/passwd"]
    {
        assert_eq!(url(bad).skipped.len(), 1, "{bad:?}");
    }

    let host = |value: &str| one_entity(json!({ "type": "Device", "hostName": value }));
    assert_eq!(values(&host("WS-FIN-0042.corp.example."), IndicatorKind::Host), ["ws-fin-0042.corp.example"]);
    for bad in ["n/a", "ws fin", "a..b", "host:1"] {
        assert_eq!(host(bad).skipped.len(), 1, "{bad:?}");
    }
}

#[test]
fn context_is_what_adds_to_the_value() {
    let report = one_entity(json!({ "type": "IP", "displayName": "Gateway", "ipAddress": "192.0.2.1" }));
    assert_eq!(report.indicators[0].context.as_deref(), Some("Gateway"));
    let report = one_entity(json!({ "type": "IP", "displayName": "192.0.2.1", "ipAddress": "192.0.2.1" }));
    assert_eq!(report.indicators[0].context, None);
    let report = one_entity(json!({ "type": "Device", "displayName": "WS-1", "hostName": "ws-1" }));
    assert_eq!(report.indicators[0].context, None);
    let report = one_entity(json!({ "type": "MailMessage", "networkMessageId": "m", "emailSubject": "Invoice" }));
    assert_eq!(report.indicators[0].context.as_deref(), Some("Invoice"));
}

#[test]
fn empty_incidents_give_an_empty_report() {
    assert_eq!(extract_indicators(&ContraForceIncident::default()), IndicatorReport::default());
    assert_eq!(report_of(fixture!("incident_minimal.json")).skipped, []);
}

#[test]
fn never_panics_on_odd_values() {
    let long = "é".repeat(5000);
    let odd = [
        "",
        " ",
        "\u{0}",
        "[",
        "]",
        "[]",
        "[]:",
        "[:",
        "%",
        "::",
        ":::",
        "@",
        "@@",
        ".",
        "..",
        "-",
        "http://",
        "http://[",
        "http://@",
        "http://:",
        "https://[]:80",
        "ftp://a:",
        "1.2.3.4:",
        ":80",
        "%%",
        "\u{1F600}",
        "\u{FEFF}a@b",
        long.as_str(),
    ];
    let types = ["IP", "DomainName", "URL", "File", "FileHash", "User", "Device", "Mailbox", "MailMessage", "Unknown"];
    let fields = [
        "ipAddress",
        "displayName",
        "friendlyName",
        "fileHash",
        "hashAlgorithm",
        "hostName",
        "userPrincipalName",
        "emailAddress",
        "networkMessageId",
        "emailSubject",
        "deviceId",
        "kind",
    ];
    for entity_type in types {
        for value in odd {
            let mut entity = serde_json::Map::new();
            entity.insert("type".into(), entity_type.into());
            for field in fields {
                entity.insert(field.into(), value.into());
            }
            let body = json!({ "data": {
                "incident": { "entities": [Value::Object(entity.clone())] },
                "investigationDetails": {
                    "entities": [{ "type": entity_type, "displayName": value, "userUpn": value, "deviceId": value }],
                    "alerts": [{ "id": value, "deviceId": value }],
                },
            } });
            let report = extract_indicators(&decode_incident_response(body.to_string().as_bytes()).unwrap().data);
            for skip in &report.skipped {
                assert!(skip.value.chars().count() <= 200);
            }
        }
    }
}
