// The options page: writes the settings to chrome.storage.local. Stored secrets are never put back into the page.
import { DEFAULTS, SOURCES, loadSettings, originPattern, saveSettings } from "./settings.js";

const $ = (id) => document.getElementById(id);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

$("source").replaceChildren(...SOURCES.map((source) => new Option(source, source)));

function showMode(mode) {
  $("token-fields").hidden = mode !== "token";
  $("client-fields").hidden = mode !== "client";
}

function showStored(settings) {
  $("base-url").value = settings.baseUrl;
  $("workspace-id").value = settings.workspaceId;
  $("source").value = settings.source;
  $(settings.authMode === "client" ? "auth-client" : "auth-token").checked = true;
  $("client-id").value = settings.clientId;
  $("token").value = "";
  $("client-secret").value = "";
  $("token").placeholder = settings.token ? "Stored; leave empty to keep" : "";
  $("client-secret").placeholder = settings.clientSecret ? "Stored; leave empty to keep" : "";
  showMode(settings.authMode);
}

function say(text, isError = false) {
  $("saved").textContent = text;
  $("saved").className = isError ? "error" : "";
}

function check(form) {
  let url;
  try {
    url = new URL(form.baseUrl);
  } catch {
    return "The API base URL is not a URL.";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
    return "The API base URL must be https: (http: only for 127.0.0.1, localhost or [::1]).";
  }
  if (!GUID.test(form.workspaceId)) return "The workspace id must be a GUID.";
  return null;
}

/** Asks for access to the API's origin when the manifest does not already grant it (needs the click). */
async function ensureHostPermission(baseUrl) {
  const origins = [originPattern(baseUrl)];
  if (await chrome.permissions.contains({ origins })) return true;
  return chrome.permissions.request({ origins });
}

document.querySelectorAll("input[name=authMode]").forEach((radio) =>
  radio.addEventListener("change", () => showMode(radio.value)));

$("options-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = Object.fromEntries(new FormData(event.target));
  for (const key of ["baseUrl", "workspaceId", "token", "clientId", "clientSecret"]) form[key] = (form[key] ?? "").trim();
  const problem = check(form);
  if (problem) return say(problem, true);
  if (!(await ensureHostPermission(form.baseUrl))) return say("Access to the API's origin was not granted.", true);
  const stored = await loadSettings();
  const next = {
    ...DEFAULTS,
    baseUrl: form.baseUrl.replace(/\/+$/, ""),
    workspaceId: form.workspaceId,
    source: form.source,
    authMode: form.authMode === "client" ? "client" : "token",
    token: "",
    clientId: "",
    clientSecret: "",
  };
  // Only the credentials of the chosen kind are kept; an empty secret field keeps the stored secret.
  if (next.authMode === "token") {
    next.token = form.token || stored.token;
  } else {
    next.clientId = form.clientId;
    next.clientSecret = form.clientSecret || (form.clientId === stored.clientId ? stored.clientSecret : "");
  }
  await saveSettings(next);
  showStored(next);
  say("Saved.");
});

$("forget").addEventListener("click", async () => {
  const stored = await loadSettings();
  const next = { ...stored, token: "", clientId: "", clientSecret: "" };
  await saveSettings(next);
  showStored(next);
  say("Credentials forgotten.");
});

showStored(await loadSettings());
