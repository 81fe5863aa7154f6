// POST /incidents { workspace?, source, ids: [...], withDetails? }: at most MAX_BATCH_IDS ids, at most
// BATCH_CONCURRENCY upstream requests at once, one result per id in the order asked (success or problem).
import { WorkerProblem, json, problemFor } from "./problem.js";
import { lookup } from "./lookup.js";
import { workspaceOf } from "./params.js";

export const MAX_BATCH_IDS = 50;
export const BATCH_CONCURRENCY = 6;
const MAX_BODY_BYTES = 64 * 1024;
const MAX_ID_LENGTH = 1024;

/** Runs `task` over `items` with at most `limit` in flight; results in input order. */
export async function mapBounded(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  });
  await Promise.all(runners);
  return results;
}

export async function postBatch(ctx, request, secrets) {
  const batch = batchOf(await readJson(request), ctx.config);
  const unique = [...new Set(batch.ids)];
  const outcomes = await mapBounded(unique, BATCH_CONCURRENCY, async (incidentId) => {
    const one = { workspace: batch.workspace, source: batch.source, incidentId, withDetails: batch.withDetails };
    try {
      const { summary, cache } = await lookup(ctx, one);
      return { id: incidentId, ok: true, status: 200, cache, summary };
    } catch (error) {
      const instance = `/incidents/${encodeURIComponent(batch.source)}/${encodeURIComponent(incidentId)}`;
      const problem = problemFor(error, instance);
      return { id: incidentId, ok: false, status: problem.status, problem };
    }
  });
  const byId = new Map(outcomes.map((outcome) => [outcome.id, outcome]));
  const results = batch.ids.map((id) => byId.get(id));
  const ok = results.filter((r) => r.ok).length;
  return json({
    workspace: batch.workspace,
    source: batch.source,
    counts: { requested: batch.ids.length, unique: unique.length, ok, failed: results.length - ok },
    results,
  }, { headers: { "Cache-Control": "no-store" }, secrets });
}

async function readJson(request) {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new WorkerProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  }
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new WorkerProblem(400, "BAD_JSON", "The body is not valid JSON.");
  }
}

function tooLarge() {
  return new WorkerProblem(413, "BODY_TOO_LARGE", `The body is over ${MAX_BODY_BYTES} bytes.`);
}

function batchOf(body, config) {
  const invalid = (field, message) =>
    new WorkerProblem(400, "VALIDATION_ERROR", message, { errors: { [field]: [message] } });
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw invalid("", "The body must be an object { workspace?, source, ids, withDetails? }.");
  }
  const unknown = Object.keys(body).find((k) => !["workspace", "source", "ids", "withDetails"].includes(k));
  if (unknown !== undefined) throw invalid(unknown, `Unknown field '${unknown}'.`);
  if (body.workspace !== undefined && typeof body.workspace !== "string") {
    throw invalid("workspace", "workspace must be a string.");
  }
  if (typeof body.source !== "string" || !body.source) throw invalid("source", "source must be a non-empty string.");
  const { ids } = body;
  if (!Array.isArray(ids) || ids.length === 0) throw invalid("ids", "ids must be a non-empty array of incident ids.");
  if (ids.length > MAX_BATCH_IDS) throw invalid("ids", `At most ${MAX_BATCH_IDS} ids per request (got ${ids.length}).`);
  if (!ids.every((id) => typeof id === "string" && id.length > 0 && id.length <= MAX_ID_LENGTH)) {
    throw invalid("ids", `Every id must be a string of 1 to ${MAX_ID_LENGTH} characters.`);
  }
  if (body.withDetails !== undefined && typeof body.withDetails !== "boolean") {
    throw invalid("withDetails", "withDetails must be true or false.");
  }
  return { workspace: workspaceOf(body.workspace, config), source: body.source, ids, withDetails: body.withDetails };
}
