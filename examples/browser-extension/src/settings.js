// The extension's settings, kept in chrome.storage.local only: never storage.sync (it would copy the credentials
// to every browser of the account), never localStorage, never a page or a content script (there is none).
export const SETTINGS_KEY = "contraforce.settings";

/** The six incident sources of the API. */
export const SOURCES = ["Sentinel", "DefenderXDR", "QRadar", "Splunk", "CrowdStrike", "SentinelOne"];

export const DEFAULTS = Object.freeze({
  baseUrl: "https://portal.contraforce.com/api/v2",
  workspaceId: "",
  source: "Sentinel",
  authMode: "token", // "token" | "client"
  token: "",
  clientId: "",
  clientSecret: "",
});

export async function loadSettings() {
  const stored = (await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] ?? {};
  return { ...DEFAULTS, ...stored };
}

export async function saveSettings(settings) {
  await chrome.storage.local.set({ [SETTINGS_KEY]: settings });
}

/** What is missing before a lookup can be made, as field names; empty when ready. */
export function missingSettings(settings) {
  const missing = [];
  if (!settings.baseUrl) missing.push("baseUrl");
  if (!settings.workspaceId) missing.push("workspaceId");
  if (!settings.source) missing.push("source");
  if (settings.authMode === "client") {
    if (!settings.clientId) missing.push("clientId");
    if (!settings.clientSecret) missing.push("clientSecret");
  } else if (!settings.token) {
    missing.push("token");
  }
  return missing;
}

/** The match pattern of the API's origin, for chrome.permissions: `https://host/*` (any port). */
export function originPattern(baseUrl) {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
