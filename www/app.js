// The demo page: a form that looks up one incident through the built package and renders it.
//
// Credentials live only in the form fields and in the client object of the current lookup: nothing is written to
// storage, the URL, the console or the history. The form never submits (preventDefault, and its credential fields
// have no `name`), so a lookup cannot put anything in the address bar.

import { renderError } from "./render-error.js";
import { renderIncident } from "./render-incident.js";

/** The local API's sample incident (the mock API serves it; see tests/support/mock-api.mjs). */
const SAMPLE = Object.freeze({
  workspaceId: "3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b",
  source: "Sentinel",
  incidentId: "INC-1042",
  clientId: "demo-client",
  clientSecret: "demo-secret",
});
const FALLBACK_API_BASE_URL = "http://127.0.0.1:8787/api/v2";

const $ = (id) => document.getElementById(id);
const form = $("lookup-form");
const result = $("result");
const note = $("form-note");
const lookupButton = $("lookup");
const cancelButton = $("cancel");

// Start loading the package (and compiling its .wasm) right away; the first lookup waits for it.
const pkg = import("./pkg/index.js").then(
  (module) => ({ module }),
  (error) => ({ error }),
);
pkg.then(({ error }) => {
  document.body.dataset.pkg = error ? "missing" : "ready";
  if (error) {
    setNote("The package could not be loaded from ./pkg/index.js. Build it first: npm run build.", "error");
  }
});

function setNote(text, tone = "") {
  note.textContent = text;
  note.dataset.tone = tone;
}

// ----- auth mode -----------------------------------------------------------------------------------------------

function authMode() {
  return $("auth-token").checked ? "token" : "basic";
}

function showAuthFields() {
  const mode = authMode();
  $("basic-fields").hidden = mode !== "basic";
  $("token-fields").hidden = mode !== "token";
}
$("auth-basic").addEventListener("change", showAuthFields);
$("auth-token").addEventListener("change", showAuthFields);

// ----- the Sample button ---------------------------------------------------------------------------------------

/** A usable http(s) URL without credentials, or null. */
function httpUrl(candidate) {
  if (typeof candidate !== "string" || candidate.trim() === "") return null;
  try {
    const url = new URL(candidate.trim());
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) return null;
    return url.href.replace(/\/+$/, "");
  } catch {
    return null;
  }
}

let configuredApi = null;

/** The local API: `?api=` on this page, else `config.json` from the demo server, else the mock's default port. */
async function localApiBaseUrl() {
  const fromQuery = httpUrl(new URLSearchParams(location.search).get("api"));
  if (fromQuery) return fromQuery;
  configuredApi ??= fetch(new URL("./config.json", import.meta.url), { cache: "no-store" })
    .then((response) => (response.ok ? response.json() : null))
    .then((config) => httpUrl(config?.apiBaseUrl))
    .catch(() => null);
  return (await configuredApi) ?? FALLBACK_API_BASE_URL;
}

$("sample").addEventListener("click", async () => {
  const baseUrl = await localApiBaseUrl();
  $("base-url").value = baseUrl;
  $("auth-basic").checked = true;
  showAuthFields();
  $("client-id").value = SAMPLE.clientId;
  $("client-secret").value = SAMPLE.clientSecret;
  $("token").value = "";
  $("workspace-id").value = SAMPLE.workspaceId;
  $("source").value = SAMPLE.source;
  $("incident-id").value = SAMPLE.incidentId;
  $("with-details").checked = true;
  if (document.body.dataset.pkg !== "missing") setNote(`Sample filled in: the local API at ${baseUrl} and its sample incident. Press Look up.`);
  form.dataset.sample = "filled";
  lookupButton.focus();
});

// ----- lookups ---------------------------------------------------------------------------------------------------

let current = null; // { controller, id } of the lookup in flight
let lookups = 0;

// ----- Advanced: optional integers, validated before anything is sent ------------------------------------------

/**
 * The Advanced number fields. Empty means "use the package default" (the option is left out); anything else must
 * be a whole number within the input's min/max, or the lookup does not start and the field says why.
 */
const NUMBER_FIELDS = [
  { input: $("timeout-ms"), error: $("timeout-ms-error"), need: "a whole number of milliseconds", unit: " ms" },
  { input: $("max-retries"), error: $("max-retries-error"), need: "a whole number", unit: "" },
];

