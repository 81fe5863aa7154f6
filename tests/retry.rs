//! Retry policy: validation, backoff with full jitter, Retry-After parsing, decisions.

use contraforce_incident::retry::{parse_http_date, parse_retry_after, RetryDecision, RetryPolicy, MAX_TIMER_MS};
use contraforce_incident::{DecodeError, Error, HttpError};

/// 2015-10-21T07:28:00Z, the date in RFC 9110's Retry-After example.
const OCT_21_2015_MS: i64 = 1_445_412_480_000;

fn http(status: u16) -> Error {
    Error::Http(Box::new(HttpError { status, attempts: 1, ..Default::default() }))
}

fn network() -> Error {
    Error::Network { message: "connection reset".into(), hint: None, attempts: 1 }
}

fn field_of(error: Error) -> String {
    match error {
        Error::InvalidArgument { field, .. } => field,
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

#[test]
fn defaults_and_disabled() {
    let policy = RetryPolicy::default();
    assert_eq!(
        policy,
        RetryPolicy { max_retries: 3, base_delay_ms: 500, max_delay_ms: 10_000, max_retry_after_ms: 60_000 }
    );
    policy.validate().unwrap();
    let disabled = RetryPolicy::disabled();
    assert_eq!(disabled.max_retries, 0);
    disabled.validate().unwrap();
    assert_eq!(disabled.decide(&network(), 1, None, 0.5), RetryDecision::GiveUp);
}

#[test]
fn validation_names_the_option() {
    assert_eq!(RetryPolicy::new(5, 100, 1_000, 5_000).unwrap().max_retries, 5);
    RetryPolicy::new(0, 0, 0, 0).unwrap();
    RetryPolicy::new(100, MAX_TIMER_MS, MAX_TIMER_MS, MAX_TIMER_MS).unwrap();
    let cases = [
        (RetryPolicy::new(101, 500, 10_000, 60_000), "retry.maxRetries"),
        (RetryPolicy::new(3, 20_000, 10_000, 60_000), "retry.baseDelayMs"),
        (RetryPolicy::new(3, MAX_TIMER_MS + 1, u64::MAX, 60_000), "retry.baseDelayMs"),
        (RetryPolicy::new(3, 500, MAX_TIMER_MS + 1, 60_000), "retry.maxDelayMs"),
        (RetryPolicy::new(3, 500, 10_000, u64::MAX), "retry.maxRetryAfterMs"),
    ];
    for (result, field) in cases {
        let error = result.unwrap_err();
        assert!(error.to_string().contains(field), "{error}");
        assert_eq!(field_of(error), field);
    }
}

#[test]
fn backoff_is_full_jitter_within_the_exponential_cap() {
    let policy = RetryPolicy::default();
    let caps = [500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000];
    for (index, cap) in (0u32..).zip(caps) {
        assert_eq!(policy.backoff_delay_ms(index, 0.0), 0);
        assert_eq!(policy.backoff_delay_ms(index, 0.999_999_999_9), cap, "index {index}");
        assert_eq!(policy.backoff_delay_ms(index, 1.0), cap);
        let half = policy.backoff_delay_ms(index, 0.5);
        assert!(half.abs_diff(cap / 2) <= 1, "index {index}: {half}");
        for step in 0..=100 {
            let delay = policy.backoff_delay_ms(index, f64::from(step) / 100.0);
            assert!(delay <= cap, "index {index}, step {step}: {delay}");
        }
    }
}

#[test]
fn backoff_is_monotonic_in_the_random_number() {
    let policy = RetryPolicy::default();
    let mut previous = 0;
    for step in 0..=1_000 {
        let delay = policy.backoff_delay_ms(3, f64::from(step) / 1_000.0);
        assert!(delay >= previous);
        previous = delay;
    }
    assert_eq!(previous, 4_000);
}

#[test]
fn backoff_never_overflows() {
    let huge = RetryPolicy { max_retries: 3, base_delay_ms: u64::MAX, max_delay_ms: u64::MAX, max_retry_after_ms: 0 };
    for index in [0, 1, 63, 64, 65, 1_000, u32::MAX] {
        assert!(huge.backoff_delay_ms(index, 0.999) > 0);
        assert_eq!(huge.backoff_delay_ms(index, 1.0), u64::MAX);
        let expected = match index {
            0 => 500,
            1 => 1_000,
            _ => 10_000,
        };
        assert_eq!(RetryPolicy::default().backoff_delay_ms(index, 1.0), expected);
    }
    let zero = RetryPolicy { base_delay_ms: 0, max_delay_ms: 0, ..RetryPolicy::default() };
    assert_eq!(zero.backoff_delay_ms(u32::MAX, 0.9), 0);
    let inverted = RetryPolicy { base_delay_ms: 5_000, max_delay_ms: 100, ..RetryPolicy::default() };
    assert_eq!(inverted.backoff_delay_ms(0, 1.0), 100);
}

#[test]
fn odd_random_numbers_are_clamped() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.backoff_delay_ms(1, f64::NAN), 0);
    assert_eq!(policy.backoff_delay_ms(1, -3.0), 0);
    assert_eq!(policy.backoff_delay_ms(1, f64::NEG_INFINITY), 0);
    assert_eq!(policy.backoff_delay_ms(1, 7.0), 1_000);
    assert_eq!(policy.backoff_delay_ms(1, f64::INFINITY), 1_000);
}

