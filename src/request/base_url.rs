//! The base URL option and origin comparison for redirects.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::error::Error;

const EXAMPLE: &str = "expected e.g. https://portal.contraforce.com/api/v2";

/// A validated base URL: an `https:` origin (or `http:` on a loopback host) and a path prefix.
///
/// The origin is canonical: lower-case scheme and host, the default port (80/443) left out, IP addresses in their
/// usual form. The path prefix has no trailing slash (it is empty when the base is the bare origin).
/// [`Display`](fmt::Display) gives `origin + path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
    loopback: bool,
}

impl BaseUrl {
    /// `scheme://host[:port]`, canonical (see the type's documentation).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The path prefix without a trailing slash, e.g. `/api/v2`; empty for a bare origin.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether the host is `localhost`, in `127.0.0.0/8` or `[::1]`.
    pub fn is_loopback(&self) -> bool {
        self.loopback
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin, self.path)
    }
}

/// Parses and validates the `baseUrl` option.
///
/// Accepts the documented base, `https://portal.contraforce.com/api/v2`, with or without a trailing slash, and any
/// other `https:` URL with a host and a plain path. `http:` is accepted only for the loopback hosts `localhost`,
/// `127.0.0.0/8` and `[::1]`. Refused, as [`Error::InvalidArgument`] with field `baseUrl`: other schemes,
/// credentials (`user:pass@`), a query or fragment, an empty host or port, numeric hosts that are not a dotted-quad
/// IPv4 address (`127.1`, `0x7f.0.0.1`), `.`/`..`/empty path segments, spaces, control characters, backslashes.
/// The reason never quotes the input, which could hold a password.
///
/// ```
/// use contraforce_incident::request::parse_base_url;
/// let base = parse_base_url("HTTPS://Portal.ContraForce.com:443/api/v2/").unwrap();
/// assert_eq!(base.origin(), "https://portal.contraforce.com");
/// assert_eq!(base.to_string(), "https://portal.contraforce.com/api/v2");
/// assert!(parse_base_url("http://example.com/api/v2").is_err());
/// ```
pub fn parse_base_url(input: &str) -> Result<BaseUrl, Error> {
    let refuse = |reason: &str| Error::invalid_argument("baseUrl", format!("{reason}; {EXAMPLE}"));
    let parsed = parse_absolute(input).map_err(refuse)?;
    if parsed.scheme == "http" && !parsed.loopback {
        return Err(refuse("must use https: (http: is allowed only for localhost, 127.0.0.0/8 and [::1])"));
    }
    if parsed.rest.contains('?') {
        return Err(refuse("must not contain a query (`?...`)"));
    }
    if parsed.rest.contains('#') {
        return Err(refuse("must not contain a fragment (`#...`)"));
    }
    let path = parsed.rest.trim_end_matches('/');
    check_path(path).map_err(refuse)?;
    Ok(BaseUrl { origin: parsed.origin(), path: path.to_owned(), loopback: parsed.loopback })
}

/// Whether `url` (an absolute URL, such as a response's final URL after redirects) has the same origin as `base`:
/// same scheme, host and port, with the default ports 80 and 443 normalised and letter case ignored.
///
/// Anything that does not parse as an absolute `http:`/`https:` URL with a plain host (a relative reference,
/// credentials in the URL, a percent-encoded or non-canonical numeric host, ...) is reported as *not* same-origin,
/// so credentials are never sent on a doubt.
pub fn same_origin(base: &BaseUrl, url: &str) -> bool {
    parse_absolute(url).is_ok_and(|parsed| parsed.origin() == base.origin)
}

/// An absolute `http:`/`https:` URL split into its canonical origin parts and the rest (path, query, fragment).
struct Parsed<'a> {
    scheme: &'static str,
    host: String,
    /// The port when it is not the scheme's default.
    port: Option<u16>,
    loopback: bool,
    rest: &'a str,
}

impl Parsed<'_> {
    fn origin(&self) -> String {
        match self.port {
            Some(port) => format!("{}://{}:{port}", self.scheme, self.host),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }
}

