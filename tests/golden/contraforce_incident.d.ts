/* tslint:disable */
/* eslint-disable */

/** Any JSON value, as `JSON.parse` gives it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };



/** How the client authenticates. Never ship a client secret in browser code: give browsers a short-lived token. */
export type ContraForceAuth =
| { clientId: string; clientSecret: string }
| { token: string }
| { getToken: () => string | Promise<string> };

/** Retry policy for network failures, timeouts and 408/429/500/502/503/504. */
export interface ContraForceRetryOptions {
    /** Retries after the first attempt (default 3). */
    maxRetries?: number;
    /** First backoff step in ms (default 500); doubles per retry, with full jitter. */
    baseDelayMs?: number;
    /** Longest backoff in ms (default 10000). */
    maxDelayMs?: number;
    /** A `Retry-After` longer than this (ms, default 60000) stops retrying; the error carries `retryAfterMs`. */
    maxRetryAfterMs?: number;
}

export interface ContraForceClientOptions {
    /** The API base, e.g. `https://portal.contraforce.com/api/v2`. `https:` unless the host is loopback. */
    baseUrl: string;
    auth: ContraForceAuth;
    /** A `fetch` to use instead of the global one; called as a plain function. */
    fetch?: (input: string, init: RequestInit) => Promise<Response>;
    /** Per attempt, default 30000. */
    timeoutMs?: number;
    /** `false` disables retries. */
    retry?: ContraForceRetryOptions | false;
    /** Larger bodies fail with kind `TooLarge` (default 64 MiB). */
    maxResponseBytes?: number;
}

export interface GetIncidentOptions {
    /** Workspace GUID. */
    workspaceId: string;
    /** One of the six sources, any letter case. */
    source: IncidentSource;
    /** Incident id (any string; sent percent-encoded). */
    incidentId: string;
    /** Sends `?withDetails=true|false` when given. */
    withDetails?: boolean;
    /** Aborts the request in flight and any backoff wait. */
    signal?: AbortSignal;
    /** Also return the body as text, so fields this version does not model are not lost. */
    rawBody?: boolean;
}

/** What `getIncident` resolves to. */
export interface IncidentResult extends IncidentResponse {
    /** The body as received, when `rawBody: true` was asked. */
    rawBody?: string;
}



/** What `decodeIncidentResponse` and `getIncident` return: the success envelope. */
export type IncidentResponse = ApiResponseOfContraForceIncident;



/** What went wrong, as a stable machine code. */
export type ContraForceErrorKind = "InvalidArgument" | "Network" | "Timeout" | "Aborted" | "Http" | "Decode" | "TooLarge";

/**
 * The one error this package throws: a real `Error` with `name === "ContraForceError"`.
 * Test for it with `isContraForceError(e)`, then switch on `kind` (and on `code` for `Http`).
 * Properties that do not apply are absent. No credential ever appears in it.
 */
export interface ContraForceError extends Error {
    name: "ContraForceError";
    kind: ContraForceErrorKind;
    /** HTTP status from the status line (`Http`). */
    status?: number;
    /** The API's stable error code, e.g. `NOT_FOUND`, `VALIDATION_ERROR` (`Http`). */
    code?: string;
    /** Problem title (`Http`). */
    title?: string;
    /** Problem detail, or the older envelope's message (`Http`). */
    detail?: string;
    /** The server's request id: quote it to the vendor's support (`Http`). */
    requestId?: string;
    /** The parameter the API error is about (`Http`). */
    target?: string;
    /** Problem instance (`Http`). */
    instance?: string;
    /** Problem timestamp, as sent (`Http`). */
    timestamp?: string;
    /** Problem type (`Http`). */
    type?: string;
    /** Field-keyed validation errors; the key `""` holds object-level errors (`Http`). */
    errors?: Record<string, string[]>;
    /** Response content type (`Http`). */
    contentType?: string;
    /** The start of a body that was not a problem document, at most 200 characters (`Http`). */
    snippet?: string;
    /** How long the server asked to wait, in milliseconds (`Http` 429/503 with `Retry-After`). */
    retryAfterMs?: number;
    /** JSON path of the bad value, e.g. `data.incident.entities[2].type`; `""` for the whole body (`Decode`). */
    path?: string;
    /** What the contract expects at `path` (`Decode`). */
    expected?: string;
    /** What the body holds at `path` (`Decode`). */
    found?: string;
    /** 1-based line and column in the body (`Decode`). */
    line?: number;
    column?: number;
    /** The option or parameter refused (`InvalidArgument`). */
    field?: string;
    /** What to check (`Network`). */
    hint?: string;
    /** Timeout per attempt in milliseconds (`Timeout`). */
    timeoutMs?: number;
    /** Size limit in bytes (`TooLarge`). */
    limit?: number;
    /** How many requests were sent (`Network`, `Timeout`, `Aborted`, `Http`, `TooLarge`, `Decode` from `getIncident`). */
    attempts?: number;
}


