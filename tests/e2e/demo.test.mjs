// End-to-end test of the demo page (www/) in headless Chromium, through the built package (pkg/) and the mock API.
// Everything it checks on the page is compared with tests/fixtures/incident_full.json, never hard-coded.
// Requires pkg/ (npm run build); fails, with a message saying so, when pkg/index.js is missing.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../support/chromium.mjs";
import { startDemoServer } from "../../scripts/serve-demo.mjs";
import { SAMPLE, startMockApi } from "../support/mock-api.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PKG_ENTRY = path.join(ROOT, "pkg", "index.js");
const FIXTURE = path.join(ROOT, "tests", "fixtures", "incident_full.json");
const OUTPUT = path.join(ROOT, "test-output");
const MISSING_INCIDENT_ID = "INC-DOES-NOT-EXIST-404";


let mock;
let demo;
let apiBaseUrl;
let userDataDir;
let context;
let page;
let fixture; // the `data` object of the fixture
const consoleErrors = []; // { text, url }
const requests = []; // every URL the page asked for
const expectedFailures = new Set(); // incident ids whose lookups are meant to fail (their 4xx is logged by Chromium)

/** `http://127.0.0.1:1234` or `.../api/v2/` → `http://127.0.0.1:1234/api/v2`. */
function apiBase(url) {
  const trimmed = String(url).replace(/\/+$/, "");
  return trimmed.endsWith("/api/v2") ? trimmed : `${trimmed}/api/v2`;
}

/** What the page must say about a timestamp's offset (its own parsing is not reused here). */
function expectedOffset(raw) {
  if (/[Zz]$/.test(raw)) return "Z";
  const m = /T[\d:.,]+([+-])(\d{2}):?(\d{2})$/.exec(raw);
  if (m) return `${m[1]}${m[2]}:${m[3]}`;
  if (/^\d{4}-\d{2}-\d{2}T[\d:.,]+$/.test(raw)) return "none";
  return null; // some other shape: not asserted
}

/** The decoded number the page shows for an int-or-string field. */
const shownInt = (v) => (v === null || v === undefined ? "—" : String(Number(v)));
const sorted = (values) => [...values].map(String).sort();
const texts = (selector) => page.locator(selector).allTextContents();
const text = async (selector) => (await page.locator(selector).first().textContent())?.trim();

async function lookUp(expectedState) {
  await page.getByTestId("lookup").click();
  await page.locator(`[data-testid="result"][data-state="${expectedState}"]`).waitFor();
}

before(async () => {
  if (!existsSync(PKG_ENTRY)) {
    throw new Error(`pkg/index.js is missing (${PKG_ENTRY}): the demo page imports the built package. Run \`npm run build\` first.`);
  }
  if (!existsSync(FIXTURE)) throw new Error(`the fixture ${FIXTURE} is missing`);
  const raw = JSON.parse(await readFile(FIXTURE, "utf8"));
  fixture = raw.data ?? raw;

  mock = await startMockApi({ port: 0 });
  apiBaseUrl = apiBase(mock.url);
  demo = await startDemoServer({ port: 0, apiBaseUrl });

  await mkdir(OUTPUT, { recursive: true });
  userDataDir = await mkdtemp(path.join(os.tmpdir(), "contraforce-demo-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push({ text: message.text(), url: message.location()?.url ?? "" });
  });
  page.on("pageerror", (error) => consoleErrors.push({ text: `uncaught: ${error.message}`, url: "" }));
  page.on("request", (request) => requests.push(request.url()));

  await page.goto(demo.url);
  await page.locator("body[data-pkg]").waitFor({ state: "attached" });
  assert.equal(await page.locator("body").getAttribute("data-pkg"), "ready", "the page could not import ./pkg/index.js");
});

after(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  await demo?.close();
  await mock?.close();
});

test("Sample fills in the local API (from /config.json), the sample incident and its credentials", async () => {
  await page.getByTestId("sample").click();
  await page.locator('[data-testid="lookup-form"][data-sample="filled"]').waitFor({ state: "attached" });
  assert.equal(await page.getByTestId("input-base-url").inputValue(), apiBaseUrl);
  const filled = {
    workspaceId: await page.getByTestId("input-workspace-id").inputValue(),
    source: await page.getByTestId("input-source").inputValue(),
    incidentId: await page.getByTestId("input-incident-id").inputValue(),
    clientId: await page.getByTestId("input-client-id").inputValue(),
    clientSecret: await page.getByTestId("input-client-secret").inputValue(),
  };
  // The page hard-codes its sample; it must be the one the local API serves and accepts.
  for (const [key, value] of Object.entries(filled)) assert.equal(value, SAMPLE[key], `Sample must fill ${key}`);
  assert.equal(await page.getByTestId("input-with-details").isChecked(), true);
});

