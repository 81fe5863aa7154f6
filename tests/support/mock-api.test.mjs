// Tests of the local ContraForce API itself, with plain fetch: `node --test tests/support/`.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { once } from "node:events";
import {
  CATALOGUE, FIXTURES_DIR, FORBIDDEN_WORKSPACE_ID, SAMPLE, SPECIAL_IDS, incidentPath, startMockApi, startRedirectTarget,
} from "./mock-api.mjs";

const fixture = (name) => readFileSync(join(FIXTURES_DIR, name), "utf8");
const BASIC = `Basic ${Buffer.from(`${SAMPLE.clientId}:${SAMPLE.clientSecret}`).toString("base64")}`;
const BEARER = `Bearer ${SAMPLE.token}`;
const CANARY = "S3cr3t-Canary-Value-7f41";

/** Raw HTTP GET that never throws on a broken response: resolves { status, headers, body, error }. */
function rawGet(url, headers = {}) {
  return new Promise((resolve) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      const finish = (error) => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), error });
      res.on("end", () => finish(null));
      res.on("error", (e) => finish(e));
      res.on("aborted", () => finish(new Error("aborted")));
    });
    req.on("error", (error) => resolve({ status: null, headers: {}, body: Buffer.alloc(0), error }));
  });
}

describe("local ContraForce API", () => {
  let api;
  const url = (opts, query = "") => `${api.url}${incidentPath(opts)}${query}`;
  const get = (opts, init = {}) => fetch(url(opts), { ...init, headers: { Authorization: BASIC, ...init.headers } });

  before(async () => {
    api = await startMockApi();
  });
  after(() => api.close());

  describe("fixtures and credentials", () => {
    it("serves the full incident byte for byte with Basic", async () => {
      const res = await get();
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
      assert.equal(await res.text(), fixture("incident_full.json"));
      assert.equal(res.headers.get("x-request-id"), "0HNLBAGCRD4RN:00000001");
      assert.equal(res.headers.get("access-control-allow-origin"), "*");
    });

    it("serves it with Bearer, an upper-case workspace id and lower-case source", async () => {
      const res = await fetch(url({ workspaceId: SAMPLE.workspaceId.toUpperCase(), source: "sentinel" }), { headers: { Authorization: BEARER } });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).data.incident.number, 1042);
      assert.equal(api.requests.at(-1).authScheme, "Bearer");
      assert.equal(api.requests.at(-1).authOk, true);
    });

    it("serves every catalogue entry (reserved characters decoded exactly once)", async () => {
      for (const entry of CATALOGUE) {
        const res = await get(entry);
        assert.equal(res.status, 200, entry.incidentId);
        assert.equal((await res.json()).data.incident.id, entry.incidentId);
      }
      assert.match(api.requests.at(-1).path, /INC%2F2026%20%237%3F100%25%20%C3%A9$/);
      const twice = await fetch(`${api.url}/workspaces/${SAMPLE.workspaceId}/incidents/Splunk/${encodeURIComponent(encodeURIComponent("INC/2026 #7?100% é"))}`, { headers: { Authorization: BASIC } });
      assert.equal(twice.status, 404);
    });

    it("withDetails=false sends the detail members as null; true and absent send all", async () => {
      const off = await (await fetch(url({ withDetails: false }), { headers: { Authorization: BASIC } })).json();
      assert.equal(off.data.investigationDetails, null);
      assert.equal(off.data.evidence, null);
      assert.equal(off.data.gamebookCatalog, null);
      assert.equal(off.data.incident.id, "INC-1042");
      const on = await (await fetch(url({ withDetails: true }), { headers: { Authorization: BASIC } })).json();
      assert.deepEqual(on, JSON.parse(fixture("incident_full.json")));
      const minimal = await fetch(url({ ...CATALOGUE[1], withDetails: false }), { headers: { Authorization: BASIC } });
      assert.equal(await minimal.text(), fixture("incident_minimal.json"));
    });

    for (const [name, authorization] of [
      ["no credentials", undefined],
      ["a wrong Basic secret", `Basic ${Buffer.from(`${SAMPLE.clientId}:${CANARY}`).toString("base64")}`],
      ["a wrong Bearer token", `Bearer ${CANARY}`],
      ["an unknown scheme", `Token ${CANARY}`],
    ]) {
      it(`answers 401 problem+json for ${name}, never echoing the credential`, async () => {
        const res = await fetch(url(), { headers: authorization ? { Authorization: authorization } : {} });
        assert.equal(res.status, 401);
        assert.equal(res.headers.get("content-type"), "application/problem+json");
        assert.match(res.headers.get("www-authenticate"), /Basic realm=.*Bearer realm=/);
        const text = await res.text();
        const doc = JSON.parse(text);
        assert.equal(doc.code, "UNAUTHORIZED");
        assert.equal(doc.requestId, res.headers.get("x-request-id"));
        const log = JSON.stringify(api.requests);
        for (const secret of [CANARY, Buffer.from(`${SAMPLE.clientId}:${CANARY}`).toString("base64")]) {
          assert.ok(!text.includes(secret) && !log.includes(secret), "credential leaked");
        }
      });
    }
  });

  describe("errors", () => {
    it("404 problem for an unknown incident and an unknown workspace", async () => {
      const res = await get({ incidentId: "INC-9999" });
      assert.equal(res.status, 404);
      assert.equal(res.headers.get("content-type"), "application/problem+json");
      const doc = await res.json();
      assert.equal(doc.code, "NOT_FOUND");
      assert.equal(doc.status, "404");
      assert.equal(doc.target, "incidentId");
      assert.match(doc.requestId, /^0HN[0-9A-V]{10}:[0-9A-F]{8}$/);
      assert.equal(doc.requestId, res.headers.get("x-request-id"));
      const ws = await (await get({ workspaceId: "11111111-2222-4333-8444-555555555555" })).json();
      assert.equal(ws.target, "workspaceId");
    });

    it("400 validation problem for an unknown source, a bad workspace id and withDetails=yes", async () => {
      const src = await (await get({ source: "Elastic" })).json();
      assert.equal(src.code, "VALIDATION_ERROR");
      assert.ok(src.errors.source);
      const ws = await get({ workspaceId: "not-a-guid" });
      assert.equal(ws.status, 400);
      const wd = await fetch(url({}, "?withDetails=yes"), { headers: { Authorization: BASIC } });
      assert.equal(wd.status, 400);
      assert.deepEqual((await wd.json()).errors, { withDetails: ["The value 'yes' is not valid."] });
    });

    it("403 INSUFFICIENT_WORKSPACE_ROLE in the forbidden workspace", async () => {
      const res = await get({ workspaceId: FORBIDDEN_WORKSPACE_ID });
      assert.equal(res.status, 403);
      assert.equal((await res.json()).code, "INSUFFICIENT_WORKSPACE_ROLE");
    });

    it("404 for other paths and 405 for other methods", async () => {
      assert.equal((await fetch(`${api.url}/workspaces`)).status, 404);
      assert.equal((await fetch(`${api.url}${incidentPath()}/`, { headers: { Authorization: BASIC } })).status, 404);
      const post = await fetch(url(), { method: "POST", headers: { Authorization: BASIC } });
      assert.equal(post.status, 405);
      assert.equal(post.headers.get("allow"), "GET, HEAD");
    });
  });

  describe("CORS", () => {
    it("answers a preflight with 204 and the allowed headers", async () => {
      const res = await fetch(url(), {
        method: "OPTIONS",
        headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization,accept" },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get("access-control-allow-origin"), "http://localhost:5173");
      assert.match(res.headers.get("access-control-allow-headers"), /Authorization/);
      assert.match(res.headers.get("access-control-allow-methods"), /GET/);
    });

    it("echoes Origin and exposes X-Request-Id and Retry-After", async () => {
      const res = await get({}, { headers: { Origin: "http://127.0.0.1:4173" } });
      assert.equal(res.headers.get("access-control-allow-origin"), "http://127.0.0.1:4173");
      assert.equal(res.headers.get("access-control-expose-headers"), "X-Request-Id, Retry-After");
      await res.arrayBuffer();
    });
  });

  describe("faults from the control API", () => {
    const control = (path, init) => fetch(`${api.origin}/__control${path}`, init);
    const queue = async (specs) => {
      const res = await control("/faults", { method: "POST", body: JSON.stringify(specs), headers: { "Content-Type": "application/json" } });
      assert.equal(res.status, 200, await res.clone().text());
      return res.json();
    };

    it("status with Retry-After, `times`, then normal again", async () => {
      await queue({ status: 503, retryAfter: "120", times: 2 });
      for (let i = 0; i < 2; i++) {
        const res = await get();
        assert.equal(res.status, 503);
        assert.equal(res.headers.get("retry-after"), "120");
        assert.equal((await res.json()).code, "SERVICE_UNAVAILABLE");
      }
      assert.equal((await get()).status, 200);
    });

    it("status 400/401/403/404 send the fixture files verbatim", async () => {
      await queue([{ status: 400 }, { status: 404 }]);
      assert.equal(await (await get()).text(), fixture("problem_400_validation.json"));
      const nf = await get();
      assert.equal(await nf.text(), fixture("problem_404.json"));
      assert.equal(nf.headers.get("x-request-id"), "0HNLBAGCRD4RN:0000000B");
    });

    it("`match` only hits matching paths", async () => {
      await queue({ status: 500, match: "7d0c2a7e" });
      assert.equal((await get()).status, 200);
      assert.equal((await get(CATALOGUE[1])).status, 500);
    });

    it("delayMs waits before the headers", async () => {
      await queue({ delayMs: 150 });
      const t0 = Date.now();
      const res = await get();
      assert.ok(Date.now() - t0 >= 140);
      assert.equal(res.status, 200);
      await res.arrayBuffer();
    });

    it("html502 sends the proxy page", async () => {
      await queue({ html502: true });
      const res = await get();
      assert.equal(res.status, 502);
      assert.match(res.headers.get("content-type"), /^text\/html/);
      assert.equal(await res.text(), fixture("proxy_502.html"));
    });

    it("drop closes the connection with no response", async () => {
      await queue({ drop: true });
      const before = api.requests.length;
      await assert.rejects(get(), TypeError);
      assert.equal(api.requests.length, before + 1, "one request, no silent retry");
      assert.equal(api.requests.at(-1).outcome, "dropped");
      assert.equal(api.requests.at(-1).status, null);
    });

    it("dropMidBody sends headers and half a body, then resets", async () => {
      await queue({ dropMidBody: true });
      const res = await get();
      assert.equal(res.status, 200);
      await assert.rejects(res.text());
    });

    it("truncate sends half the JSON with a matching Content-Length", async () => {
      await queue({ truncate: true });
      const text = await (await get()).text();
      assert.ok(text.length > 0 && text.length < fixture("incident_full.json").length);
      assert.throws(() => JSON.parse(text), SyntaxError);
    });

    it("trickleMs sends the body a few bytes at a time", async () => {
      await queue({ trickleMs: 5, trickleBytes: 4000, bigBodyBytes: 20_000 });
      const t0 = Date.now();
      const res = await get();
      const body = await res.text();
      assert.equal(Buffer.byteLength(body), 20_000);
      assert.ok(Date.now() - t0 >= 15, "should have paused between chunks");
      JSON.parse(body);
    });

    it("body + contentType are sent verbatim", async () => {
      await queue({ status: 200, body: '{"data":', contentType: "application/json" });
      const res = await get();
      assert.equal(res.headers.get("content-type"), "application/json");
      assert.equal(await res.text(), '{"data":');
    });

    it("contentLengthExtra declares more than is sent, then closes", async () => {
      await queue({ contentLengthExtra: 100 });
      const raw = await rawGet(url(), { Authorization: BASIC });
      assert.equal(Number(raw.headers["content-length"]), Buffer.byteLength(fixture("incident_full.json")) + 100);
      assert.ok(raw.error, "the response should end early");
    });

    it("gzip encodes the normal body", async () => {
      await queue({ gzip: true, times: 2 });
      const raw = await rawGet(url(), { Authorization: BASIC });
      assert.equal(raw.headers["content-encoding"], "gzip");
      assert.equal(raw.body[0], 0x1f);
      const res = await get();
      assert.equal(await res.text(), fixture("incident_full.json"));
    });

    it("bigBodyBytes pads a valid incident to exactly that size", async () => {
      await queue({ bigBodyBytes: 1_000_003 });
      const body = Buffer.from(await (await get()).arrayBuffer());
      assert.equal(body.length, 1_000_003);
      assert.equal(JSON.parse(body).data.incident.id, "INC-1042");
    });

    it("redirectTo: relative, a loop, and another origin", async () => {
      await queue({ redirectTo: `/api/v2${incidentPath()}` });
      const res = await get();
      assert.equal(res.status, 200);
      assert.equal(res.redirected, true);
      await res.arrayBuffer();

      await queue({ redirectTo: "self", times: -1, label: "loop" });
      await assert.rejects(get(), TypeError);
      assert.ok(api.requests.filter((r) => r.fault === "loop").length > 5);
      await control("/faults", { method: "DELETE" });

      const target = await startRedirectTarget();
      try {
        await queue({ redirectTo: `${target.url}${incidentPath()}` });
        const manual = await get({}, { redirect: "manual" });
        assert.equal(manual.status, 302);
        assert.equal(manual.headers.get("location"), `${target.url}${incidentPath()}`);
        const direct = await fetch(`${target.url}${incidentPath()}`, { headers: { Authorization: BEARER } });
        assert.equal(direct.status, 200, "the target answers without checking credentials");
        await direct.arrayBuffer();
        await (await fetch(`${target.url}${incidentPath()}`)).arrayBuffer();
        assert.deepEqual(target.requests.map((r) => r.authScheme), ["Bearer", null]);
      } finally {
        await target.close();
      }
    });

    it("noCors leaves out the CORS headers", async () => {
      await queue({ noCors: true });
      const res = await get({}, { headers: { Origin: "http://localhost:5173" } });
      assert.equal(res.headers.get("access-control-allow-origin"), null);
      await res.arrayBuffer();
    });

    it("refuses bad specs and queues nothing", async () => {
      for (const bad of [{ stauts: 503 }, { status: "503" }, [{ status: 503 }, { delayMs: -1 }], { retryAfter: "1\r\nX: y" }, "nope"]) {
        const res = await control("/faults", { method: "POST", body: JSON.stringify(bad) });
        assert.equal(res.status, 400, JSON.stringify(bad));
        assert.ok((await res.json()).error);
      }
      assert.equal((await control("/faults", { method: "POST", body: "{" })).status, 400);
      assert.deepEqual(await (await control("/faults")).json(), []);
    });

    it("lists, clears faults and requests; the log carries no credential", async () => {
      await queue([{ status: 500 }, { status: 502, match: "nothing-matches-this" }]);
      assert.equal((await (await control("/faults")).json()).length, 2);
      assert.deepEqual(await (await control("/faults", { method: "DELETE" })).json(), { cleared: 2 });
      await get();
      const log = await (await control("/requests")).json();
      const last = log.at(-1);
      for (const key of ["method", "path", "accept", "authScheme", "timestamp", "requestId", "status"]) assert.ok(key in last, key);
      assert.equal(last.authScheme, "Basic");
      const text = JSON.stringify(log);
      assert.ok(!text.includes(SAMPLE.clientSecret) && !text.includes(BASIC.slice(6)));
      await control("/requests", { method: "DELETE" });
      assert.deepEqual(await (await control("/requests")).json(), []);
      assert.equal(api.requests.length, 0);
      const index = await (await control("")).json();
      assert.ok(index.specialIds.length > 10);
    });
  });

  describe("special incident ids", () => {
    const special = (id, init) => get({ incidentId: id }, init);

    it("fault-status-503 and fault-retry-after-2-503", async () => {
      assert.equal((await special("fault-status-503")).status, 503);
      const res = await special("fault-retry-after-2-503");
      assert.equal(res.status, 503);
      assert.equal(res.headers.get("retry-after"), "2");
      const date = await special("fault-retry-after-date-3-429");
      assert.equal(date.status, 429);
      assert.ok(Date.parse(date.headers.get("retry-after")) > Date.now());
    });

    it("fault-html-502, fault-drop, fault-empty-404, fault-legacy-404, fault-problem-200", async () => {
      assert.equal(await (await special("fault-html-502")).text(), fixture("proxy_502.html"));
      await assert.rejects(special("fault-drop"), TypeError);
      const empty = await special("fault-empty-404");
      assert.equal(empty.status, 404);
      assert.equal(empty.headers.get("content-type"), null);
      assert.equal(await empty.text(), "");
      assert.equal(await (await special("fault-legacy-404")).text(), fixture("error_envelope_legacy_404.json"));
      const p200 = await special("fault-problem-200");
      assert.equal(p200.status, 200);
      assert.equal(await p200.text(), fixture("problem_404.json"));
    });

    it("fault-slow-<ms>, fault-gzip, fault-wrong-content-type serve the sample incident after the credential check", async () => {
      const t0 = Date.now();
      const slow = await special("fault-slow-120");
      assert.ok(Date.now() - t0 >= 110);
      assert.equal(await slow.text(), fixture("incident_full.json"));
      assert.equal(await (await special("fault-gzip")).text(), fixture("incident_full.json"));
      assert.match((await special("fault-wrong-content-type")).headers.get("content-type"), /^text\/plain/);
      assert.equal((await fetch(url({ incidentId: "fault-gzip" }))).status, 401);
    });

    it("fault-redirect-same-origin and fault-redirect-loop", async () => {
      const res = await special("fault-redirect-same-origin");
      assert.equal(res.status, 200);
      assert.equal(res.redirected, true);
      await res.arrayBuffer();
      await assert.rejects(special("fault-redirect-loop"), TypeError);
    });

    it("every documented id is recognised", async () => {
      for (const { example } of SPECIAL_IDS) {
        const before = api.requests.length;
        const controller = new AbortController();
        const pending = special(example, { redirect: "manual", signal: controller.signal }).catch(() => null);
        for (let i = 0; i < 100 && api.requests.length === before; i++) await new Promise((r) => setTimeout(r, 5));
        controller.abort(); // no need to wait for slow or big answers
        await (await pending)?.body?.cancel().catch(() => {});
        assert.equal(api.requests[before]?.fault, example);
      }
    });
  });

  describe("lifecycle", () => {
    it("close() ends a trickling response at once", async () => {
      const own = await startMockApi();
      const res = await fetch(`${own.url}${incidentPath({ incidentId: "fault-trickle-1000" })}`, { headers: { Authorization: BASIC } });
      assert.equal(res.status, 200);
      const t0 = Date.now();
      await own.close();
      await assert.rejects(res.text());
      assert.ok(Date.now() - t0 < 1000);
    });

    it("listens on loopback only", async () => {
      await assert.rejects(startMockApi({ host: "0.0.0.0" }), /loopback/);
      const v6 = await startMockApi({ host: "::1" }).catch(() => null); // hosts without IPv6 skip this
      if (v6) {
        assert.match(v6.url, /^http:\/\/\[::1\]:\d+\/api\/v2$/);
        await v6.close();
      }
    });

    it("runs from the command line and stops on SIGTERM", async () => {
      const script = fileURLToPath(new URL("./mock-api.mjs", import.meta.url));
      const child = spawn(process.execPath, [script, "--port", "0", "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.setEncoding("utf8");
      const line = await new Promise((resolve, reject) => {
        child.stdout.on("data", (chunk) => {
          out += chunk;
          if (out.includes("\n")) resolve(out.split("\n")[0]);
        });
        child.on("exit", () => reject(new Error(`exited early: ${out}`)));
      });
      const m = /^ContraForce mock API listening on (http:\/\/127\.0\.0\.1:\d+\/api\/v2)$/.exec(line);
      assert.ok(m, line);
      const res = await fetch(`${m[1]}${incidentPath()}`, { headers: { Authorization: BASIC } });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      assert.equal(code, 0);
    });
  });
});
