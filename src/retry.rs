//! Retry policy: which failures are retried, how long to wait (exponential backoff with full jitter, or the
//! server's `Retry-After`), and when to give up.
//!
//! Pure functions: the caller supplies the clock (`now_ms`) and the random number (`random_unit`, e.g.
//! `Math.random()`), so every decision is deterministic and testable.
//!
//! ```
//! use contraforce_incident::retry::{parse_retry_after, RetryDecision, RetryPolicy};
//! use contraforce_incident::{Error, HttpError};
//!
//! let policy = RetryPolicy::default();
//! let unavailable = Error::Http(Box::new(HttpError { status: 503, attempts: 1, ..Default::default() }));
//! let wait = parse_retry_after("2", 0.0);
//! assert_eq!(policy.decide(&unavailable, 1, wait, 0.5), RetryDecision::RetryAfter(2_000));
//! ```

mod http_date;

pub use http_date::parse_http_date;

use crate::error::Error;

/// The longest wait a JavaScript timer can take (`setTimeout` fires at once above 2^31 - 1 ms).
pub const MAX_TIMER_MS: u64 = i32::MAX as u64;

/// The most retries a policy may ask for.
pub const MAX_RETRIES_LIMIT: u32 = 100;

/// When and how long to retry. The JavaScript option `retry: { maxRetries, baseDelayMs, maxDelayMs,
/// maxRetryAfterMs }` maps onto these fields; `retry: false` is [`RetryPolicy::disabled`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 3, so at most 4 attempts).
    pub max_retries: u32,
    /// The backoff before the first retry, doubled for each further one (default 500 ms).
    pub base_delay_ms: u64,
    /// The cap of the backoff (default 10 000 ms).
    pub max_delay_ms: u64,
    /// The longest `Retry-After` that is honoured (default 60 000 ms); a longer one ends the retries.
    pub max_retry_after_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 3, base_delay_ms: 500, max_delay_ms: 10_000, max_retry_after_ms: 60_000 }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this many milliseconds, then try again.
    RetryAfter(u64),
    /// Report the error.
    GiveUp,
}

impl RetryPolicy {
    /// No retries: the first failure is reported.
    pub fn disabled() -> Self {
        RetryPolicy { max_retries: 0, ..RetryPolicy::default() }
    }

    /// A validated policy (see [`RetryPolicy::validate`]).
    pub fn new(
        max_retries: u32,
        base_delay_ms: u64,
        max_delay_ms: u64,
        max_retry_after_ms: u64,
    ) -> Result<Self, Error> {
        let policy = RetryPolicy { max_retries, base_delay_ms, max_delay_ms, max_retry_after_ms };
        policy.validate()?;
        Ok(policy)
    }

    /// Refuses nonsense with an `InvalidArgument` naming the option (`retry.maxRetries`, `retry.baseDelayMs`,
    /// `retry.maxDelayMs`, `retry.maxRetryAfterMs`): more than [`MAX_RETRIES_LIMIT`] retries, a delay above
    /// [`MAX_TIMER_MS`], or a base delay above the maximum delay.
    pub fn validate(&self) -> Result<(), Error> {
        if self.max_retries > MAX_RETRIES_LIMIT {
            return Err(Error::invalid_argument("retry.maxRetries", format!("must be at most {MAX_RETRIES_LIMIT}")));
        }
        let delays = [
            ("retry.baseDelayMs", self.base_delay_ms),
            ("retry.maxDelayMs", self.max_delay_ms),
            ("retry.maxRetryAfterMs", self.max_retry_after_ms),
        ];
        for (field, value) in delays {
            if value > MAX_TIMER_MS {
                return Err(Error::invalid_argument(field, format!("must be at most {MAX_TIMER_MS} ms")));
            }
        }
        if self.base_delay_ms > self.max_delay_ms {
            return Err(Error::invalid_argument(
                "retry.baseDelayMs",
                format!("must not exceed retry.maxDelayMs ({} ms)", self.max_delay_ms),
            ));
        }
        Ok(())
    }