test("looking up the sample renders the fixture incident", async () => {
  await lookUp("done");
  const incident = fixture.incident ?? {};

  assert.equal(await text('[data-testid="incident-title"]'), incident.title ?? incident.name);
  assert.equal(await text('[data-testid="incident-number"]'), shownInt(incident.number));
  assert.equal(await text('[data-testid="incident-severity"]'), incident.severity ?? "—");
  assert.equal(await text('[data-testid="incident-status"]'), incident.status ?? "—");
  if (incident.classification) assert.equal(await text('[data-testid="incident-classification"]'), incident.classification);
  if (incident.classificationReason) assert.equal(await text('[data-testid="incident-classification-reason"]'), incident.classificationReason);
  const user = incident.user ?? {};
  assert.equal(await text('[data-testid="incident-assignee"]'), user.displayName ?? user.email ?? "Unassigned");

  // Timestamps: exactly as sent, with their offset (or its absence) made visible.
  for (const [testid, raw] of [
    ["ts-created", incident.creationTime],
    ["ts-last-modified", incident.lastModificationTime],
    ["ts-last-activity", incident.lastActivityTime],
  ]) {
    const el = page.locator(`[data-testid="incident"] [data-testid="${testid}"]`);
    if (typeof raw !== "string") {
      assert.equal(await el.getAttribute("data-offset"), "absent", testid);
      continue;
    }
    assert.equal(await el.locator("time").textContent(), raw, `${testid} must be shown as sent`);
    const offset = expectedOffset(raw);
    if (offset) assert.equal(await el.getAttribute("data-offset"), offset, `${testid} offset`);
    assert.ok((await el.getByTestId(`${testid}-offset`).textContent()).length > 0, `${testid} needs an offset tag`);
  }

  // Entities.
  const entities = incident.entities ?? [];
  assert.equal(await page.getByTestId("entity-row").count(), entities.length, "entity rows");
  assert.deepEqual(await texts('[data-testid="entity-row"] [data-testid="entity-type"]'), entities.map((e) => e.type ?? "—"));

  // Alerts (a timeline, in time order: compare as a multiset).
  const details = fixture.investigationDetails ?? {};
  const alerts = details.alerts ?? [];
  assert.equal(await page.getByTestId("alert-item").count(), alerts.length, "alert items");
  assert.deepEqual(sorted(await texts('[data-testid="alert-name"]')), sorted(alerts.map((a) => a.alertName ?? a.displayName ?? "(unnamed alert)")));

  // Comments and their markers.
  const comments = details.incidentComment ?? [];
  assert.equal(await page.getByTestId("comment-item").count(), comments.length, "comment items");
  const agentTags = await texts('[data-testid="comment-agent"]');
  const agentComments = comments.filter((c) => c.isAgentComment === true);
  assert.equal(agentTags.length, agentComments.length, "agent markers");
  agentComments.forEach((c, i) => assert.ok(agentTags[i].includes(c.agentName ?? "unnamed"), `agent marker ${i} names ${c.agentName}`));
  assert.equal(await page.getByTestId("comment-closing").count(), comments.filter((c) => c.isClosingComment === true).length, "closing markers");
  assert.equal(await page.getByTestId("comment-activity").count(), comments.filter((c) => c.isActivityComment === true).length, "activity markers");

  // Evidence.
  const evidence = fixture.evidence ?? {};
  assert.deepEqual(await texts('[data-testid="evidence-column"]'), (evidence.columns ?? []).map(String), "evidence columns");
  assert.equal(await page.getByTestId("evidence-row").count(), (evidence.rows ?? []).length, "evidence rows");

  // Gamebook: each playbook's status, per gamebook (ordered by sequence on the page: compare as multisets).
  const catalog = fixture.gamebookCatalog ?? {};
  for (const [id, gamebook] of [
    ["ai", catalog.recommended?.aiGamebook],
    ["service-provider", catalog.recommended?.serviceProviderGamebook],
    ["last", catalog.lastGamebook],
  ]) {
    const card = page.getByTestId(`gamebook-${id}`);
    assert.equal(await card.getAttribute("data-present"), gamebook ? "true" : "false", `gamebook-${id} presence`);
    if (!gamebook) continue;
    if (gamebook.status) assert.equal(await card.getByTestId("gamebook-status").textContent(), gamebook.status);
    const statuses = await card.locator('[data-testid="playbook-item"] [data-testid="playbook-status"]').allTextContents();
    assert.deepEqual(sorted(statuses), sorted((gamebook.playbooks ?? []).map((p) => p.status ?? "—")), `gamebook-${id} playbook statuses`);
  }

  // Attacker-influenced strings stay text: nothing active was created from the data.
  const active = await page.evaluate(() => document.querySelectorAll("#result script, #result img, #result iframe, #result object, #result embed, #result a[href^='javascript:']").length);
  assert.equal(active, 0, "the result must contain no elements created from data");

  await page.screenshot({ path: path.join(OUTPUT, "demo.png"), fullPage: true });
});

