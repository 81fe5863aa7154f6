// A strict TypeScript consumer, type-checked (never run) against the types of the *installed* package. It uses every
// type the package exports (the test checks that none is missing here), and each `@ts-expect-error` line proves a
// mistake is caught: tsc fails on an expect-error line that has no error.
import {
  ContraForceClient,
  decodeIncidentResponse,
  extractIndicators,
  isContraForceError,
  wasmMemoryBytes,
  type ApiProblemDetails,
  type ApiResponseOfContraForceIncident,
  type Classification,
  type ClassificationReason,
  type ContraForceAuth,
  type ContraForceClientOptions,
  type ContraForceError,
  type ContraForceErrorKind,
  type ContraForceIncident,
  type ContraForceRetryOptions,
  type EntityType,
  type GamebookDto,
  type GamebookRunningStatus,
  type GeneralTableDto,
  type GetIncidentOptions,
  type Incident,
  type IncidentCommentDto,
  type IncidentEntity,
  type IncidentGamebooksCatalogDto,
  type IncidentInvestigationDetailsDto,
  type IncidentResponse,
  type IncidentResult,
  type IncidentSource,
  type Indicator,
  type IndicatorKind,
  type IndicatorReport,
  type InvestigationAlertDto,
  type InvestigationEntityDto,
  type JsonValue,
  type PlaybookEntityType,
  type PlaybookGameplanDto,
  type PlaybookRunningStatus,
  type RecommendedGamebookDto,
  type ResponseMeta,
  type Severity,
  type SkippedValue,
  type Status,
  type UserSummary,
} from "contraforce-incident";

// ---- Options ----------------------------------------------------------------------------------------------------

const retry: ContraForceRetryOptions = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
const basic: ContraForceAuth = { clientId: "demo-client", clientSecret: "demo-secret" };
const bearer: ContraForceAuth = { token: "demo-token" };
const dynamic: ContraForceAuth = { getToken: async () => "demo-token" };
const options: ContraForceClientOptions = {
  baseUrl: "http://127.0.0.1:8787/api/v2",
  auth: basic,
  fetch: (input, init) => fetch(input, init),
  timeoutMs: 10_000,
  retry,
  maxResponseBytes: 1 << 20,
};
const noRetry: ContraForceClientOptions = { baseUrl: options.baseUrl, auth: bearer, retry: false };
const request: GetIncidentOptions = {
  workspaceId: "3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b",
  source: "Sentinel",
  incidentId: "INC-1042",
  withDetails: true,
  signal: AbortSignal.timeout(5000),
  rawBody: true,
};

// @ts-expect-error baseUrl is required
new ContraForceClient({ auth: bearer });
// @ts-expect-error a client id without its secret is not an auth
const halfBasic: ContraForceAuth = { clientId: "demo-client" };
// @ts-expect-error timeoutMs is a number
const badTimeout: ContraForceClientOptions = { ...noRetry, timeoutMs: "10s" };
// @ts-expect-error incidentId is required
const noId: GetIncidentOptions = { workspaceId: request.workspaceId, source: "Sentinel" };

// ---- Extensible enums: a known literal and any other string are both accepted -----------------------------------

const sources: IncidentSource[] = ["Sentinel", "SomeFutureSiem"];
const severities: Severity[] = ["High", "Critical"];
const statuses: Status[] = ["Closed", "Reopened"];
const classifications: Classification[] = ["TruePositive", "Maybe"];
const reasons: ClassificationReason[] = ["Phishing", "SomethingNew"];
const entityTypes: EntityType[] = ["Mailbox", "Satellite"];
const gamebookStatuses: GamebookRunningStatus[] = ["Running", "Paused"];
const playbookEntityTypes: PlaybookEntityType[] = ["Endpoint", "Printer"];
const playbookStatuses: PlaybookRunningStatus[] = ["Terminated", "Skipped"];
// @ts-expect-error but not a number
const numericSeverity: Severity = 3;
// @ts-expect-error nor null where the enum itself is meant
const nullSource: IncidentSource = null;

// ---- The model ----------------------------------------------------------------------------------------------------

function describeIncident(incident: Incident): string {
  const number: number | null = incident.number;
  // @ts-expect-error the incident number is a number, never a string
  const asText: string = incident.number;
  const assignee: UserSummary | null = incident.user;
  const entities: IncidentEntity[] = incident.entities;
  const severity: Severity | null = incident.severity;
  const status: Status | null = incident.status;
  const classification: Classification | null = incident.classification;
  const reason: ClassificationReason | null = incident.classificationReason;
  const tactics: string[] = incident.tactics;
  const hosts = entities.filter((e) => e.type === "Device").map((e) => e.hostName ?? e.displayName);
  // @ts-expect-error fields that the model does not have are caught
  incident.assignee;
  return [incident.title, number, assignee?.email, severity, status, classification, reason, tactics, hosts, asText]
    .join(" ");
}

function describeDetails(details: IncidentInvestigationDetailsDto): number {
  const entities: InvestigationEntityDto[] = details.entities;
  const alerts: InvestigationAlertDto[] = details.alerts;
  const comments: IncidentCommentDto[] = details.incidentComment;
  const closing = comments.filter((c) => c.isClosingComment === true);
  const upns = entities.map((e) => e.userUpn).filter((upn): upn is string => upn !== null);
  return alerts.length + closing.length + upns.length + (details.incident ? 1 : 0);
}

function describeEvidence(table: GeneralTableDto): string[] {
  const cells: JsonValue[][] = table.rows;
  return cells.map((row) => row.map((cell) => (cell === null ? "" : JSON.stringify(cell))).join("\t"));
}

