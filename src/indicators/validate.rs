//! Validation and canonical form of each kind of observable.
//!
//! Every function takes a value already trimmed and non-empty, and returns its canonical form or the reason it is
//! refused (a short sentence for people). Letters are lower-cased as ASCII only: other characters (an IDN label,
//! an accented user name) stay as sent. Nothing here indexes or slices by position, so no input can panic.

use super::HashAlgorithm;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An IPv4 or IPv6 address in canonical form: dotted quad for v4, RFC 5952 for v6 (lower case, longest run of
/// zero groups compressed, v4-mapped as `::ffff:a.b.c.d`), which is what `Display` of `std::net` writes.
///
/// Accepted around the address, and dropped, only where the address stays unambiguous: brackets (`[v6]`,
/// `[v6]:port`), a zone id (`fe80::1%eth0`) and a port after an IPv4 address (`a.b.c.d:port`). A bare v6 followed
/// by `:digits` is read as an address, never as address and port. Octets with leading zeros are refused, as
/// `std::net` does, since they read as octal in some parsers.
pub(super) fn ip(value: &str) -> Result<String, String> {
    if let Ok(address) = value.parse::<IpAddr>() {
        return Ok(address.to_string());
    }
    if let Some(rest) = value.strip_prefix('[') {
        if let Some((inside, after)) = rest.split_once(']') {
            let port_ok = after.is_empty() || after.strip_prefix(':').is_some_and(is_port);
            if let (true, Some(address)) = (port_ok, ipv6_with_zone(inside)) {
                return Ok(address.to_string());
            }
        }
        return Err("not an IP address (bad bracketed IPv6 form)".to_owned());
    }
    if let Some(address) = ipv6_with_zone(value) {
        return Ok(address.to_string());
    }
    if let Some((host, port)) = value.split_once(':') {
        if let (true, Ok(address)) = (is_port(port), host.parse::<Ipv4Addr>()) {
            return Ok(address.to_string());
        }
    }
    Err("not an IPv4 or IPv6 address".to_owned())
}

/// `v6` or `v6%zone`, the zone being an interface name or number.
fn ipv6_with_zone(text: &str) -> Option<Ipv6Addr> {
    if let Ok(address) = text.parse() {
        return Some(address);
    }
    let (address, zone) = text.split_once('%')?;
    let zone_ok =
        !zone.is_empty() && zone.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if zone_ok {
        address.parse().ok()
    } else {
        None
    }
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit()) && text.parse::<u16>().is_ok()
}

/// A DNS name: lower-cased (ASCII), one trailing dot removed, at least two labels, each 1–63 characters of letters,
/// digits, `-` (not first or last) and `_`, or any non-ASCII character that is not a space or a control (an IDN
/// in Unicode form is kept as sent); at most 253 characters; the last label not all digits; not an IP address.
pub(super) fn domain(value: &str) -> Result<String, String> {
    let lower = value.to_ascii_lowercase();
    let name = lower.strip_suffix('.').unwrap_or(&lower);
    if name.parse::<IpAddr>().is_ok() {
        return Err("an IP address, not a domain name".to_owned());
    }
    check_dns_name(name)?;
    let labels = name.split('.').count();
    if labels < 2 {
        return Err("a single label, not a domain name".to_owned());
    }
    if name.rsplit('.').next().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit())) {
        return Err("all-numeric top-level label".to_owned());
    }
    Ok(name.to_owned())
}

fn check_dns_name(name: &str) -> Result<(), String> {
    if name.chars().count() > 253 {
        return Err("longer than 253 characters".to_owned());
    }
    for label in name.split('.') {
        if label.is_empty() {
            return Err("empty label".to_owned());
        }
        if label.chars().count() > 63 {
            return Err("label longer than 63 characters".to_owned());
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err("label starting or ending with '-'".to_owned());
        }
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || allowed_non_ascii(c);
        if let Some(bad) = label.chars().find(|&c| !allowed(c)) {
            return Err(format!("character '{bad}' not allowed in a domain name"));
        }
    }
    Ok(())
}

fn is_space_or_control(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

fn allowed_non_ascii(c: char) -> bool {
    !c.is_ascii() && !is_space_or_control(c)
}

/// An absolute `http`, `https` or `ftp` URL with a non-empty host (and a valid port, if any), kept as sent.
pub(super) fn url(value: &str) -> Result<String, String> {
    if value.chars().any(is_space_or_control) {
        return Err("URL with spaces or control characters".to_owned());
    }
    let Some((scheme, rest)) = value.split_once("://") else {
        return Err("not an absolute http, https or ftp URL".to_owned());
    };
    if !["http", "https", "ftp"].iter().any(|known| scheme.eq_ignore_ascii_case(known)) {
        return Err("not an http, https or ftp URL".to_owned());
    }
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, host_port)| host_port);
    let (host, port) = if let Some(bracketed) = host_port.strip_prefix('[') {
        let Some((inside, after)) = bracketed.split_once(']') else {
            return Err("URL with an unclosed '['".to_owned());
        };
        if ipv6_with_zone(inside).is_none() {
            return Err("URL with a bad IPv6 literal".to_owned());
        }
        match after.strip_prefix(':') {
            Some(port) => (inside, Some(port)),
            None if after.is_empty() => (inside, None),
            None => return Err("URL with text after the IPv6 literal".to_owned()),
        }
    } else {
        match host_port.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    if host.is_empty() {
        return Err("URL without a host".to_owned());
    }
    if port.is_some_and(|port| !port.is_empty() && !is_port(port)) {
        return Err("URL with an invalid port".to_owned());
    }
    Ok(value.to_owned())
}