/**
 * A comment on the incident (`IncidentCommentDto`).
 */
export interface IncidentCommentDto {
    /**
     * Comment id.
     */
    id: string | null;
    /**
     * Text.
     */
    message: string | null;
    /**
     * When it was written, as sent.
     */
    createdTime: string | null;
    /**
     * Author's e-mail.
     */
    authorEmail: string | null;
    /**
     * Author's name.
     */
    authorName: string | null;
    /**
     * A system activity (status change, assignment, ...) rather than a written note.
     */
    isActivityComment: boolean | null;
    /**
     * Written by an AI agent rather than a human analyst.
     */
    isAgentComment: boolean | null;
    /**
     * The agent that wrote it.
     */
    agentName: string | null;
    /**
     * The comment added when the incident was resolved or closed.
     */
    isClosingComment: boolean | null;
    /**
     * Ticket note id in the service ticketing system.
     */
    ticketNoteId: string | null;
    /**
     * Ticket id in the service ticketing system.
     */
    ticketId: string | null;
}

/**
 * A gamebook: an ordered set of playbooks run against the incident's entities (`GamebookDto`).
 */
export interface GamebookDto {
    /**
     * Gamebook id.
     */
    id: string | null;
    /**
     * Tracing id.
     */
    tracingId: string | null;
    /**
     * Incident id.
     */
    incidentId: string | null;
    /**
     * Source system of the incident.
     */
    source: IncidentSource | null;
    /**
     * Incident title.
     */
    incidentTitle: string | null;
    /**
     * Incident number (sent as a number or a string of digits).
     */
    incidentNumber: number | null;
    /**
     * OCR flag.
     */
    isOcr: boolean | null;
    /**
     * Recover flag.
     */
    isRecover: boolean | null;
    /**
     * The user who triggered the run (the API spells it `triggedByUserId`).
     */
    triggedByUserId: string | null;
    /**
     * Display name.
     */
    displayName: string | null;
    /**
     * Last modification, as sent.
     */
    modificationDate: string | null;
    /**
     * Creation, as sent.
     */
    creationDate: string | null;
    /**
     * Run status.
     */
    status: GamebookRunningStatus | null;
    /**
     * Title.
     */
    title: string | null;
    /**
     * Whether an admin must approve.
     */
    isAdminRequired: boolean | null;
    /**
     * Workspace id.
     */
    workspaceId: string | null;
    /**
     * Workspace name.
     */
    workspaceName: string | null;
    /**
     * Tenant id.
     */
    tenantId: string | null;
    /**
     * Whether it ran automatically.
     */
    isAutoRun: boolean | null;
    /**
     * For a retry: the id of the gamebook retried.
     */
    originalGamebookId: string | null;
    /**
     * For a retry: the title of the gamebook retried.
     */
    originalGamebookTitle: string | null;
    /**
     * Whether this is a retry of a failed gamebook.
     */
    isRetryGamebook: boolean | null;
    /**
     * Queued by a service provider, not started yet.
     */
    isQueued: boolean | null;
    /**
     * The playbooks, in order.
     */
    playbooks: PlaybookGameplanDto[];
    /**
     * Summary.
     */
    summary: string | null;
}

/**
 * A light reference to a user (`UserSummary`).
 */
