// A stand-in for the built package, for working on the demo page before `npm run build` has produced pkg/.
// NOT the package and not used by the real page (which imports ./pkg/index.js). Serve it in pkg/'s place with
//   node scripts/serve-demo.mjs --pkg www/dev-stub --api http://127.0.0.1:8787/api/v2
// It mimics the package's JavaScript surface loosely: same constructor and getIncident() shape, a thrown Error named
// "ContraForceError" with kind/status/code/…, null for absent fields and [] for absent arrays (shallowly).

const SOURCES = ["Sentinel", "DefenderXDR", "QRadar", "Splunk", "CrowdStrike", "SentinelOne"];
const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(kind, message, props = {}) {
  const error = new Error(message);
  error.name = "ContraForceError";
  Object.assign(error, { kind }, props);
  return error;
}

export function isContraForceError(value) {
  return value instanceof Error && value.name === "ContraForceError";
}

const toInt = (v) => (typeof v === "string" && /^-?(?:0|[1-9]\d*)$/.test(v) ? Number(v) : v ?? null);

function normaliseIncident(i) {
  if (!i) return null;
  const arrays = ["tactics", "ruleIds", "alertProductNames", "entities"];
  const out = { ...i, number: toInt(i.number), alertsCount: toInt(i.alertsCount), user: i.user ?? null };
  for (const key of arrays) out[key] = i[key] ?? [];
  return out;
}

function normaliseGamebook(g) {
  if (!g) return null;
  return { ...g, incidentNumber: toInt(g.incidentNumber), playbooks: (g.playbooks ?? []).map((p) => ({ ...p, sequence: toInt(p.sequence) })) };
}

function normalise(data) {
  const d = data ?? {};
  const details = d.investigationDetails
    ? { entities: d.investigationDetails.entities ?? [], alerts: d.investigationDetails.alerts ?? [], incident: normaliseIncident(d.investigationDetails.incident), incidentComment: d.investigationDetails.incidentComment ?? [] }
    : null;
  const catalog = d.gamebookCatalog
    ? {
        ...d.gamebookCatalog,
        recommended: d.gamebookCatalog.recommended
          ? { aiGamebook: normaliseGamebook(d.gamebookCatalog.recommended.aiGamebook), serviceProviderGamebook: normaliseGamebook(d.gamebookCatalog.recommended.serviceProviderGamebook) }
          : null,
        lastGamebook: normaliseGamebook(d.gamebookCatalog.lastGamebook),
      }
    : null;
  return {
    source: d.source ?? null,
    incident: normaliseIncident(d.incident),
    investigationDetails: details,
    evidence: d.evidence ? { columns: d.evidence.columns ?? [], rows: d.evidence.rows ?? [] } : null,
    gamebookCatalog: catalog,
  };
}

export class ContraForceClient {
  #baseUrl;
  #authorization;
  #timeoutMs;

  constructor({ baseUrl, auth, timeoutMs = 30000 } = {}) {
    let url;
    try {
      url = new URL(baseUrl);
    } catch {
      throw fail("InvalidArgument", "baseUrl must be an absolute URL", { target: "baseUrl" });
    }
    this.#baseUrl = url.href.replace(/\/+$/, "");
    if (auth?.token) this.#authorization = `Bearer ${auth.token}`;
    else if (auth?.clientId) this.#authorization = `Basic ${btoa(`${auth.clientId}:${auth.clientSecret ?? ""}`)}`;
    else throw fail("InvalidArgument", "auth needs { clientId, clientSecret } or { token }", { target: "auth" });
    this.#timeoutMs = timeoutMs;
  }

  async getIncident({ workspaceId, source, incidentId, withDetails, signal } = {}) {
    if (!GUID_RE.test(workspaceId ?? "")) throw fail("InvalidArgument", "workspaceId must be a GUID", { target: "workspaceId" });
    const canonical = SOURCES.find((s) => s.toLowerCase() === String(source).toLowerCase());
    if (!canonical) throw fail("InvalidArgument", `source must be one of ${SOURCES.join(", ")}`, { target: "source" });
    if (!incidentId || incidentId === "." || incidentId === "..") throw fail("InvalidArgument", "incidentId must be a non-empty id", { target: "incidentId" });
    const query = withDetails === undefined ? "" : `?withDetails=${withDetails}`;
    const url = `${this.#baseUrl}/workspaces/${encodeURIComponent(workspaceId)}/incidents/${canonical}/${encodeURIComponent(incidentId)}${query}`;
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    let response;
    try {
      response = await fetch(url, {
        headers: { Accept: "application/json, application/problem+json", Authorization: this.#authorization },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch {
      if (signal?.aborted) throw fail("Aborted", "the lookup was aborted", { attempts: 1 });
      if (timeout.aborted) throw fail("Timeout", `no response within ${this.#timeoutMs} ms`, { attempts: 1 });
      throw fail("Network", "the request failed (is the API running, and does it allow CORS?)", { attempts: 1 });
    }
    const contentType = response.headers.get("content-type") ?? "";
    const text = await response.text();
    if (!response.ok) {
      if (/json/i.test(contentType)) {
        const body = JSON.parse(text);
        const p = body.error ? { ...body.error, requestId: body.meta?.requestId, detail: body.error.message } : body;
        throw fail("Http", `HTTP ${response.status}: ${p.title ?? p.code ?? "error"}`, {
          status: response.status,
          code: p.code ?? null,
          title: p.title ?? null,
          detail: p.detail ?? null,
          requestId: p.requestId ?? null,
          target: p.target ?? null,
          errors: p.errors ?? null,
          attempts: 1,
        });
      }
      throw fail("Http", `HTTP ${response.status} (${contentType || "no content type"})`, { status: response.status, contentType, snippet: text.slice(0, 200), attempts: 1 });
    }
    const body = JSON.parse(text);
    return { data: normalise(body.data), meta: body.meta ?? null };
  }
}