/// A file hash: hex only, its algorithm told by its length (32 MD5, 40 SHA-1, 64 SHA-256), lower-cased. A
/// declared algorithm (`hashAlgorithm`, any case, `-`/`_`/spaces ignored) must agree; `Unknown` counts as absent,
/// and any other algorithm (SHA-384, an imphash label, ...) is refused rather than misread by length.
pub(super) fn file_hash(value: &str, declared: Option<&str>) -> Result<(String, HashAlgorithm), String> {
    if !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("not hexadecimal".to_owned());
    }
    let algorithm = match value.len() {
        32 => HashAlgorithm::Md5,
        40 => HashAlgorithm::Sha1,
        64 => HashAlgorithm::Sha256,
        other => return Err(format!("{other} hex digits; MD5, SHA-1 and SHA-256 have 32, 40 and 64")),
    };
    if let Some(declared) = declared {
        let normal: String =
            declared.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).collect::<String>().to_ascii_uppercase();
        match normal.as_str() {
            "" | "UNKNOWN" => {}
            "MD5" | "SHA1" | "SHA256" if normal != algorithm.as_str() => {
                return Err(format!(
                    "hashAlgorithm is {} but the value has {} hex digits ({})",
                    short(declared),
                    value.len(),
                    algorithm.as_str()
                ))
            }
            "MD5" | "SHA1" | "SHA256" => {}
            _ => return Err(format!("hashAlgorithm {} is not MD5, SHA1 or SHA256", short(declared))),
        }
    }
    Ok((value.to_ascii_lowercase(), algorithm))
}

/// A UPN or e-mail address: exactly one `@` with something on both sides, no spaces or controls; lower-cased.
pub(super) fn address(value: &str) -> Result<String, String> {
    if value.chars().any(is_space_or_control) {
        return Err("address with spaces or control characters".to_owned());
    }
    match value.matches('@').count() {
        0 => return Err("no '@' (not a UPN or e-mail address)".to_owned()),
        1 => {}
        _ => return Err("more than one '@'".to_owned()),
    }
    match value.split_once('@') {
        Some((local, domain)) if !local.is_empty() && !domain.is_empty() => Ok(value.to_ascii_lowercase()),
        _ => Err("empty part before or after '@'".to_owned()),
    }
}

/// A host name (NetBIOS or DNS): lower-cased, one trailing dot removed, no spaces, controls or URL/address
/// punctuation, no empty label, at most 253 characters.
pub(super) fn host(value: &str) -> Result<String, String> {
    let lower = value.to_ascii_lowercase();
    let name = lower.strip_suffix('.').unwrap_or(&lower);
    let forbidden = |c: char| is_space_or_control(c) || "/\\@:?#[]<>\"'`,;*|=+%".contains(c);
    if let Some(bad) = name.chars().find(|&c| forbidden(c)) {
        return Err(format!("character '{bad}' not allowed in a host name"));
    }
    if name.is_empty() || name.split('.').any(str::is_empty) {
        return Err("empty label in a host name".to_owned());
    }
    if name.chars().count() > 253 {
        return Err("longer than 253 characters".to_owned());
    }
    Ok(name.to_owned())
}

/// A network message id (a GUID in practice): kept as sent, refused only with spaces or controls.
pub(super) fn message_id(value: &str) -> Result<String, String> {
    if value.chars().any(is_space_or_control) {
        return Err("network message id with spaces or control characters".to_owned());
    }
    Ok(value.to_owned())
}

/// A value quoted in a reason, unless it is long.
fn short(text: &str) -> &str {
    if text.len() <= 40 {
        text
    } else {
        "(a long value)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_forms() {
        assert_eq!(ip("2001:DB8:0:0:0:0:0:1").unwrap(), "2001:db8::1");
        assert_eq!(ip("[2001:db8::1]:443").unwrap(), "2001:db8::1");
        assert_eq!(ip("fe80::1%eth0").unwrap(), "fe80::1");
        assert_eq!(ip("10.0.0.1:8080").unwrap(), "10.0.0.1");
        assert!(ip("10.0.0.1:99999").is_err());
        assert!(ip("[2001:db8::1").is_err());
        assert!(ip("fe80::1%").is_err());
        assert!(ip("010.0.0.1").is_err());
    }

    #[test]
    fn long_values_are_not_quoted() {
        assert_eq!(short("é".repeat(20).as_str()), "é".repeat(20));
        assert_eq!(short("é".repeat(21).as_str()), "(a long value)");
    }
}
