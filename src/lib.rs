//! Typed client for the ContraForce v2 API call **Get incident by id**.
//!
//! The core (`model`, `decode`, `request`, `retry`, `indicators`, `error`) is plain Rust and knows nothing of
//! JavaScript, so `cargo test` covers it. The wasm boundary (`transport`, `wasm`) is compiled for wasm32 only.
#![deny(missing_docs)]

pub mod decode;
pub mod error;
pub mod indicators;
pub mod model;
pub mod request;
pub mod retry;

#[cfg(target_arch = "wasm32")]
mod transport;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use decode::decode_incident_response;
pub use error::{DecodeError, Error, HttpError};
