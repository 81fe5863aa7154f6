// The extension's service worker (a module): the only place that holds the credentials and calls the API.
// Static imports only: a service worker may not load modules dynamically. And no top-level await either (a service
// worker refuses a module graph that has one), which is why this imports the package's wasm-bindgen module and
// starts its init here, instead of the package's `index.js` entry that awaits the init at top level.
import init, { ContraForceClient } from "./vendor/contraforce-incident/contraforce_incident.js";
import { SETTINGS_KEY, loadSettings, missingSettings } from "./settings.js";
import { notConfigured, problemOf, summarize } from "./lookup.js";

const MENU_ID = "contraforce-lookup-selection";
const MAX_ID_LENGTH = 1024;

// Compiles the .wasm (streaming; the CSP allows 'wasm-unsafe-eval'). Awaited by each lookup, not at top level.
const ready = init({ module_or_path: new URL("./vendor/contraforce-incident/contraforce_incident_bg.wasm", import.meta.url) });
ready.catch(() => {}); // a failure is reported by each lookup that awaits it, not as an unhandled rejection

// The settings, read once per worker lifetime and again after a change; one client for them. A replaced client
// is left to the garbage collector (which frees its wasm memory), as a lookup may still be using it.
let settingsPromise = null;
let cached = null;

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && SETTINGS_KEY in changes) {
    settingsPromise = null;
    cached = null;
  }
});

const currentSettings = () => (settingsPromise ??= loadSettings());

function clientFor(settings) {
  if (cached?.settings === settings) return cached.client;
  const auth = settings.authMode === "client"
    ? { clientId: settings.clientId, clientSecret: settings.clientSecret }
    : { token: settings.token };
  const client = new ContraForceClient({ baseUrl: settings.baseUrl, auth, timeoutMs: 20_000, retry: { maxRetries: 1 } });
  cached = { settings, client };
  return client;
}

/** Looks up one incident: `{ ok: true, summary }` or `{ ok: false, problem }`. Never throws. */
async function lookUp(rawId) {
  const incidentId = String(rawId ?? "").trim();
  try {
    if (!incidentId || incidentId.length > MAX_ID_LENGTH || /[\r\n]/.test(incidentId)) {
      return { ok: false, incidentId, problem: { kind: "InvalidArgument", field: "incidentId",
        detail: `Give one incident id (1 to ${MAX_ID_LENGTH} characters, one line).` } };
    }
    await ready;
    const settings = await currentSettings();
    const missing = missingSettings(settings);
    if (missing.length) return { ok: false, incidentId, problem: notConfigured(missing) };
    const result = await clientFor(settings).getIncident({
      workspaceId: settings.workspaceId,
      source: settings.source,
      incidentId,
    });
    return { ok: true, incidentId, summary: summarize(result, incidentId) };
  } catch (error) {
    return { ok: false, incidentId, problem: problemOf(error) };
  }
}

/** Only this extension's own pages may ask (there is no externally_connectable and no content script). */
function fromOwnPage(sender) {
  return sender.id === chrome.runtime.id && typeof sender.url === "string" &&
    sender.url.startsWith(`chrome-extension://${chrome.runtime.id}/`);
}

/** Keeps the latest answer in chrome.storage.session (memory only, extension pages only): the popup shows it again. */
async function remember(result) {
  await chrome.storage.session.set({ lastLookup: { ...result, at: Date.now() } });
  return result;
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!fromOwnPage(sender) || message?.type !== "lookup") return false;
  lookUp(message.incidentId).then(remember).then(sendResponse);
  return true; // answers asynchronously
});

// The context-menu entry on selected text. (Re)created on install and update; removeAll avoids a duplicate id.
chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: MENU_ID, title: "Look up ContraForce incident", contexts: ["selection"] });
  });
});

chrome.contextMenus.onClicked.addListener((info) => {
  if (info.menuItemId === MENU_ID) void lookUpSelection(info.selectionText);
});

/**
 * Looks up the selected text, keeps the answer for the popup, marks the toolbar button, and opens the popup where
 * the browser allows it (chrome.action.openPopup needs Chrome 127+ and a focused window).
 */
async function lookUpSelection(selectionText) {
  const result = await remember(await lookUp(selectionText));
  await chrome.action.setBadgeBackgroundColor({ color: result.ok ? "#2e7d32" : "#c62828" });
  await chrome.action.setBadgeText({ text: result.ok ? "1" : "!" });
  await chrome.action.openPopup().catch(() => {
    // Not allowed here: the badge tells the user to click the button.
  });
  return result;
}

// For the extension's own test (tests cannot click a context menu): the same code path as a click.
globalThis.lookUpSelection = lookUpSelection;