function describeGamebook(gamebook: GamebookDto | null): string[] {
  if (gamebook === null) return [];
  const status: GamebookRunningStatus | null = gamebook.status;
  const playbooks: PlaybookGameplanDto[] = gamebook.playbooks;
  return playbooks.map((p) => {
    const playbookStatus: PlaybookRunningStatus | null = p.status;
    const entityType: PlaybookEntityType | null = p.entityType;
    const parameters: { [key: string]: JsonValue } | null = p.parameters;
    const sequence: number | null = p.sequence;
    return `${status} ${sequence}: ${p.name} ${playbookStatus} ${entityType} ${Object.keys(parameters ?? {})}`;
  });
}

function describeCatalog(catalog: IncidentGamebooksCatalogDto): string[] {
  const recommended: RecommendedGamebookDto | null = catalog.recommended;
  return [
    ...describeGamebook(recommended?.aiGamebook ?? null),
    ...describeGamebook(recommended?.serviceProviderGamebook ?? null),
    ...describeGamebook(catalog.lastGamebook),
  ];
}

function describeResponse(response: IncidentResponse): string {
  const envelope: ApiResponseOfContraForceIncident = response;
  const data: ContraForceIncident = envelope.data;
  const meta: ResponseMeta | null = envelope.meta;
  const source: IncidentSource | null = data.source;
  const parts: string[] = [String(meta?.requestId), String(source)];
  if (data.incident !== null) parts.push(describeIncident(data.incident));
  if (data.investigationDetails !== null) parts.push(String(describeDetails(data.investigationDetails)));
  if (data.evidence !== null) parts.push(...describeEvidence(data.evidence));
  if (data.gamebookCatalog !== null) parts.push(...describeCatalog(data.gamebookCatalog));
  parts.push(...describeIndicators(data));
  // @ts-expect-error incident may be null: strict null checks apply to the model
  parts.push(data.incident.title ?? "");
  return parts.join("\n");
}

function describeIndicators(data: ContraForceIncident): string[] {
  const report: IndicatorReport = extractIndicators(data);
  const indicators: Indicator[] = report.indicators;
  const skipped: SkippedValue[] = report.skipped;
  const kinds: IndicatorKind[] = ["ip", "fileHash"];
  // @ts-expect-error IndicatorKind is a closed union, not an extensible one
  const unknownKind: IndicatorKind = "satellite";
  return [
    ...indicators.filter((i) => kinds.includes(i.kind)).map((i) => `${i.kind} ${i.value} ${i.hashAlgorithm ?? ""} ${i.entityIds}`),
    ...skipped.map((s) => `${s.kind} ${s.value}: ${s.reason} (${s.entityId ?? "no entity"})`),
    unknownKind,
  ];
}

// ---- Errors -------------------------------------------------------------------------------------------------------

function describeError(error: unknown): string {
  if (!isContraForceError(error)) return String(error);
  const narrowed: ContraForceError = error;
  const name: "ContraForceError" = narrowed.name;
  const kind: ContraForceErrorKind = narrowed.kind;
  // @ts-expect-error kind is a closed union: a typo is caught
  if (narrowed.kind === "Nope") return "never";
  switch (kind) {
    case "Http":
      return `${name} ${narrowed.status} ${narrowed.code} ${narrowed.requestId} ${narrowed.retryAfterMs ?? ""}`;
    case "Decode":
      return `${narrowed.path} ${narrowed.expected} ${narrowed.found} ${narrowed.line}:${narrowed.column}`;
    case "InvalidArgument":
      return `${narrowed.field}`;
    case "Network":
      return `${narrowed.hint}`;
    case "Timeout":
      return `${narrowed.timeoutMs}`;
    case "TooLarge":
      return `${narrowed.limit}`;
    case "Aborted":
      return `${narrowed.attempts}`;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function problemOf(error: ContraForceError): ApiProblemDetails {
  // @ts-expect-error status is optional on the error: undefined is not assignable to `number | null`
  const status: number | null = error.status;
  return {
    type: error.type ?? null,
    title: error.title ?? null,
    status,
    detail: error.detail ?? null,
    instance: error.instance ?? null,
    code: error.code ?? null,
    requestId: error.requestId ?? null,
    timestamp: error.timestamp ?? null,
    target: error.target ?? null,
    errors: error.errors ?? null,
  };
}

// ---- Calls --------------------------------------------------------------------------------------------------------

export async function main(body: string): Promise<string[]> {
  const client = new ContraForceClient(options);
  const out: string[] = [client.toString(), String(wasmMemoryBytes())];
  try {
    const result: IncidentResult = await client.getIncident(request);
    const raw: string | undefined = result.rawBody;
    out.push(describeResponse(result), raw ?? "");
    out.push(describeResponse(decodeIncidentResponse(body)));
    out.push(describeResponse(decodeIncidentResponse(new TextEncoder().encode(body))));
    const parsed: object = JSON.parse(body);
    // @ts-expect-error decodeIncidentResponse takes text or bytes, not a parsed object
    decodeIncidentResponse(parsed);
    // @ts-expect-error getIncident resolves to the envelope, not the incident
    const notTheIncident: Incident = await client.getIncident(request);
    out.push(String(notTheIncident));
  } catch (error) {
    out.push(describeError(error));
    if (isContraForceError(error)) out.push(JSON.stringify(problemOf(error)));
  } finally {
    client.free();
  }
  return out;
}

export const unused = [dynamic, halfBasic, badTimeout, noId, sources, severities, statuses, classifications, reasons,
  entityTypes, gamebookStatuses, playbookEntityTypes, playbookStatuses, numericSeverity, nullSource];