fn parse_absolute(input: &str) -> Result<Parsed<'_>, &'static str> {
    if input.is_empty() {
        return Err("must not be empty");
    }
    if input.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("must not contain spaces or control characters");
    }
    if input.contains('\\') {
        return Err("must not contain a backslash");
    }
    let (scheme, after_scheme) = input.split_once("://").ok_or("is not an absolute URL")?;
    let scheme = if scheme.eq_ignore_ascii_case("https") {
        "https"
    } else if scheme.eq_ignore_ascii_case("http") {
        "http"
    } else {
        return Err("must use https: (http: is allowed only for localhost, 127.0.0.0/8 and [::1])");
    };
    let authority_end = after_scheme.find(['/', '?', '#']).unwrap_or(after_scheme.len());
    let (authority, rest) = after_scheme.split_at(authority_end);
    if authority.contains('@') {
        return Err("must not contain credentials (`user:password@`); pass them as `auth`");
    }
    let (host, port, loopback) = parse_host_port(authority)?;
    let default_port = if scheme == "https" { 443 } else { 80 };
    Ok(Parsed { scheme, host, port: port.filter(|&port| port != default_port), loopback, rest })
}

/// Splits an authority (without userinfo) into canonical host, explicit port and whether the host is loopback.
fn parse_host_port(authority: &str) -> Result<(String, Option<u16>, bool), &'static str> {
    if authority.is_empty() {
        return Err("must have a host");
    }
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (literal, after) = bracketed.split_once(']').ok_or("has an unterminated IPv6 address")?;
        let address: Ipv6Addr = literal.parse().map_err(|_| "has an invalid IPv6 address")?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or("has characters after the IPv6 address")?),
        };
        ((format!("[{address}]"), address.is_loopback()), port)
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        (parse_host_name(host)?, port)
    };
    let port = match port {
        None => None,
        Some("") => return Err("has an empty port"),
        Some(digits) if digits.bytes().all(|b| b.is_ascii_digit()) => match digits.parse::<u16>() {
            Ok(0) | Err(_) => return Err("has a port outside 1-65535"),
            Ok(port) => Some(port),
        },
        Some(_) => return Err("has an invalid port"),
    };
    Ok((host.0, port, host.1))
}

/// Validates a registered name or dotted-quad IPv4 address, returning it lower-cased and whether it is loopback.
fn parse_host_name(host: &str) -> Result<(String, bool), &'static str> {
    if host.is_empty() {
        return Err("must have a host");
    }
    if !host.is_ascii() {
        return Err("must have an ASCII host (use the punycode form of an internationalised domain name)");
    }
    if !host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')) {
        return Err("has a character that is not allowed in a host name");
    }
    let host = host.to_ascii_lowercase();
    if host.split('.').any(str::is_empty) {
        return Err("has an empty label in the host name");
    }
    // URL parsers read a host whose last label is a number (`127.1`, `0x7f.1`, `2130706433`) as an IPv4 address;
    // only the plain dotted-quad form is accepted, so the loopback check cannot be fooled.
    let last = host.rsplit('.').next().unwrap_or_default();
    let hex = last.strip_prefix("0x").is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()));
    if hex || last.bytes().all(|b| b.is_ascii_digit()) {
        let address: Ipv4Addr =
            host.parse().map_err(|_| "has a numeric host that is not a dotted-quad IPv4 address")?;
        return Ok((address.to_string(), address.octets()[0] == 127));
    }
    let loopback = host == "localhost";
    Ok((host, loopback))
}

/// Checks a path prefix (without trailing slash): plain RFC 3986 path characters, no empty or dot segments.
fn check_path(path: &str) -> Result<(), &'static str> {
    for segment in path.split('/').skip(1) {
        if segment.is_empty() {
            return Err("must not have an empty path segment (`//`)");
        }
        let lower = segment.to_ascii_lowercase();
        if matches!(lower.as_str(), "." | ".." | "%2e" | ".%2e" | "%2e." | "%2e%2e") {
            return Err("must not have `.` or `..` path segments");
        }
        let bytes = segment.as_bytes();
        for (index, &byte) in bytes.iter().enumerate() {
            let allowed = byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@%".contains(&byte);
            if !allowed {
                return Err("has a character that is not allowed in a URL path; percent-encode it");
            }
            let escape_ok = || bytes.get(index + 1..index + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit));
            if byte == b'%' && !escape_ok() {
                return Err("has a `%` that does not start a percent-encoded byte");
            }
        }
    }
    Ok(())
}
