// The MV3 extension, built into dist/ (`build.mjs`, host permission for 127.0.0.1) and loaded unpacked into
// Debian's Chromium (new headless mode) through playwright-core, against the local mock API: options saved through
// the options page, lookups through the popup (success, 404, 401) and through the context-menu handler, and no
// console error anywhere. Requires pkg/ (`node scripts/build.mjs`).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { startMockApi, SAMPLE } from "../../tests/support/mock-api.mjs";
import { CHROMIUM, OFFLINE_ARGS } from "../../tests/support/chromium.mjs";
import { buildExtension } from "./build.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const FIXTURE_TEXT = readFileSync(path.join(ROOT, "tests/fixtures/incident_full.json"), "utf8");
const FIXTURE = JSON.parse(FIXTURE_TEXT);
const MISSING_ID = "INC-DOES-NOT-EXIST";
const MENU_ID = "contraforce-lookup-selection";
const OUTPUT = path.join(ROOT, "test-output"); // screenshots, for a person to look at

// Credentials of this run only, so that finding one anywhere cannot be a coincidence.
const CREDENTIALS = {
  clientId: `ext-test-client-${randomBytes(4).toString("hex")}`,
  clientSecret: `ext-test-secret-${randomBytes(12).toString("hex")}`,
  token: `ext-test-token-${randomBytes(12).toString("hex")}`,
};
const WRONG_TOKEN = `ext-wrong-token-${randomBytes(12).toString("hex")}`;

let api;
let dist;
let userDataDir;
let context;
let serviceWorker;
let extensionId;
let expected; // the package files copied into dist/, instantiated in Node: what the popup must show
const consoleErrors = []; // { where, text, url }

const extensionUrl = (file) => `chrome-extension://${extensionId}/${file}`;

/** Network errors that Chromium logs for lookups meant to fail (their 401/404 responses), and nothing else. */
function isExpectedNetworkError({ text, url }) {
  return /Failed to load resource: the server responded with a status of (401|404)/.test(text) &&
    /\/api\/v2\/workspaces\//.test(url ?? "");
}

function watch(where, target) {
  target.on("console", (message) => {
    if (message.type() !== "error") return;
    consoleErrors.push({ where, text: message.text(), url: message.location()?.url });
  });
  target.on("pageerror", (error) => consoleErrors.push({ where, text: `uncaught: ${error.message}` }));
}

async function openPage(file) {
  const page = await context.newPage();
  watch(file, page);
  await page.goto(extensionUrl(file));
  return page;
}

async function saveOptions({ token }) {
  const page = await openPage("options.html");
  await page.fill("#base-url", api.url);
  await page.fill("#workspace-id", SAMPLE.workspaceId);
  await page.selectOption("#source", SAMPLE.source);
  await page.check("#auth-token");
  await page.fill("#token", token);
  await page.click("#save");
  await page.waitForFunction(() => document.getElementById("saved").textContent === "Saved.");
  return page;
}

/** Types an id into the popup page, clicks Look up, and waits for the result or the problem. */
async function lookUpInPopup(incidentId) {
  const page = await openPage("popup.html");
  await page.setViewportSize({ width: 404, height: 600 });
  await page.fill("#incident-id", incidentId);
  await page.waitForSelector("body[data-state=ready]");
  await page.click("#lookup"); // sets data-state=loading at once
  await page.waitForSelector("body[data-state=done]", { timeout: 15_000 });
  return page;
}

async function screenshot(page, name) {
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT, name), fullPage: true });
}

const text = (page, id) => page.locator(`#${id}`).textContent();

/** Every credential of this run in the page: its DOM, its form values, its localStorage. */
async function assertNoCredentialIn(page) {
  const everything = await page.evaluate(() => JSON.stringify({
    html: document.documentElement.outerHTML,
    values: [...document.querySelectorAll("input")].map((input) => input.value),
    local: { ...localStorage },
    session: { ...sessionStorage },
  }));
  for (const secret of [CREDENTIALS.token, CREDENTIALS.clientSecret, WRONG_TOKEN]) {
    assert.ok(!everything.includes(secret), `a credential is visible in ${page.url()}`);
  }
}

