//! The one binding to `fetch`.
