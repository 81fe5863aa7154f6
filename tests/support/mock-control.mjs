// The control API of the local ContraForce API (tests/support/mock-api.mjs), under /__control:
// queue and clear faults, read and clear the request log. Node 20 built-ins only.

import { FaultError, FAULT_FIELDS, SPECIAL_IDS } from "./mock-faults.mjs";
import { JSON_TYPE, clip } from "./mock-bodies.mjs";

export const CONTROL_ENDPOINTS = Object.freeze([
  "GET /__control", "GET /__control/health", "GET /__control/faults", "POST /__control/faults",
  "DELETE /__control/faults", "GET /__control/requests", "DELETE /__control/requests", "POST /__control/reset",
]);

async function readBody(req, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new FaultError(`request body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The handler for /__control requests of one server.
 * @param {{faults: import("./mock-faults.mjs").FaultQueue, requests: object[],
 *   corsHeaders: (req, preflight: boolean) => object, baseUrl: () => string}} server
 */
export function controlHandler({ faults, requests, corsHeaders, baseUrl }) {
  return async function handleControl(req, res, rawPath) {
    const send = (status, doc) => {
      const body = doc === undefined ? "" : `${JSON.stringify(doc, null, 2)}\n`;
      res.writeHead(status, {
        "Cache-Control": "no-store",
        ...corsHeaders(req, req.method === "OPTIONS"),
        ...(body ? { "Content-Type": JSON_TYPE, "Content-Length": String(Buffer.byteLength(body)) } : {}),
      });
      res.end(body);
    };
    if (req.method === "OPTIONS") return send(204);
    const path = rawPath.replace(/\/+$/, "");
    switch (`${req.method} ${path}`) {
      case "GET /__control":
        return send(200, {
          endpoints: CONTROL_ENDPOINTS,
          faultFields: FAULT_FIELDS,
          specialIds: SPECIAL_IDS.map(({ id, example, does }) => ({ id, example, does })),
        });
      case "GET /__control/health":
        return send(200, { ok: true, url: baseUrl() });
      case "GET /__control/faults":
        return send(200, faults.list());
      case "POST /__control/faults": {
        let specs;
        try {
          specs = JSON.parse(await readBody(req, 1 << 20));
        } catch (e) {
          return send(400, { error: e instanceof FaultError ? e.message : `the body is not JSON: ${e.message}` });
        }
        try {
          return send(200, { queued: faults.add(specs), pending: faults.size });
        } catch (e) {
          if (e instanceof FaultError) return send(400, { error: e.message });
          throw e;
        }
      }
      case "DELETE /__control/faults":
        return send(200, { cleared: faults.clear() });
      case "GET /__control/requests":
        return send(200, requests);
      case "DELETE /__control/requests":
        return send(200, { cleared: requests.splice(0).length });
      case "POST /__control/reset":
        return send(200, { clearedFaults: faults.clear(), clearedRequests: requests.splice(0).length });
      default:
        return send(404, { error: `no control endpoint ${req.method} ${clip(path)}`, endpoints: CONTROL_ENDPOINTS });
    }
  };
}
