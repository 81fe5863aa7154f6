// One incident through the Cache API: the summary is cached for CACHE_TTL_SECONDS under a key without credentials.
import { summarize } from "./summary.js";

/** The Cache API key: a URL on the worker's own origin (the zone's cache) with no credential in it. */
export function cacheKey(origin, { workspace, source, incidentId, withDetails }) {
  const path = [workspace.toLowerCase(), source.toLowerCase(), incidentId].map(encodeURIComponent).join("/");
  return new Request(`${origin}/__cache/contraforce-incident/v1/${path}?withDetails=${withDetails ?? "default"}`);
}

/** One incident, through the cache: `{ summary, cache: "HIT" | "MISS" }`. Throws what the client throws. */
export async function lookup({ client, config, origin }, request) {
  const cache = config.cacheTtl > 0 && typeof caches !== "undefined" ? caches.default : null;
  const key = cacheKey(origin, request);
  if (cache) {
    const hit = await cache.match(key).catch(() => undefined);
    if (hit) return { summary: await hit.json(), cache: "HIT" };
  }
  const result = await client.getIncident({
    workspaceId: request.workspace,
    source: request.source,
    incidentId: request.incidentId,
    withDetails: request.withDetails,
  });
  const summary = summarize(result, request);
  if (cache) {
    // Awaited (not waitUntil) so that a lookup right after this one is already a hit; it is a local write.
    const stored = new Response(JSON.stringify(summary), {
      headers: { "Content-Type": "application/json", "Cache-Control": `public, max-age=${config.cacheTtl}` },
    });
    await cache.put(key, stored).catch((error) => console.warn("cache.put failed", String(error)));
  }
  return { summary, cache: "MISS" };
}