test("a bearer token works too", async () => {
  await page.getByTestId("auth-token").check();
  await page.getByTestId("input-token").fill(SAMPLE.token);
  await lookUp("done");
  assert.equal(await text('[data-testid="incident-title"]'), fixture.incident?.title ?? fixture.incident?.name);
  await page.getByTestId("auth-basic").check();
});

test("a missing incident renders the API's 404 problem details", async () => {
  expectedFailures.add(MISSING_INCIDENT_ID);
  await page.getByTestId("input-incident-id").fill(MISSING_INCIDENT_ID);
  await lookUp("error");
  assert.equal(await text('[data-testid="error-kind"]'), "Http");
  assert.equal(await text('[data-testid="error-status"]'), "404");
  assert.equal(await text('[data-testid="error-code"]'), "NOT_FOUND");
  const requestId = await text('[data-testid="error-request-id"]');
  assert.ok(requestId && requestId.length > 0, "the request id is shown");
  assert.ok((await page.getByTestId("error-title").count()) + (await page.getByTestId("error-detail").count()) > 0, "title or detail is shown");
  await page.screenshot({ path: path.join(OUTPUT, "demo-404.png"), fullPage: true });
});

test("an invalid Advanced value shows an inline message and sends nothing; empty means the package default", async () => {
  await page.getByTestId("input-incident-id").fill(SAMPLE.incidentId);
  const advanced = page.locator("details.advanced");
  if ((await advanced.getAttribute("open")) === null) await advanced.locator("summary").click();
  const timeout = page.getByTestId("input-timeout");
  const message = page.getByTestId("timeout-error");
  const stateBefore = await page.getByTestId("result").getAttribute("data-state");

  for (const invalid of ["-5", "0", "1.5"]) {
    const sentBefore = mock.requests.length;
    const pageRequestsBefore = requests.length;
    await timeout.fill(invalid);
    await page.getByTestId("lookup").click();
    await message.waitFor({ state: "visible" });
    assert.match(await message.textContent(), /whole number|too small/, `timeout ${invalid}: the message says what is wrong`);
    assert.equal(await timeout.getAttribute("aria-invalid"), "true", `timeout ${invalid}: the field is marked invalid`);
    // The lookup never started: the result is untouched, and (after a grace period) nothing reached the mock.
    assert.equal(await page.getByTestId("result").getAttribute("data-state"), stateBefore, `timeout ${invalid}: no lookup started`);
    await page.waitForTimeout(250);
    assert.equal(mock.requests.length, sentBefore, `timeout ${invalid}: the mock received a request`);
    assert.deepEqual(requests.slice(pageRequestsBefore).filter((url) => url.startsWith(apiBaseUrl)), [], `timeout ${invalid}: the page sent an API request`);
  }

  // Empty fields are the package defaults: no message, and the lookup goes through.
  await timeout.fill("");
  await page.getByTestId("input-max-retries").fill("");
  assert.equal(await message.isVisible(), false, "an empty timeout clears the message");
  const sentBefore = mock.requests.length;
  await lookUp("done");
  assert.ok(mock.requests.length > sentBefore, "the lookup with default options reached the mock");
  assert.equal(await text('[data-testid="incident-title"]'), fixture.incident?.title ?? fixture.incident?.name);
});

test("credentials never reach the URL, storage or any request URL; nothing is fetched off this machine", async () => {
  const secrets = [SAMPLE.clientSecret, SAMPLE.token, Buffer.from(`${SAMPLE.clientId}:${SAMPLE.clientSecret}`).toString("base64")];
  for (const secret of secrets) {
    assert.ok(!page.url().includes(secret), "page URL");
    for (const url of requests) assert.ok(!url.includes(secret), `request URL ${url}`);
  }
  const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
  assert.deepEqual(storage, { local: 0, session: 0, cookie: "" });
  for (const url of requests) {
    const { protocol, hostname } = new URL(url);
    if (protocol === "data:" || protocol === "blob:") continue;
    assert.equal(hostname, "127.0.0.1", `the page fetched ${url}`);
  }
});

test("the console had no errors", () => {
  // Chromium itself logs a failed response ("Failed to load resource: … 404") for the lookups meant to fail;
  // those are the browser's network log, not the page's. Anything else is an error.
  const unexpected = consoleErrors.filter(
    ({ text: message, url }) =>
      !(/^Failed to load resource: the server responded with a status of 4\d\d/.test(message) && [...expectedFailures].some((id) => url.includes(encodeURIComponent(id)))),
  );
  assert.deepEqual(unexpected, []);
});