    /// The backoff before retry number `retry_index + 1` (so `0` for the first retry), with full jitter: a value in
    /// `[0, min(max_delay_ms, base_delay_ms * 2^retry_index)]` chosen by `random_unit`, a number in `[0, 1)` such as
    /// `Math.random()` (values outside are clamped, `NaN` counts as 0). Never overflows, however large the index.
    ///
    /// ```
    /// use contraforce_incident::retry::RetryPolicy;
    /// let policy = RetryPolicy::default(); // 500 ms base, 10 s cap
    /// assert_eq!(policy.backoff_delay_ms(2, 0.0), 0);
    /// assert_eq!(policy.backoff_delay_ms(2, 0.999_999_999), 2_000);
    /// assert_eq!(policy.backoff_delay_ms(1_000, 0.999_999_999), 10_000);
    /// ```
    pub fn backoff_delay_ms(&self, retry_index: u32, random_unit: f64) -> u64 {
        let exponential = 1u64
            .checked_shl(retry_index)
            .and_then(|factor| self.base_delay_ms.checked_mul(factor))
            .unwrap_or(if self.base_delay_ms == 0 { 0 } else { u64::MAX });
        let cap = exponential.min(self.max_delay_ms);
        let unit = if random_unit.is_nan() { 0.0 } else { random_unit.clamp(0.0, 1.0) };
        // `as` saturates; the `min` keeps `unit == 1.0` inside the range.
        ((unit * (cap as f64 + 1.0)) as u64).min(cap)
    }

    /// Decides what follows a failed attempt.
    ///
    /// `attempt` is the number of attempts made so far (1 after the first). Gives up when the error is not
    /// [retryable](Error::is_retryable) or `max_retries` retries were made. Otherwise waits the server's
    /// `Retry-After` (`retry_after_ms`, or failing that the one recorded on an HTTP error), unless it is above
    /// `max_retry_after_ms`, which gives up (the caller then reports `retryAfterMs` on the error); without a
    /// `Retry-After`, waits [`backoff_delay_ms`](RetryPolicy::backoff_delay_ms)`(attempt - 1, random_unit)`.
    pub fn decide(&self, error: &Error, attempt: u32, retry_after_ms: Option<u64>, random_unit: f64) -> RetryDecision {
        let retries_made = attempt.saturating_sub(1);
        if !error.is_retryable() || retries_made >= self.max_retries {
            return RetryDecision::GiveUp;
        }
        let retry_after_ms = retry_after_ms.or(match error {
            Error::Http(http) => http.retry_after_ms,
            _ => None,
        });
        match retry_after_ms {
            Some(wait) if wait > self.max_retry_after_ms => RetryDecision::GiveUp,
            Some(wait) => RetryDecision::RetryAfter(wait),
            None => RetryDecision::RetryAfter(self.backoff_delay_ms(retries_made, random_unit)),
        }
    }
}

/// Parses a `Retry-After` header into milliseconds to wait from `now_ms` (Unix time in milliseconds, e.g.
/// `Date.now()`).
///
/// Accepts delta-seconds (ASCII digits only: `120` gives 120 000) and an HTTP-date in any of the three forms of
/// RFC 9110 (IMF-fixdate `Wed, 21 Oct 2015 07:28:00 GMT`, RFC 850, asctime), which gives the time until that
/// date, or 0 when it has passed. Anything else (`-1`, `abc`, `1.5`, empty, an overflowing number) is `None`, and
/// the caller falls back to backoff.
///
/// ```
/// use contraforce_incident::retry::parse_retry_after;
/// assert_eq!(parse_retry_after("120", 0.0), Some(120_000));
/// assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_470_000.0), Some(10_000));
/// assert_eq!(parse_retry_after("1.5", 0.0), None);
/// ```
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim_matches([' ', '\t']);
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u64>().ok()?.checked_mul(1000);
    }
    let date_ms = parse_http_date(value)?;
    if !now_ms.is_finite() {
        return None;
    }
    let wait = (date_ms as f64 - now_ms).ceil();
    // `as` saturates, and a date far enough ahead to saturate is given up on by `decide` anyway.
    Some(if wait > 0.0 { wait as u64 } else { 0 })
}