export interface UserSummary {
    /**
     * User id.
     */
    id: string | null;
    /**
     * Display name.
     */
    displayName: string | null;
    /**
     * E-mail address.
     */
    email: string | null;
}

/**
 * A table (`GeneralTableDto`): the evidence of the incident.
 */
export interface GeneralTableDto {
    /**
     * Column names.
     */
    columns: string[];
    /**
     * Rows; each cell is any JSON value, as sent.
     */
    rows: JsonValue[][];
}

/**
 * A value that was present but unusable.
 */
export interface SkippedValue {
    /**
     * The kind the value was read as.
     */
    kind: IndicatorKind;
    /**
     * The value as sent, trimmed, cut to its first 200 characters.
     */
    value: string;
    /**
     * Why it was skipped, for people.
     */
    reason: string;
    /**
     * The entity it came from, when it has an id.
     */
    entityId: string | null;
}

/**
 * An alert of the incident (`InvestigationAlertDto`).
 */
export interface InvestigationAlertDto {
    /**
     * Alert id.
     */
    id: string | null;
    /**
     * Kind.
     */
    kind: string | null;
    /**
     * Display name.
     */
    displayName: string | null;
    /**
     * Alert name.
     */
    alertName: string | null;
    /**
     * Vendor.
     */
    vendorName: string | null;
    /**
     * Type.
     */
    type: string | null;
    /**
     * Description.
     */
    description: string | null;
    /**
     * When the alert was generated, as sent.
     */
    timeGenerated: string | null;
    /**
     * MITRE ATT&CK tactics.
     */
    tactics: string[];
    /**
     * Severity (free text in the spec).
     */
    severity: string | null;
    /**
     * Product that raised it.
     */
    productName: string | null;
    /**
     * Device id.
     */
    deviceId: string | null;
}

/**
 * An entity of an incident, unified across sources (`IncidentEntity`).
 */
export interface IncidentEntity {
    /**
     * Entity id.
     */
    id: string | null;
    /**
     * Entity type.
     */
    type: EntityType | null;
    /**
     * Source-specific kind.
     */
    kind: string | null;
    /**
     * Display name.
     */
    displayName: string | null;
    /**
     * Friendly name.
     */
    friendlyName: string | null;
    /**
     * File name.
     */
    fileName: string | null;
    /**
     * Host name.
     */
    hostName: string | null;
    /**
     * Related account entity id.
     */
    accountEntityId: string | null;
    /**
     * Device id.
     */
    deviceId: string | null;
    /**
     * Azure device id.
     */
    deviceAzureId: string | null;
    /**
     * Defender ATP device id.
     */
    defenderAtpDeviceId: string | null;
    /**
     * Defender for Endpoint device id.
     */
    defenderEndpointDeviceId: string | null;
    /**
     * Network message id of an e-mail.
     */
    networkMessageId: string | null;
    /**
     * Algorithm of `fileHash`.
     */
    hashAlgorithm: string | null;
    /**
     * Entra ID (AAD) user id.
     */
    aadUserId: string | null;
    /**
     * E-mail address.
     */
    emailAddress: string | null;
    /**
     * User principal name.
     */
    userPrincipalName: string | null;
    /**
     * IP address.
     */
    ipAddress: string | null;
    /**
     * File hash.
     */
    fileHash: string | null;
    /**
     * E-mail id.
     */
    emailId: string | null;
    /**
     * E-mail subject.
     */
    emailSubject: string | null;
}

/**
 * An entity of the investigation graph (`InvestigationEntityDto`).
 */
