// The one scenario every consumer project runs, whatever its runtime or bundler: import the package by its name (no
// init step), decode a fixture, fetch an incident from the local API, and catch both kinds of error a user meets
// first. Returns plain JSON, which the test compares with the fixture.
import { ContraForceClient, decodeIncidentResponse, isContraForceError } from "contraforce-incident";

/**
 * @param {{ apiUrl: string, auth: object, workspaceId: string, source: string, incidentId: string,
 *           missingIncidentId: string, fixtureText: string }} config
 */
export async function runScenario(config) {
  const decoded = decodeIncidentResponse(config.fixtureText);
  const client = new ContraForceClient({ baseUrl: config.apiUrl, auth: config.auth, retry: false, timeoutMs: 20000 });
  try {
    const ids = { workspaceId: config.workspaceId, source: config.source };
    const fetched = await client.getIncident({ ...ids, incidentId: config.incidentId, withDetails: true });
    const notFound = await caught(() => client.getIncident({ ...ids, incidentId: config.missingIncidentId }));
    const decodeError = await caught(() => decodeIncidentResponse('{"data":{"incident":{"number":"twelve"}}}'));
    return {
      decoded: summarize(decoded),
      fetched: summarize(fetched),
      notFound,
      decodeError,
      notAnError: isContraForceError(new Error("plain")),
      client: String(client),
    };
  } finally {
    client.free();
  }
}

function summarize({ data, meta }) {
  const { incident } = data;
  const details = data.investigationDetails;
  return {
    requestId: meta?.requestId ?? null,
    source: data.source,
    id: incident.id,
    title: incident.title,
    number: incident.number,
    severity: incident.severity,
    status: incident.status,
    creationTime: incident.creationTime,
    entityTypes: incident.entities.map((entity) => entity.type),
    alertCount: details ? details.alerts.length : null,
    commentCount: details ? details.incidentComment.length : null,
    evidenceColumns: data.evidence ? data.evidence.columns : null,
    plainObjects: [data, incident, ...incident.entities].every((o) => Object.getPrototypeOf(o) === Object.prototype),
  };
}

async function caught(action) {
  try {
    await action();
  } catch (error) {
    return {
      isContraForceError: isContraForceError(error),
      isError: error instanceof Error,
      name: error.name,
      kind: error.kind,
      status: error.status ?? null,
      code: error.code ?? null,
      path: error.path ?? null,
      hasRequestId: typeof error.requestId === "string" && error.requestId.length > 0,
    };
  }
  return { thrown: false };
}
