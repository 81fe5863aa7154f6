//! The wasm suite (`wasm_suite/`) in service_worker.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_service_worker);

mod wasm_suite;