export interface InvestigationEntityDto {
    /**
     * Entity id.
     */
    id: string | null;
    /**
     * Display name.
     */
    displayName: string | null;
    /**
     * File name.
     */
    fileName: string | null;
    /**
     * File hash.
     */
    fileHash: string | null;
    /**
     * Entity type.
     */
    type: EntityType | null;
    /**
     * Friendly name.
     */
    friendlyName: string | null;
    /**
     * Host name.
     */
    hostName: string | null;
    /**
     * Source-specific kind.
     */
    kind: string | null;
    /**
     * Related account entity id.
     */
    accountEntityId: string | null;
    /**
     * Network message id of an e-mail.
     */
    networkMessageId: string | null;
    /**
     * Command line of a process.
     */
    commandLine: string | null;
    /**
     * User principal name.
     */
    userUpn: string | null;
    /**
     * Device id.
     */
    deviceId: string | null;
    /**
     * Entra ID (AAD) user id.
     */
    aadUserId: string | null;
    /**
     * The family of playbooks that apply to the entity.
     */
    entityType: PlaybookEntityType | null;
    /**
     * Whether the user is an Entra ID user (else a local user).
     */
    isValidEntraIdUser: boolean | null;
    /**
     * Whether the device is Entra ID joined (else a local device).
     */
    isValidEntraIdDevice: boolean | null;
}

/**
 * An incident from any source, with its details (`ContraForceIncident`).
 */
export interface ContraForceIncident {
    /**
     * Where the incident comes from.
     */
    source: IncidentSource | null;
    /**
     * The incident itself.
     */
    incident: Incident | null;
    /**
     * Entities, alerts and comments (with `withDetails`).
     */
    investigationDetails: IncidentInvestigationDetailsDto | null;
    /**
     * Evidence as a table (with `withDetails`).
     */
    evidence: GeneralTableDto | null;
    /**
     * The recommended and the last run gamebooks.
     */
    gamebookCatalog: IncidentGamebooksCatalogDto | null;
}

/**
 * Entities, alerts, the incident and its comments (`IncidentInvestigationDetailsDto`).
 */
export interface IncidentInvestigationDetailsDto {
    /**
     * Entities of the investigation graph.
     */
    entities: InvestigationEntityDto[];
    /**
     * Alerts of the incident.
     */
    alerts: InvestigationAlertDto[];
    /**
     * The incident, as the investigation sees it.
     */
    incident: Incident | null;
    /**
     * Comments, oldest first as sent.
     */
    incidentComment: IncidentCommentDto[];
}

/**
 * One observable, with where it was seen.
 */
export interface Indicator {
    /**
     * What it is.
     */
    kind: IndicatorKind;
    /**
     * The canonical value (see [`IndicatorKind`]).
     */
    value: string;
    /**
     * For a `fileHash`, its algorithm; otherwise `null`.
     */
    hashAlgorithm: "MD5" | "SHA1" | "SHA256" | null;
    /**
     * What the entity says about it, when that adds to the value: the subject of a mail message, the file name of
     * a hash, the display name of the entity otherwise. The first one found wins.
     */
    context: string | null;
    /**
     * Ids of the entities it came from, as sent, in first-seen order, without repeats.
     */
    entityIds: string[];
    /**
     * Ids of the alerts linked to it, in the order of the alerts, without repeats.
     */
    alertIds: string[];
}

/**
 * One playbook of a gamebook, against one entity (`PlaybookGameplanDto`).
 */
export interface PlaybookGameplanDto {
    /**
     * Playbook run id.
     */
    id: string | null;
    /**
     * Playbook id + entity id.
     */
    referenceId: string | null;
    /**
     * The entity it acts on.
     */
    entityId: string | null;
    /**
     * Name.
     */
    name: string | null;
    /**
     * Description.
     */
    description: string | null;
    /**
     * The family of entity it acts on.
     */
    entityType: PlaybookEntityType | null;
    /**
     * The entity, as shown.
     */
    affectedEntity: string | null;
    /**
     * Whether it is recommended.
     */
    isRecommended: boolean | null;
    /**
     * Run status.
     */
    status: PlaybookRunningStatus | null;
    /**
     * Why it failed.
     */
    errorMessage: string | null;
    /**
     * Position in the gamebook (sent as a number or a string of digits).
     */
    sequence: number | null;
    /**
     * Last modification, as sent.
     */
    modificationDate: string | null;
    /**
     * Start, as sent.
     */
    startingDate: string | null;
    /**
     * End, as sent.
     */
    finishingDate: string | null;
    /**
     * Total execution time, as sent.
     */
    executionTime: string | null;
    /**
     * Tracing id.
     */
    tracingId: string | null;
    /**
     * Parameters of a configurable playbook (free-form).
     */
    parameters: { [key: string]: JsonValue } | null;
    /**
     * Whether an admin must approve.
     */
    isAdminRequired: boolean | null;
}

