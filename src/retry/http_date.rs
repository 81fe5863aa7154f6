//! HTTP-date parsing (RFC 9110 §5.6.7), for `Retry-After`.

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Parses an HTTP-date into Unix time in milliseconds.
///
/// Accepts the preferred IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the two obsolete forms recipients must
/// still read: RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`; two-digit years 70-99 are 19xx, 00-69 are 20xx) and
/// asctime (`Sun Nov  6 08:49:37 1994`). Names are matched in any letter case; the weekday is checked to be a
/// weekday name but not to match the date. Returns `None` for anything else, including impossible dates
/// (`31 Apr`, `29 Feb` of a common year) and times.
///
/// ```
/// use contraforce_incident::retry::parse_http_date;
/// assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777_000));
/// assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(784_111_777_000));
/// assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(784_111_777_000));
/// ```
pub fn parse_http_date(value: &str) -> Option<i64> {
    let tokens: Vec<&str> = value.split_ascii_whitespace().collect();
    match tokens.as_slice() {
        [weekday, day, month, year, time, zone] if is_gmt(zone) && is_name(weekday, &DAYS, true) => {
            to_unix_ms(number(year, 4, 4)?.into(), month_number(month)?, number(day, 1, 2)?, time)
        }
        [weekday, date, time, zone] if is_gmt(zone) && is_name(weekday, &LONG_DAYS, true) => {
            let mut parts = date.split('-');
            let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() {
                return None;
            }
            let year = number(year, 2, 2)?;
            let year = if year >= 70 { 1900 + year } else { 2000 + year };
            to_unix_ms(year.into(), month_number(month)?, number(day, 1, 2)?, time)
        }
        [weekday, month, day, time, year] if is_name(weekday, &DAYS, false) => {
            to_unix_ms(number(year, 4, 4)?.into(), month_number(month)?, number(day, 1, 2)?, time)
        }
        _ => None,
    }
}

fn is_gmt(zone: &str) -> bool {
    zone.eq_ignore_ascii_case("GMT")
}

/// Whether `token` is one of `names`, followed by a comma exactly when `comma` is set.
fn is_name(token: &str, names: &[&str], comma: bool) -> bool {
    let name = if comma { token.strip_suffix(',') } else { Some(token) };
    name.is_some_and(|name| names.iter().any(|candidate| candidate.eq_ignore_ascii_case(name)))
}

fn month_number(token: &str) -> Option<u32> {
    let index = MONTHS.iter().position(|month| month.eq_ignore_ascii_case(token))?;
    u32::try_from(index).ok().map(|index| index + 1)
}

/// A run of `min..=max` ASCII digits.
fn number(token: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| token.parse().ok()).flatten()
}

/// `HH:MM:SS` (a leap second `60` is allowed) plus the date, as Unix milliseconds.
fn to_unix_ms(year: i64, month: u32, day: u32, time: &str) -> Option<i64> {
    let mut parts = time.split(':');
    let hour = number(parts.next()?, 2, 2)?;
    let minute = number(parts.next()?, 2, 2)?;
    let second = number(parts.next()?, 2, 2)?;
    if parts.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    if day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400
        + i64::from(hour) * 3_600
        + i64::from(minute) * 60
        + i64::from(second);
    Some(seconds * 1_000)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::{days_from_civil, parse_http_date};

    #[test]
    fn days_from_civil_matches_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 2, 29), 19_782);
    }

    #[test]
    fn leap_days_and_impossible_dates() {
        assert_eq!(parse_http_date("Thu, 29 Feb 2024 00:00:00 GMT"), Some(19_782 * 86_400_000));
        assert_eq!(parse_http_date("Tue, 29 Feb 2000 00:00:00 GMT"), Some(951_782_400_000));
        assert_eq!(parse_http_date("Thu, 29 Feb 1900 00:00:00 GMT"), None);
        assert_eq!(parse_http_date("Wed, 29 Feb 2023 00:00:00 GMT"), None);
        assert_eq!(parse_http_date("Thu, 31 Apr 2015 00:00:00 GMT"), None);
        assert_eq!(parse_http_date("Thu, 00 Apr 2015 00:00:00 GMT"), None);
        assert_eq!(parse_http_date("Thu, 01 Xyz 2015 00:00:00 GMT"), None);
    }

    #[test]
    fn times_are_range_checked() {
        assert_eq!(parse_http_date("Wed, 21 Oct 2015 23:59:60 GMT"), Some(1_445_471_999_000 + 1_000));
        assert_eq!(parse_http_date("Wed, 21 Oct 2015 24:00:00 GMT"), None);
        assert_eq!(parse_http_date("Wed, 21 Oct 2015 07:60:00 GMT"), None);
        assert_eq!(parse_http_date("Wed, 21 Oct 2015 07:28:61 GMT"), None);
        assert_eq!(parse_http_date("Wed, 21 Oct 2015 7:28:00 GMT"), None);
        assert_eq!(parse_http_date("Wed, 21 Oct 2015 07:28 GMT"), None);
        assert_eq!(parse_http_date("Wed, 21 Oct 2015 07:28:00:00 GMT"), None);
    }
}