before(async () => {
  api = await startMockApi({ port: 0, credentials: CREDENTIALS });
  dist = await buildExtension({ hostPermissions: ["http://127.0.0.1/*"] });
  // The same bytes the extension loads (pkg/ itself may be rebuilt by someone else meanwhile).
  const vendor = path.join(dist, "vendor/contraforce-incident");
  expected = await import(pathToFileURL(path.join(vendor, "contraforce_incident.js")).href);
  expected.initSync({ module: readFileSync(path.join(vendor, "contraforce_incident_bg.wasm")) });
  userDataDir = mkdtempSync(path.join(tmpdir(), "cf-extension-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false, // the new headless mode comes from the flag below; the old one cannot load extensions
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [
      "--headless=new",
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      ...OFFLINE_ARGS,
    ],
    timeout: 30_000,
  });
  serviceWorker = context.serviceWorkers().find((w) => w.url().endsWith("/background.js")) ??
    await context.waitForEvent("serviceworker", { predicate: (w) => w.url().endsWith("/background.js"), timeout: 60_000 });
  extensionId = new URL(serviceWorker.url()).host;
  serviceWorker.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push({ where: "service worker", text: message.text(), url: message.location()?.url });
  });
});

after(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await api?.close();
});

test("dist/ is a MV3 extension with the package inside, static imports only and the wasm CSP", () => {
  const manifest = JSON.parse(readFileSync(path.join(dist, "manifest.json"), "utf8"));
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual(manifest.background, { service_worker: "background.js", type: "module" });
  assert.deepEqual(manifest.permissions, ["contextMenus", "storage"]);
  assert.deepEqual(manifest.host_permissions, ["http://127.0.0.1/*"]);
  assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  const wasm = path.join(dist, "vendor/contraforce-incident/contraforce_incident_bg.wasm");
  assert.ok(statSync(wasm).size > 10_000);
  const scripts = [];
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).forEach((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith(".js")) scripts.push(full);
  });
  walk(dist);
  for (const script of scripts) {
    assert.doesNotMatch(readFileSync(script, "utf8"), /\bimport\s*\(/, `${path.relative(dist, script)} uses import()`);
  }
});

test("the service worker runs and has registered the context-menu entry", async () => {
  // The entry is created on install, which may finish after the worker is up: poll for it (bounded).
  let error;
  for (const started = Date.now(); Date.now() - started < 20_000; await new Promise((r) => setTimeout(r, 200))) {
    error = await serviceWorker.evaluate((id) => new Promise((resolve) => {
      chrome.contextMenus.update(id, {}, () => resolve(chrome.runtime.lastError?.message ?? null));
    }), MENU_ID);
    if (error === null) break;
  }
  assert.equal(error, null, "no context-menu entry");
});

test("the options page stores the settings in chrome.storage.local only, and never shows the token again", async () => {
  const page = await saveOptions({ token: CREDENTIALS.token });
  const stored = await serviceWorker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    sync: await chrome.storage.sync.get(null),
  }));
  const settings = stored.local["contraforce.settings"];
  assert.equal(settings.baseUrl, api.url);
  assert.equal(settings.workspaceId, SAMPLE.workspaceId);
  assert.equal(settings.source, SAMPLE.source);
  assert.equal(settings.authMode, "token");
  assert.equal(settings.token, CREDENTIALS.token);
  assert.deepEqual(stored.sync, {});
  await page.reload();
  await page.waitForFunction(() => document.getElementById("base-url").value !== "");
  assert.equal(await page.inputValue("#token"), "");
  assert.match(await page.getAttribute("#token", "placeholder"), /Stored/);
  await assertNoCredentialIn(page);
  await page.close();
});