/**
 * RFC 7807 problem details with the API's extensions (`ApiProblemDetails`). Switch on `code`, which is stable.
 */
export interface ApiProblemDetails {
    /**
     * Problem type URI.
     */
    type: string | null;
    /**
     * Short summary; may be reworded by the vendor.
     */
    title: string | null;
    /**
     * Status (sent as a number or a string of digits).
     */
    status: number | null;
    /**
     * Explanation of this occurrence.
     */
    detail: string | null;
    /**
     * URI of this occurrence.
     */
    instance: string | null;
    /**
     * The API's stable error code.
     */
    code: string | null;
    /**
     * The server's request id.
     */
    requestId: string | null;
    /**
     * Server time, as sent.
     */
    timestamp: string | null;
    /**
     * The parameter at fault.
     */
    target: string | null;
    /**
     * Field-keyed validation errors; the empty key holds object-level errors.
     */
    errors: Record<string, string[]> | null;
}

/**
 * The base information of an incident (`Incident`). Timestamps are the strings the server sent: the spec says
 * they are in "the user's local time" and some carry no offset, so they are never reinterpreted.
 */
export interface Incident {
    /**
     * Incident id at the source.
     */
    id: string | null;
    /**
     * Internal name.
     */
    name: string | null;
    /**
     * Title shown to analysts.
     */
    title: string | null;
    /**
     * Description.
     */
    description: string | null;
    /**
     * Incident number (sent as a number or a string of digits).
     */
    number: number | null;
    /**
     * Incident type.
     */
    type: string | null;
    /**
     * Where the incident comes from.
     */
    source: IncidentSource | null;
    /**
     * Display name of the source.
     */
    sourceDisplayName: string | null;
    /**
     * Last modification, as sent.
     */
    lastModificationTime: string | null;
    /**
     * Creation, as sent.
     */
    creationTime: string | null;
    /**
     * Last activity, as sent.
     */
    lastActivityTime: string | null;
    /**
     * Severity.
     */
    severity: Severity | null;
    /**
     * Classification, once closed.
     */
    classification: Classification | null;
    /**
     * Comment.
     */
    comment: string | null;
    /**
     * Why it was classified so.
     */
    classificationReason: ClassificationReason | null;
    /**
     * Analyst's classification comment.
     */
    classificationComment: string | null;
    /**
     * MITRE ATT&CK tactics.
     */
    tactics: string[];
    /**
     * Ids of the related rules.
     */
    ruleIds: string[];
    /**
     * Products that raised the alerts.
     */
    alertProductNames: string[];
    /**
     * The assignee.
     */
    user: UserSummary | null;
    /**
     * Whether someone is assigned.
     */
    isAssigned: boolean | null;
    /**
     * Product id.
     */
    productId: string | null;
    /**
     * Status.
     */
    status: Status | null;
    /**
     * Number of alerts (sent as a number or a string of digits).
     */
    alertsCount: number | null;
    /**
     * Entities of the incident.
     */
    entities: IncidentEntity[];
    /**
     * Name of the workspace in the customer tenant.
     */
    workspaceName: string | null;
    /**
     * Id of the workspace in the customer tenant.
     */
    workspaceId: string | null;
    /**
     * Whether the incident originally comes from Microsoft Defender XDR.
     */
    isDefenderXDRSourced: boolean | null;
}

/**
 * The kind of an observable.
 */
export type IndicatorKind = "ip" | "domain" | "url" | "fileHash" | "account" | "host" | "mailbox" | "mailMessage";

/**
 * The recommended gamebooks (`RecommendedGamebookDto`).
 */
export interface RecommendedGamebookDto {
    /**
     * Recommended by ContraForce.
     */
    aiGamebook: GamebookDto | null;
    /**
     * Recommended by the service provider.
     */
    serviceProviderGamebook: GamebookDto | null;
}

/**
 * The recommended gamebooks and the last run (`IncidentGamebooksCatalogDto`).
 */
