//! The wasm suite (`wasm_suite/`) in node.
#![cfg(target_arch = "wasm32")]

mod wasm_suite;
