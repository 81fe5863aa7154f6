// What the worker answers for one incident: a summary (timestamps exactly as the API sent them) and the
// indicators that the package extracts from the entities and alerts.
import { extractIndicators } from "contraforce-incident";

/** `{ workspace, source, incidentId, incident, counts, indicators, skippedIndicators, requestId }`. */
export function summarize({ data, meta }, { workspace, source, incidentId }) {
  const incident = data.incident;
  const details = data.investigationDetails;
  const report = extractIndicators(data);
  return {
    workspace,
    source: data.source ?? incident?.source ?? source,
    incidentId,
    incident: incident && {
      id: incident.id,
      number: incident.number,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      classification: incident.classification,
      assignee: incident.user && {
        id: incident.user.id,
        displayName: incident.user.displayName,
        email: incident.user.email,
      },
      creationTime: incident.creationTime,
      lastModificationTime: incident.lastModificationTime,
      lastActivityTime: incident.lastActivityTime,
      tactics: incident.tactics,
    },
    counts: {
      alerts: incident?.alertsCount ?? details?.alerts.length ?? null,
      entities: incident?.entities.length ?? 0,
      investigationEntities: details ? details.entities.length : null,
      investigationAlerts: details ? details.alerts.length : null,
      comments: details ? details.incidentComment.length : null,
      indicators: report.indicators.length,
      skippedIndicators: report.skipped.length,
    },
    indicators: report.indicators,
    skippedIndicators: report.skipped,
    requestId: meta?.requestId ?? null,
  };
}