export interface IncidentGamebooksCatalogDto {
    /**
     * Gamebooks recommended by ContraForce and by the service provider.
     */
    recommended: RecommendedGamebookDto | null;
    /**
     * The last gamebook run on the incident.
     */
    lastGamebook: GamebookDto | null;
    /**
     * Whether the last run is available.
     */
    isPreviousRunAvailable: boolean | null;
    /**
     * Whether a recommended gamebook is available.
     */
    isRecommendedAvailable: boolean | null;
    /**
     * Whether ContraForce recommends a gamebook.
     */
    aiRecommendedAvailable: boolean | null;
    /**
     * Whether the service provider recommends a gamebook.
     */
    serviceProviderRecommendedAvailable: boolean | null;
}

/**
 * The success envelope (`ApiResponseOfContraForceIncident`): `{ data, meta }`. `data` is required: a body
 * without it is not an incident response.
 */
export interface ApiResponseOfContraForceIncident {
    /**
     * The incident with everything the request asked for.
     */
    data: ContraForceIncident;
    /**
     * Request id and server time.
     */
    meta: ResponseMeta | null;
}

/**
 * What [`extract_indicators`] returns.
 */
export interface IndicatorReport {
    /**
     * The observables, in first-seen order, one per kind and canonical value.
     */
    indicators: Indicator[];
    /**
     * Values that were present but unusable, in first-seen order; the same value of the same entity once.
     */
    skipped: SkippedValue[];
}

/**
 * `meta` of the envelope.
 */
export interface ResponseMeta {
    /**
     * The server's id for this request; quote it to the vendor's support.
     */
    requestId: string | null;
    /**
     * Server time of the response, as sent.
     */
    timestamp: string | null;
}

/** Known values of `ClassificationReason`; the server may send others, kept verbatim. */
export type ClassificationReason = "InaccurateData" | "IncorrectAlertLogic" | "SuspiciousActivity" | "SuspiciousButExpected" | "Unknown" | "Apt" | "Malware" | "SecurityPersonnel" | "SecurityTesting" | "UnwantedSoftware" | "Other" | "MultistagedAttack" | "CompromisedUser" | "Phishing" | "MaliciousUserActivity" | "NotMalicious" | "NoEnoughDataToValidate" | "ConfirmedUserActivity" | "LineOfBusinessApplication" | (string & {});

/** Known values of `Classification`; the server may send others, kept verbatim. */
export type Classification = "BenignPositive" | "FalsePositive" | "TruePositive" | "Undetermined" | "InformationalExpectedActivity" | "Unknown" | "NonIssue" | "PolicyViolation" | "QradarFalsePositive" | "Undefined" | "Suspicious" | (string & {});

/** Known values of `EntityType`; the server may send others, kept verbatim. */
export type EntityType = "User" | "IP" | "File" | "Process" | "Device" | "Malware" | "CloudApplication" | "DomainName" | "AzureResource" | "FileHash" | "RegistryKey" | "RegistryValue" | "SecurityGroup" | "URL" | "IoTDevice" | "Mailbox" | "MailCluster" | "MailMessage" | "Submission" | "SentinelEntities" | "DnsResolution" | "Registry" | "OAuthApplication" | "AmazonResource" | "BlobContainer" | "Blob" | "Container" | "ContainerRegistry" | "ContainerImage" | "GoogleCloudResource" | "KubernetesCluster" | "KubernetesController" | "KubernetesNamespace" | "KubernetesPod" | "KubernetesService" | "KubernetesSecret" | "KubernetesServiceAccount" | "AnalyzedMessage" | "DNS" | "Unknown" | (string & {});

/** Known values of `GamebookRunningStatus`; the server may send others, kept verbatim. */
export type GamebookRunningStatus = "Pending" | "Running" | "Finished" | "Failed" | "Queued" | "Denied" | "Cancelled" | (string & {});

/** Known values of `IncidentSource`; the server may send others, kept verbatim. */
export type IncidentSource = "Sentinel" | "DefenderXDR" | "QRadar" | "Splunk" | "CrowdStrike" | "SentinelOne" | (string & {});