#[test]
fn retry_after_delta_seconds() {
    assert_eq!(parse_retry_after("120", 0.0), Some(120_000));
    assert_eq!(parse_retry_after("0", 12_345.0), Some(0));
    assert_eq!(parse_retry_after("007", 0.0), Some(7_000));
    assert_eq!(parse_retry_after(" 5\t", 0.0), Some(5_000));
    assert_eq!(parse_retry_after("18446744073709551", 0.0), Some(18_446_744_073_709_551_000));
}

#[test]
fn invalid_retry_after_values_are_ignored() {
    for bad in [
        "",
        "   ",
        "-1",
        "+1",
        "abc",
        "1.5",
        "1e3",
        "0x10",
        "1 2",
        "120s",
        "１２",
        "18446744073709552",
        "99999999999999999999999999",
        "Wed, 21 Oct 2015 07:28:00",
        "Wed, 21 Oct 2015 07:28:00 PST",
        "Wed 21 Oct 2015 07:28:00 GMT",
        "Wednesday, 21 Oct 2015 07:28:00 GMT",
        "Wed, 21 Oct 15 07:28:00 GMT",
        "Xyz, 21 Oct 2015 07:28:00 GMT",
        "2015-10-21T07:28:00Z",
    ] {
        assert_eq!(parse_retry_after(bad, 0.0), None, "{bad:?}");
    }
}

#[test]
fn retry_after_http_dates() {
    let now = OCT_21_2015_MS as f64;
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now - 30_000.0), Some(30_000));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now - 0.25), Some(1));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now), Some(0));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now + 5_000.0), Some(0));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", f64::NAN), None);
    assert_eq!(parse_retry_after("wed, 21 oct 2015 07:28:00 gmt", now - 1_000.0), Some(1_000));
    assert_eq!(parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", now - 2_000.0), Some(2_000));
    assert_eq!(parse_retry_after("Wed Oct 21 07:28:00 2015", now - 3_000.0), Some(3_000));
    assert_eq!(parse_retry_after("Wed Oct  1 07:28:00 2015", 0.0), Some(1_443_684_480_000));
}

