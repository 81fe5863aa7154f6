//! `extractIndicators`: the observables of an incident, for enrichment pipelines.

use super::{to_js_error, to_plain_js};
use crate::error::Error;
use crate::model::ContraForceIncident;
use wasm_bindgen::prelude::*;

/// The de-duplicated observables of an incident: IP addresses, domains, URLs, file hashes, accounts, hosts,
/// mailboxes and mail messages, validated and in canonical form, each with the entity and alert ids it came from.
///
/// Pass the `data` of what `getIncident` or `decodeIncidentResponse` returns. Unusable values (an `ipAddress` of
/// `"n/a"`, a 63-character hash) are listed in `skipped`, never thrown. Throws a `ContraForceError` of kind
/// `InvalidArgument` (field `incident`) only when `incident` is not an incident object.
///
/// ```js
/// const { data } = decodeIncidentResponse(body);
/// for (const { kind, value, entityIds } of extractIndicators(data).indicators) console.log(kind, value, entityIds);
/// ```
#[wasm_bindgen(js_name = extractIndicators, unchecked_return_type = "IndicatorReport")]
pub fn extract_indicators(
    #[wasm_bindgen(unchecked_param_type = "ContraForceIncident")] incident: JsValue,
) -> Result<JsValue, JsValue> {
    let incident = incident_from_js(incident).map_err(|error| to_js_error(&error))?;
    to_plain_js(&crate::indicators::extract_indicators(&incident))
}

/// Through JSON text and the crate's own decoder: the model's deserializers for `serde_json` are in the `.wasm`
/// already, while `serde_wasm_bindgen::from_value` would add a second copy of them (measured: 26 KB gzip more).
fn incident_from_js(value: JsValue) -> Result<ContraForceIncident, Error> {
    let invalid = |reason: String| Error::invalid_argument("incident", reason);
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(invalid("expected the `data` object of an incident response".to_owned()));
    }
    let looks_like_envelope = js_sys::Reflect::has(&value, &"data".into()).unwrap_or(false);
    let text: String = js_sys::JSON::stringify(&value)
        .map_err(|_| invalid("not JSON-serializable (a BigInt or a cycle?)".to_owned()))?
        .into();
    let incident: ContraForceIncident = crate::decode::decode(text.as_bytes()).map_err(|error| {
        let at = if error.path.is_empty() { String::new() } else { format!(" at `{}`", error.path) };
        invalid(format!("not a ContraForceIncident{at}: expected {}, found {}", error.expected, error.found))
    })?;
    let empty = incident.source.is_none()
        && incident.incident.is_none()
        && incident.investigation_details.is_none()
        && incident.evidence.is_none()
        && incident.gamebook_catalog.is_none();
    if looks_like_envelope && empty {
        return Err(invalid("got the whole response: pass its `data`".to_owned()));
    }
    Ok(incident)
}