/** Known values of `PlaybookEntityType`; the server may send others, kept verbatim. */
export type PlaybookEntityType = "User" | "Endpoint" | "General" | "Network" | "Email" | (string & {});

/** Known values of `PlaybookRunningStatus`; the server may send others, kept verbatim. */
export type PlaybookRunningStatus = "Pending" | "Running" | "Finished" | "Failed" | "Terminated" | (string & {});

/** Known values of `Severity`; the server may send others, kept verbatim. */
export type Severity = "Informational" | "Low" | "Medium" | "High" | (string & {});

/** Known values of `Status`; the server may send others, kept verbatim. */
export type Status = "Active" | "New" | "Closed" | (string & {});


/**
 * The ContraForce **Get incident by id** client. Holds its credentials in wasm memory only.
 */
export class ContraForceClient {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Fetches one incident. Rejects with a `ContraForceError`; an invalid argument rejects before any request.
     */
    getIncident(options: GetIncidentOptions): Promise<IncidentResult>;
    /**
     * Validates the options; throws a `ContraForceError` of kind `InvalidArgument` naming the bad one.
     */
    constructor(options: ContraForceClientOptions);
    /**
     * `"ContraForceClient(<base url>)"`: no credential.
     */
    toString(): string;
}

/**
 * Decodes a **Get incident by id** success body that you fetched yourself.
 *
 * Same rules and result as `getIncident`: plain objects, `null` for absent values, `[]` for absent arrays,
 * numbers for `[integer, string]` fields, unknown enum values kept. Throws a `ContraForceError` of kind
 * `Decode` with the JSON `path` of the first bad value.
 */
export function decodeIncidentResponse(input: string | Uint8Array | ArrayBuffer): IncidentResponse;

/**
 * The de-duplicated observables of an incident: IP addresses, domains, URLs, file hashes, accounts, hosts,
 * mailboxes and mail messages, validated and in canonical form, each with the entity and alert ids it came from.
 *
 * Pass the `data` of what `getIncident` or `decodeIncidentResponse` returns. Unusable values (an `ipAddress` of
 * `"n/a"`, a 63-character hash) are listed in `skipped`, never thrown. Throws a `ContraForceError` of kind
 * `InvalidArgument` (field `incident`) only when `incident` is not an incident object.
 *
 * ```js
 * const { data } = decodeIncidentResponse(body);
 * for (const { kind, value, entityIds } of extractIndicators(data).indicators) console.log(kind, value, entityIds);
 * ```
 */
export function extractIndicators(incident: ContraForceIncident): IndicatorReport;

/**
 * Whether `e` is an error thrown by this package. Checks the `name`, so it works across realms and bundles.
 */
export function isContraForceError(e: unknown): e is ContraForceError;

/**
 * Bytes of wasm linear memory in use by this package (it grows, never shrinks): for memory budgets and leak checks.
 */
export function wasmMemoryBytes(): number;

export type InitInput = string | ArrayBuffer | ArrayBufferView | object;

export interface InitOutput {
    readonly memory: object;
    readonly __wbg_contraforceclient_free: (a: number, b: number) => void;
    readonly contraforceclient_getIncident: (a: number, b: any) => any;
    readonly contraforceclient_new: (a: any) => [number, number, number];
    readonly contraforceclient_toString: (a: number) => [number, number];
    readonly decodeIncidentResponse: (a: any) => [number, number, number];
    readonly extractIndicators: (a: any) => [number, number, number];
    readonly isContraForceError: (a: any) => number;
    readonly wasmMemoryBytes: () => number;
    readonly wasm_bindgen__convert__closures_____invoke__h697259bcbfacc258: (a: number, b: number, c: any, d: any) => void;
    readonly wasm_bindgen__convert__closures_____invoke__ha11761071df2d9af: (a: number, b: number, c: any) => [number, number];
    readonly wasm_bindgen__convert__closures_____invoke__h7f08aceef4cf84b3: (a: number, b: number, c: any) => void;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: object;
    readonly __wbindgen_destroy_closure: (a: number, b: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = ArrayBuffer | ArrayBufferView | object;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