test("the popup looks up an incident: severity, status, assignee, title, indicators", async () => {
  const page = await lookUpInPopup(SAMPLE.incidentId);
  assert.equal(await page.isVisible("#result"), true, await text(page, "problem-detail"));
  const incident = FIXTURE.data.incident;
  assert.equal(await text(page, "title"), incident.title);
  assert.equal(await text(page, "severity"), incident.severity);
  assert.equal(await text(page, "status"), incident.status);
  assert.match(await text(page, "assignee"), new RegExp(incident.user.displayName));
  assert.equal(await text(page, "created"), incident.creationTime);
  assert.equal(await text(page, "request-id"), FIXTURE.meta.requestId);
  // The indicators are the package's own extraction of the same incident, by the very files in dist/.
  const { indicators } = expected.extractIndicators(expected.decodeIncidentResponse(FIXTURE_TEXT).data);
  assert.ok(indicators.length > 0);
  const shown = await page.locator("#indicators li").evaluateAll((items) =>
    items.map((li) => ({ kind: li.dataset.kind, text: li.textContent })));
  assert.equal(shown.length, indicators.length);
  indicators.forEach((indicator, i) => {
    assert.equal(shown[i].kind, indicator.kind);
    assert.ok(shown[i].text.endsWith(indicator.value), `${shown[i].text} shows ${indicator.value}`);
  });
  const [upstream] = api.requests.filter((r) => r.path.includes(`/incidents/Sentinel/${SAMPLE.incidentId}`));
  assert.equal(upstream.authScheme, "Bearer");
  assert.equal(upstream.authOk, true);
  await assertNoCredentialIn(page);
  await screenshot(page, "extension-popup-incident.png");
  await page.close();
});

test("a missing incident shows the 404 problem details", async () => {
  const page = await lookUpInPopup(MISSING_ID);
  assert.equal(await page.isVisible("#problem"), true);
  assert.equal(await page.isVisible("#result"), false);
  const upstream = api.requests.findLast((r) => r.path.includes(MISSING_ID));
  assert.equal(await text(page, "problem-kind"), "Http");
  assert.equal(await text(page, "problem-status"), "404");
  assert.equal(await text(page, "problem-code"), "NOT_FOUND");
  assert.equal(await text(page, "problem-request-id"), upstream.requestId);
  assert.match(await text(page, "problem-detail"), new RegExp(MISSING_ID));
  await screenshot(page, "extension-popup-404.png");
  await page.close();
});

test("the context-menu handler looks up the selected text and the popup shows it", async () => {
  const result = await serviceWorker.evaluate((selection) => globalThis.lookUpSelection(selection), `  ${SAMPLE.incidentId}\n`);
  assert.equal(result.ok, true, JSON.stringify(result.problem));
  assert.equal(result.summary.title, FIXTURE.data.incident.title);
  // Whether or not the browser let chrome.action.openPopup() open the popup, the popup shows that answer.
  const page = await openPage("popup.html");
  await page.waitForSelector("body[data-state=ready]");
  assert.equal(await page.isVisible("#result"), true);
  assert.equal(await page.inputValue("#incident-id"), SAMPLE.incidentId);
  assert.equal(await text(page, "title"), FIXTURE.data.incident.title);
  assert.equal(await serviceWorker.evaluate(() => chrome.action.getBadgeText({})), "");
  await page.close();
});

test("a wrong token shows the 401 problem details", async () => {
  (await saveOptions({ token: WRONG_TOKEN })).close();
  const page = await lookUpInPopup(SAMPLE.incidentId);
  assert.equal(await page.isVisible("#problem"), true);
  const upstream = api.requests.at(-1);
  assert.equal(upstream.authOk, false);
  assert.equal(await text(page, "problem-kind"), "Http");
  assert.equal(await text(page, "problem-status"), "401");
  assert.equal(await text(page, "problem-code"), "UNAUTHORIZED");
  assert.equal(await text(page, "problem-request-id"), upstream.requestId);
  await assertNoCredentialIn(page);
  await page.close();
});

test("no console errors in the pages or the service worker", async (t) => {
  // First show that errors would be seen: one probe from the service worker, one from a page.
  const probe = `console-probe-${randomBytes(4).toString("hex")}`;
  await serviceWorker.evaluate((text) => console.error(text), `${probe} from the service worker`);
  const page = await openPage("popup.html");
  await page.evaluate((text) => console.error(text), `${probe} from a page`);
  const deadline = Date.now() + 5_000;
  while (new Set(consoleErrors.filter((e) => e.text.startsWith(probe)).map((e) => e.where)).size < 2 && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 50));
  }
  await page.close();
  assert.deepEqual([...new Set(consoleErrors.filter((e) => e.text.startsWith(probe)).map((e) => e.where))].sort(),
    ["popup.html", "service worker"], "console errors are not being captured");
  const seen = consoleErrors.filter((e) => !e.text.startsWith(probe));
  if (seen.length) t.diagnostic(`console errors seen: ${JSON.stringify(seen)}`);
  assert.deepEqual(seen.filter((e) => !isExpectedNetworkError(e)), []);
});
