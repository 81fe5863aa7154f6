// The peer the benchmark compares against: a zod v4 schema of the whole "Get incident by id" response, written the
// way a careful user would, with the same normalisation as the package's decoder:
// - int-or-string fields (number, alertsCount, incidentNumber, sequence) accept a JSON integer or a string of digits
//   matching the contract's pattern, both within int32, and come out as numbers;
// - an absent or null scalar or object comes out as null, an absent or null array as [];
// - enums the server may extend stay plain strings (unknown values are kept verbatim, so the runtime check is a
//   string check; a TypeScript user would narrow the type, which costs nothing at run time);
// - timestamps stay as sent; free-form values (evidence cells, playbook parameters) stay plain JSON;
// - unknown properties are dropped (z.object strips by default).
import { z } from "zod";

/** The contract's pattern for integers sent as strings. */
export const INT_PATTERN = /^-?(?:0|[1-9]\d*)$/;

const str = z.string().nullable().default(null);
const bool = z.boolean().nullable().default(null);
const extensibleEnum = str;
const timestamp = str;
const intOrString = z
  .union([z.int32(), z.string().regex(INT_PATTERN).transform(Number).pipe(z.int32())])
  .nullable()
  .default(null);
const list = (item) => z.array(item).nullish().transform((v) => v ?? []);
const nullableObject = (shape) => z.object(shape).nullable().default(null);

const userSummary = nullableObject({ id: str, displayName: str, email: str });

const incidentEntity = z.object({
  id: str,
  type: extensibleEnum,
  kind: str,
  displayName: str,
  friendlyName: str,
  fileName: str,
  hostName: str,
  accountEntityId: str,
  deviceId: str,
  deviceAzureId: str,
  defenderAtpDeviceId: str,
  defenderEndpointDeviceId: str,
  networkMessageId: str,
  hashAlgorithm: str,
  aadUserId: str,
  emailAddress: str,
  userPrincipalName: str,
  ipAddress: str,
  fileHash: str,
  emailId: str,
  emailSubject: str,
});

const incidentShape = {
  id: str,
  name: str,
  title: str,
  description: str,
  number: intOrString,
  type: str,
  source: extensibleEnum,
  sourceDisplayName: str,
  lastModificationTime: timestamp,
  creationTime: timestamp,
  lastActivityTime: timestamp,
  severity: extensibleEnum,
  classification: extensibleEnum,
  comment: str,
  classificationReason: extensibleEnum,
  classificationComment: str,
  tactics: list(z.string()),
  ruleIds: list(z.string()),
  alertProductNames: list(z.string()),
  user: userSummary,
  isAssigned: bool,
  productId: str,
  status: extensibleEnum,
  alertsCount: intOrString,
  entities: list(incidentEntity),
  workspaceName: str,
  workspaceId: str,
  isDefenderXDRSourced: bool,
};

const investigationEntity = z.object({
  id: str,
  displayName: str,
  fileName: str,
  fileHash: str,
  type: extensibleEnum,
  friendlyName: str,
  hostName: str,
  kind: str,
  accountEntityId: str,
  networkMessageId: str,
  commandLine: str,
  userUpn: str,
  deviceId: str,
  aadUserId: str,
  entityType: extensibleEnum,
  isValidEntraIdUser: bool,
  isValidEntraIdDevice: bool,
});

const investigationAlert = z.object({
  id: str,
  kind: str,
  displayName: str,
  alertName: str,
  vendorName: str,
  type: str,
  description: str,
  timeGenerated: timestamp,
  tactics: list(z.string()),
  severity: str,
  productName: str,
  deviceId: str,
});

const incidentComment = z.object({
  id: str,
  message: str,
  createdTime: timestamp,
  authorEmail: str,
  authorName: str,
  isActivityComment: bool,
  isAgentComment: bool,
  agentName: str,
  isClosingComment: bool,
  ticketNoteId: str,
  ticketId: str,
});

const playbook = z.object({
  id: str,
  referenceId: str,
  entityId: str,
  name: str,
  description: str,
  entityType: extensibleEnum,
  affectedEntity: str,
  isRecommended: bool,
  status: extensibleEnum,
  errorMessage: str,
  sequence: intOrString,
  modificationDate: timestamp,
  startingDate: timestamp,
  finishingDate: timestamp,
  executionTime: str,
  tracingId: str,
  parameters: z.record(z.string(), z.unknown()).nullable().default(null),
  isAdminRequired: bool,
});

const gamebook = nullableObject({
  id: str,
  tracingId: str,
  incidentId: str,
  source: extensibleEnum,
  incidentTitle: str,
  incidentNumber: intOrString,
  isOcr: bool,
  isRecover: bool,
  triggedByUserId: str,
  displayName: str,
  modificationDate: timestamp,
  creationDate: timestamp,
  status: extensibleEnum,
  title: str,
  isAdminRequired: bool,
  workspaceId: str,
  workspaceName: str,
  tenantId: str,
  isAutoRun: bool,
  originalGamebookId: str,
  originalGamebookTitle: str,
  isRetryGamebook: bool,
  isQueued: bool,
  playbooks: list(playbook),
  summary: str,
});

const contraForceIncident = nullableObject({
  source: extensibleEnum,
  incident: nullableObject(incidentShape),
  investigationDetails: nullableObject({
    entities: list(investigationEntity),
    alerts: list(investigationAlert),
    incident: nullableObject(incidentShape),
    incidentComment: list(incidentComment),
  }),
  evidence: nullableObject({
    columns: list(z.string()),
    rows: list(z.array(z.unknown())),
  }),
  gamebookCatalog: nullableObject({
    recommended: nullableObject({ aiGamebook: gamebook, serviceProviderGamebook: gamebook }),
    lastGamebook: gamebook,
    isPreviousRunAvailable: bool,
    isRecommendedAvailable: bool,
    aiRecommendedAvailable: bool,
    serviceProviderRecommendedAvailable: bool,
  }),
});

/** The success envelope `{ data, meta }`. */
export const IncidentResponseSchema = z.object({
  data: contraForceIncident,
  meta: nullableObject({ requestId: str, timestamp: str }),
});

const textDecoder = new TextDecoder();

/** What a zod user writes: `schema.parse(await response.json())`, here on the bytes. */
export function decodeWithZod(bytes) {
  return IncidentResponseSchema.parse(JSON.parse(textDecoder.decode(bytes)));
}