#[test]
fn http_date_forms_agree() {
    let expected = Some(OCT_21_2015_MS);
    assert_eq!(parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT"), expected);
    assert_eq!(parse_http_date("Wednesday, 21-Oct-15 07:28:00 GMT"), expected);
    assert_eq!(parse_http_date("Wed Oct 21 07:28:00 2015"), expected);
    assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
    assert_eq!(parse_http_date("Thursday, 01-Jan-70 00:00:00 GMT"), Some(0));
    assert_eq!(parse_http_date("Sat, 01 Jan 2000 00:00:00 GMT"), Some(946_684_800_000));
    assert_eq!(parse_http_date("Saturday, 01-Jan-00 00:00:00 GMT"), Some(946_684_800_000));
    assert_eq!(parse_http_date("Fri, 31 Dec 9999 23:59:59 GMT"), Some(253_402_300_799_000));
    assert_eq!(parse_http_date("Wed Oct 21 07:28:00 2015 GMT"), None);
    assert_eq!(parse_http_date("Wednesday, 21-Oct-2015 07:28:00 GMT"), None);
    assert_eq!(parse_http_date("Wednesday, 21-Oct-15-1 07:28:00 GMT"), None);
}

#[test]
fn only_retryable_errors_are_retried() {
    let policy = RetryPolicy::default();
    for error in [network(), Error::Timeout { timeout_ms: 30_000, attempts: 1 }] {
        assert_eq!(policy.decide(&error, 1, None, 0.0), RetryDecision::RetryAfter(0));
    }
    for status in [408, 429, 500, 502, 503, 504] {
        assert_eq!(policy.decide(&http(status), 1, None, 1.0), RetryDecision::RetryAfter(500), "{status}");
    }
    let decode = Error::Decode(DecodeError {
        path: String::new(),
        expected: "an object".into(),
        found: "null".into(),
        line: 1,
        column: 1,
    });
    let never = [
        http(400),
        http(401),
        http(403),
        http(404),
        http(409),
        http(422),
        http(501),
        http(505),
        Error::invalid_argument("incidentId", "must not be empty"),
        Error::Aborted { attempts: 1 },
        Error::TooLarge { limit: 10, attempts: 1 },
        decode,
    ];
    for error in never {
        assert_eq!(policy.decide(&error, 1, Some(1_000), 0.5), RetryDecision::GiveUp, "{error:?}");
    }
}

#[test]
fn retries_stop_after_max_retries() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.decide(&network(), 1, None, 1.0), RetryDecision::RetryAfter(500));
    assert_eq!(policy.decide(&network(), 2, None, 1.0), RetryDecision::RetryAfter(1_000));
    assert_eq!(policy.decide(&network(), 3, None, 1.0), RetryDecision::RetryAfter(2_000));
    assert_eq!(policy.decide(&network(), 4, None, 1.0), RetryDecision::GiveUp);
    assert_eq!(policy.decide(&network(), u32::MAX, None, 1.0), RetryDecision::GiveUp);
    assert_eq!(policy.decide(&network(), 0, None, 1.0), RetryDecision::RetryAfter(500));
    let once = RetryPolicy { max_retries: 1, ..RetryPolicy::default() };
    assert_eq!(once.decide(&http(503), 1, Some(0), 0.3), RetryDecision::RetryAfter(0));
    assert_eq!(once.decide(&http(503), 2, Some(0), 0.3), RetryDecision::GiveUp);
}

#[test]
fn retry_after_is_honoured_up_to_the_limit() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.decide(&http(429), 1, Some(30_000), 0.9), RetryDecision::RetryAfter(30_000));
    assert_eq!(policy.decide(&http(503), 1, Some(60_000), 0.9), RetryDecision::RetryAfter(60_000));
    assert_eq!(policy.decide(&http(503), 1, Some(60_001), 0.9), RetryDecision::GiveUp);
    assert_eq!(policy.decide(&http(503), 1, Some(u64::MAX), 0.9), RetryDecision::GiveUp);
    // An invalid header parses to None, so backoff applies.
    let wait = parse_retry_after("1.5", 0.0);
    assert_eq!(policy.decide(&http(503), 2, wait, 1.0), RetryDecision::RetryAfter(1_000));
    let wait = parse_retry_after("120", 0.0);
    assert_eq!(policy.decide(&http(503), 2, wait, 1.0), RetryDecision::GiveUp);
}

#[test]
fn retry_after_recorded_on_the_error_is_used_when_none_is_given() {
    let policy = RetryPolicy::default();
    let error = Error::Http(Box::new(HttpError { status: 429, retry_after_ms: Some(7_000), ..Default::default() }));
    assert_eq!(policy.decide(&error, 1, None, 0.0), RetryDecision::RetryAfter(7_000));
    assert_eq!(policy.decide(&error, 1, Some(2_000), 0.0), RetryDecision::RetryAfter(2_000));
    let error = Error::Http(Box::new(HttpError { status: 429, retry_after_ms: Some(61_000), ..Default::default() }));
    assert_eq!(policy.decide(&error, 1, None, 0.0), RetryDecision::GiveUp);
}