/** `{ value }` (undefined when empty) or `{ message }` for one Advanced field; min and max come from the input. */
function checkNumberField({ input, need, unit }) {
  const min = Number(input.min);
  const max = Number(input.max);
  const fix = `Enter ${need} from ${min} to ${max}${unit}, or leave it empty for the default (${input.placeholder}${unit}).`;
  // A number input whose text is not a number (e.g. "1e", "--5") reports "" as its value, with validity.badInput.
  if (input.validity.badInput) return { message: `Not a number. ${fix}` };
  const raw = input.value.trim();
  if (raw === "") return { value: undefined };
  const value = Number(raw);
  if (!Number.isInteger(value)) return { message: `${raw} is not a whole number. ${fix}` };
  if (value < min) return { message: `${raw} is too small. ${fix}` };
  if (value > max) return { message: `${raw} is too large. ${fix}` };
  return { value };
}

function showFieldError(field, message) {
  field.error.textContent = message ?? "";
  field.error.hidden = !message;
  if (message) field.input.setAttribute("aria-invalid", "true");
  else field.input.removeAttribute("aria-invalid");
}

/** Checks every Advanced field and shows or clears its message; returns the values, or null when one is invalid. */
function validateAdvanced() {
  const values = [];
  let firstInvalid = null;
  for (const field of NUMBER_FIELDS) {
    const { value, message } = checkNumberField(field);
    showFieldError(field, message);
    if (message) firstInvalid ??= field;
    values.push(value);
  }
  if (firstInvalid) {
    $("advanced").open = true; // the message must be visible even when Advanced was folded
    firstInvalid.input.focus();
    return null;
  }
  const [timeoutMs, maxRetries] = values;
  return { timeoutMs, maxRetries };
}

// Clear a message as soon as the field holds something valid again (no new messages while typing).
for (const field of NUMBER_FIELDS) {
  field.input.addEventListener("input", () => {
    if (!field.error.hidden && !checkNumberField(field).message) showFieldError(field, null);
  });
}

function readForm({ timeoutMs, maxRetries }) {
  const auth =
    authMode() === "token"
      ? { token: $("token").value.trim() }
      : { clientId: $("client-id").value.trim(), clientSecret: $("client-secret").value };
  return {
    options: {
      baseUrl: $("base-url").value.trim(),
      auth,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(maxRetries !== undefined ? { retry: maxRetries === 0 ? false : { maxRetries } } : {}),
    },
    request: {
      workspaceId: $("workspace-id").value.trim(),
      source: $("source").value,
      incidentId: $("incident-id").value.trim(),
      withDetails: $("with-details").checked,
    },
  };
}

function setBusy(busy) {
  result.setAttribute("aria-busy", String(busy));
  lookupButton.disabled = busy;
  cancelButton.disabled = !busy;
}

function show(state, nodes, focusSelector) {
  result.replaceChildren(...nodes);
  result.dataset.state = state;
  result.querySelector(focusSelector)?.focus();
}

async function lookUp(advanced) {
  current?.controller.abort();
  const id = ++lookups;
  const controller = new AbortController();
  current = { controller, id };
  setBusy(true);
  result.dataset.state = "loading";
  if (document.body.dataset.pkg !== "missing") setNote("Looking up…");

  const { module, error: loadError } = await pkg;
  let outcome;
  if (loadError) {
    outcome = { error: new Error(`The package could not be loaded from ./pkg/index.js (build it with npm run build): ${loadError.message}`) };
  } else {
    let client = null;
    try {
      const { options, request } = readForm(advanced);
      client = new module.ContraForceClient(options);
      outcome = { value: await client.getIncident({ ...request, signal: controller.signal }) };
    } catch (error) {
      outcome = { error };
    } finally {
      client?.free?.(); // wasm-bindgen objects own wasm memory; the result is plain JS data and outlives it
    }
  }
  if (current?.id !== id) return; // a newer lookup took over; it owns the page now
  current = null;
  setBusy(false);
  if (!loadError) setNote("");

  if ("value" in outcome) {
    const { data, meta } = outcome.value;
    show("done", renderIncident(data, meta ?? null), "#incident-title");
  } else {
    show("error", [renderError(outcome.error, module?.isContraForceError)], "[data-testid=error-panel]");
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const advanced = validateAdvanced();
  if (advanced === null) {
    setNote("Not looked up: fix the highlighted field under Advanced.", "error");
    return;
  }
  lookUp(advanced);
});

cancelButton.addEventListener("click", () => current?.controller.abort());

// Nothing to restore on back/forward: clear the secrets when the page is hidden for good or frozen in the bfcache.
globalThis.addEventListener("pagehide", () => {
  $("client-secret").value = "";
  $("token").value = "";
});

showAuthFields();
document.body.dataset.ready = "true";
