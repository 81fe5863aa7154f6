//! Credentials and the `Authorization` header.

use std::fmt;

use crate::error::Error;

/// How a request authenticates. Build it with [`Credentials::basic`] or [`Credentials::bearer`], which validate;
/// a value built directly from the variants should go through [`Credentials::validate`] before use.
///
/// `Debug` never shows a secret or token: `Credentials::Basic { client_id: "app", client_secret: "<redacted>" }`,
/// `Credentials::Bearer(<redacted>)`. There is deliberately no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// HTTP Basic with the API client's id and secret, as the vendor's documentation and samples do.
    Basic {
        /// The client id (the Basic user name); must not contain `:`.
        client_id: String,
        /// The client secret.
        client_secret: String,
    },
    /// A bearer token, sent as `Authorization: Bearer <token>`.
    Bearer(String),
}

impl Credentials {
    /// Validated HTTP Basic credentials.
    pub fn basic(client_id: impl Into<String>, client_secret: impl Into<String>) -> Result<Self, Error> {
        let credentials = Credentials::Basic { client_id: client_id.into(), client_secret: client_secret.into() };
        credentials.validate()?;
        Ok(credentials)
    }

    /// A validated bearer token (without the `Bearer ` prefix).
    pub fn bearer(token: impl Into<String>) -> Result<Self, Error> {
        let credentials = Credentials::Bearer(token.into());
        credentials.validate()?;
        Ok(credentials)
    }

    /// Checks the credentials, refusing values that are empty or could inject a header (CR, LF or any other
    /// control character), a client id with `:`, and a token that is not printable ASCII. The error is an
    /// [`Error::InvalidArgument`] with field `auth`; its reason names the part at fault but never quotes it.
    pub fn validate(&self) -> Result<(), Error> {
        let reason = match self {
            Credentials::Basic { client_id, client_secret } => {
                if client_id.is_empty() {
                    Some("clientId must not be empty")
                } else if client_id.chars().any(char::is_control) {
                    Some("clientId must not contain control characters (such as CR or LF)")
                } else if client_id.contains(':') {
                    Some("clientId must not contain `:` (HTTP Basic uses it to separate id and secret)")
                } else if client_secret.is_empty() {
                    Some("clientSecret must not be empty")
                } else if client_secret.chars().any(char::is_control) {
                    Some("clientSecret must not contain control characters (such as CR or LF)")
                } else {
                    None
                }
            }
            Credentials::Bearer(token) => {
                let has_prefix = token.get(..7).is_some_and(|start| start.eq_ignore_ascii_case("bearer "));
                if token.is_empty() {
                    Some("token must not be empty")
                } else if token.chars().any(char::is_control) {
                    Some("token must not contain control characters (such as CR or LF)")
                } else if !token.is_ascii() {
                    Some("token must be ASCII (HTTP header values cannot carry other characters)")
                } else if has_prefix {
                    Some("token must be given without the `Bearer ` prefix")
                } else if token.starts_with(' ') || token.ends_with(' ') {
                    Some("token must not start or end with a space")
                } else {
                    None
                }
            }
        };
        match reason {
            Some(reason) => Err(Error::invalid_argument("auth", reason)),
            None => Ok(()),
        }
    }

    /// The value of the `Authorization` header: `Basic base64(clientId:clientSecret)` (UTF-8, standard base64
    /// with padding) or `Bearer <token>`.
    ///
    /// ```
    /// use contraforce_incident::request::Credentials;
    /// let credentials = Credentials::basic("Aladdin", "open sesame").unwrap();
    /// assert_eq!(credentials.authorization_header(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    /// ```
    pub fn authorization_header(&self) -> String {
        match self {
            Credentials::Basic { client_id, client_secret } => {
                format!("Basic {}", base64_encode(format!("{client_id}:{client_secret}").as_bytes()))
            }
            Credentials::Bearer(token) => format!("Bearer {token}"),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Basic { client_id, .. } => {
                write!(f, "Credentials::Basic {{ client_id: {client_id:?}, client_secret: \"<redacted>\" }}")
            }
            Credentials::Bearer(_) => f.write_str("Credentials::Bearer(<redacted>)"),
        }
    }
}

/// Standard base64 (RFC 4648 §4) with `=` padding.
fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut encoded = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group =
            chunk.iter().enumerate().fold(0u32, |group, (index, &byte)| group | u32::from(byte) << (16 - 8 * index));
        for index in 0..4 {
            if index <= chunk.len() {
                encoded.push(char::from(ALPHABET[(group >> (18 - 6 * index)) as usize & 0x3f]));
            } else {
                encoded.push('=');
            }
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::base64_encode;

    #[test]
    fn base64_matches_the_rfc_4648_test_vectors() {
        let vectors =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE=")];
        for (input, expected) in vectors {
            assert_eq!(base64_encode(input.as_bytes()), expected, "{input:?}");
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn base64_uses_the_standard_alphabet_for_high_bytes() {
        assert_eq!(base64_encode(&[0xfb, 0xff, 0xbf]), "+/+/");
        assert_eq!(base64_encode(&[0x00, 0x10, 0x83]), "ABCD");
        assert_eq!(base64_encode("é".as_bytes()), "w6k=");
    }
}
