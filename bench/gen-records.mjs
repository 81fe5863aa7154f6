// Generator part 2: one record of each kind of the response (incident, entities, alerts, comments, evidence rows,
// playbooks, gamebooks), as a .NET server would send it. Used by generate.mjs.
import {
  BASE_MS, CLASSIFICATIONS, CLASSIFICATION_REASONS, GAMEBOOK_STATUSES, JP, PLAYBOOK_ENTITY_TYPES, PLAYBOOK_STATUSES,
  PRODUCTS, SEVERITIES, SOURCE_NAMES, STATUSES, TACTICS, commandLine, hostname, ip, msBefore, pad, person, sentence,
  sha256, timestamp,
} from "./gen-strings.mjs";

export function userSummary(rng) {
  const p = person(rng);
  return { id: rng.guid(), displayName: p.name, email: rng.maybe(0.1, p.upn) };
}

export function intOrString(rng, n) {
  return rng.chance(0.3) ? String(n) : n;
}

export function incident(rng, ctx, entities) {
  const source = ctx.source;
  const owner = rng.chance(0.8) ? userSummary(rng) : rng.missing();
  const closed = rng.chance(0.3);
  return {
    id: `/subscriptions/${ctx.subscription}/resourceGroups/rg-sentinel/providers/Microsoft.OperationalInsights/` +
      `workspaces/${ctx.workspaceName}/providers/Microsoft.SecurityInsights/Incidents/${ctx.incidentGuid}`,
    name: ctx.incidentGuid,
    title: ctx.title,
    description: `${sentence(rng)} ${sentence(rng)}`,
    number: intOrString(rng, ctx.number),
    type: "Incident",
    source,
    sourceDisplayName: SOURCE_NAMES[source] ?? source,
    lastModificationTime: timestamp(rng, msBefore(rng, 2)),
    creationTime: timestamp(rng, msBefore(rng, 72)),
    lastActivityTime: rng.maybe(0.2, timestamp(rng, msBefore(rng, 4))),
    severity: rng.pick(SEVERITIES),
    classification: closed ? rng.pick(CLASSIFICATIONS) : rng.missing(),
    comment: rng.maybe(0.5, sentence(rng)),
    classificationReason: closed ? rng.pick(CLASSIFICATION_REASONS) : rng.missing(),
    classificationComment: closed ? sentence(rng) : rng.missing(),
    tactics: Array.from({ length: rng.range(1, 5) }, () => rng.pick(TACTICS)),
    ruleIds: Array.from({ length: rng.range(0, 4) }, () => rng.guid()),
    alertProductNames: rng.chance(0.1) ? rng.missing() : Array.from({ length: rng.range(1, 3) }, () => rng.pick(PRODUCTS)),
    user: owner,
    isAssigned: owner != null,
    productId: rng.maybe(0.3, rng.guid()),
    status: closed ? "Closed" : rng.pick(STATUSES),
    alertsCount: 0, // set once the alerts are known
    entities,
    workspaceName: ctx.workspaceName,
    workspaceId: ctx.workspaceId,
    isDefenderXDRSourced: source === "DefenderXDR" || rng.chance(0.3),
    // Properties the contract does not know: a client drops them.
    etag: `"${rng.hex(8)}-0000-0100-0000-${rng.hex(12)}"`,
    providerIncidentUrl: `https://security.microsoft.com/incidents/${ctx.number}?tid=${ctx.tenantId}`,
  };
}

/** Fields an entity of a given type carries, shared by the incident and the investigation entity shapes. */
export function entityFields(rng, type) {
  const f = {};
  switch (type) {
    case "User": case "EntraIdentity": {
      const p = person(rng);
      f.displayName = p.name;
      f.userPrincipalName = p.upn;
      f.aadUserId = rng.guid();
      f.accountEntityId = rng.guid();
      f.emailAddress = rng.maybe(0.3, p.upn);
      break;
    }
    case "IP":
      f.displayName = f.ipAddress = ip(rng);
      break;
    case "File": case "FileHash": case "Malware": case "Process": case "ProcessTree": {
      f.fileName = rng.pick(["svchost.exe", "invoice_2026.pdf.exe", "upd.exe", "Überweisung.docm", "請求書.xlsm",
        "payload.dll", "mimikatz.exe", "rclone.exe"]);
      f.fileHash = sha256(rng);
      f.hashAlgorithm = "SHA256";
      f.displayName = f.fileName;
      if (type === "Process" || type === "ProcessTree") f.commandLine = commandLine(rng);
      break;
    }
    case "Device": case "IoTDevice": {
      f.hostName = hostname(rng);
      f.displayName = f.hostName.split(".")[0];
      f.deviceId = rng.hex(40);
      f.deviceAzureId = rng.guid();
      f.defenderAtpDeviceId = rng.hex(40);
      f.defenderEndpointDeviceId = rng.maybe(0.4, rng.hex(40));
      f.ipAddress = rng.maybe(0.3, ip(rng));
      break;
    }
    case "Mailbox": case "MailMessage": case "MailCluster": case "AnalyzedMessage": case "Submission": {
      const p = person(rng);
      f.emailAddress = p.upn;
      f.displayName = p.upn;
      f.networkMessageId = rng.guid();
      f.emailId = `<${rng.hex(16, true)}@${p.domain}>`;
      f.emailSubject = rng.pick(["Rechnung Nr. 2026-0415 – bitte prüfen", "Re: Überweisung dringend!!",
        "【重要】アカウント確認のお願い", "Your mailbox is almost full", "Facture impayée n° 88231",
        "DocuSign: \"Q2 Budget\" awaits your signature"]);
      break;
    }
    case "URL": case "DomainName": case "DNS": case "DnsResolution":
      f.displayName = type === "URL" ? `https://login-${rng.hex(6)}.example.net/common/oauth2/v2.0/authorize?client_id=${rng.guid()}&redirect_uri=https%3A%2F%2F${rng.hex(4)}.example` :
        `${rng.hex(8)}.${rng.pick(["duckdns.org", "ngrok-free.app", "example.net", "xn--bcher-kva.example"])}`;
      f.ipAddress = rng.maybe(0.5, ip(rng));
      break;
    case "RegistryKey": case "RegistryValue": case "Registry":
      f.displayName = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\${rng.pick(["OneDriveUpdate", "Mise à jour", "svc"])}`;
      break;
    case "AzureResource": case "BlobContainer": case "Blob":
      f.displayName = `/subscriptions/${rng.guid()}/resourceGroups/rg-prod-${rng.int(20)}/providers/Microsoft.Storage/storageAccounts/st${rng.hex(10)}`;
      break;
    default:
      f.displayName = `${type}-${rng.hex(6)}`;
      break;
  }
  f.friendlyName = rng.maybe(0.3, f.displayName);
  return f;
}

export function incidentEntity(rng, type) {
  const f = entityFields(rng, type);
  return {
    id: rng.guid(),
    type,
    kind: type === "IP" ? "Ip" : type,
    displayName: f.displayName ?? rng.missing(),
    friendlyName: f.friendlyName,
    fileName: f.fileName ?? rng.missing(),
    hostName: f.hostName ?? rng.missing(),
    accountEntityId: f.accountEntityId ?? rng.missing(),
    deviceId: f.deviceId ?? rng.missing(),
    deviceAzureId: f.deviceAzureId ?? rng.missing(),
    defenderAtpDeviceId: f.defenderAtpDeviceId ?? rng.missing(),
    defenderEndpointDeviceId: f.defenderEndpointDeviceId ?? rng.missing(),
    networkMessageId: f.networkMessageId ?? rng.missing(),
    hashAlgorithm: f.hashAlgorithm ?? rng.missing(),
    aadUserId: f.aadUserId ?? rng.missing(),
    emailAddress: f.emailAddress ?? rng.missing(),
    userPrincipalName: f.userPrincipalName ?? rng.missing(),
    ipAddress: f.ipAddress ?? rng.missing(),
    fileHash: f.fileHash ?? rng.missing(),
    emailId: f.emailId ?? rng.missing(),
    emailSubject: f.emailSubject ?? rng.missing(),
  };
}

export function investigationEntity(rng, type) {
  const f = entityFields(rng, type);
  return {
    id: rng.guid(),
    displayName: f.displayName ?? rng.missing(),
    fileName: f.fileName ?? rng.missing(),
    fileHash: f.fileHash ?? rng.missing(),
    type,
    friendlyName: f.friendlyName,
    hostName: f.hostName ?? rng.missing(),
    kind: type,
    accountEntityId: f.accountEntityId ?? rng.missing(),
    networkMessageId: f.networkMessageId ?? rng.missing(),
    commandLine: f.commandLine ?? rng.missing(),
    userUpn: f.userPrincipalName ?? rng.missing(),
    deviceId: f.deviceId ?? rng.missing(),
    aadUserId: f.aadUserId ?? rng.missing(),
    entityType: PLAYBOOK_ENTITY_TYPES[type] ?? "General",
    isValidEntraIdUser: type === "User" ? rng.chance(0.9) : false,
    isValidEntraIdDevice: type === "Device" ? rng.chance(0.6) : false,
  };
}

export function alert(rng) {
  const name = rng.pick([
    "Suspicious PowerShell command line", "Possible credential theft activity", "Anomalous token",
    "Impossible travel activity", "Ransomware behavior detected in the file system", "Email messages containing malicious URL removed after delivery",
    "Verdächtige Anmeldung von unbekanntem Gerät", "Suspicious inbox forwarding rule",
  ]);
  return {
    id: `da${rng.hex(16)}_${rng.range(100000000, 999999999)}`,
    kind: "SecurityAlert",
    displayName: name,
    alertName: name,
    vendorName: "Microsoft",
    type: rng.pick(["WindowsDefenderAtp", "OfficeATP", "MCAS", "AAD", "ThreatIntelligence"]),
    description: `${sentence(rng)} ${commandLine(rng)}`,
    timeGenerated: timestamp(rng, msBefore(rng, 72)),
    tactics: Array.from({ length: rng.range(0, 3) }, () => rng.pick(TACTICS)),
    severity: rng.pick(SEVERITIES),
    productName: rng.pick(PRODUCTS),
    deviceId: rng.maybe(0.4, rng.hex(40)),
    ...(rng.chance(0.3) ? { additionalData: { detectionSource: "EDR", mitreTechniques: ["T1059.001", "T1003"], score: 0.97 } } : {}),
  };
}

export function comment(rng) {
  const p = person(rng);
  const activity = rng.chance(0.4);
  const agent = !activity && rng.chance(0.2);
  return {
    id: rng.guid(),
    message: activity
      ? rng.pick(["Status changed from New to Active", "Severity changed from Medium to High", `Incident assigned to ${p.name}`])
      : `${sentence(rng)} <br/>Checked host ${hostname(rng)} & user ${p.upn}; hash ${sha256(rng)}.`,
    createdTime: timestamp(rng, msBefore(rng, 48)),
    authorEmail: agent ? rng.missing() : p.upn,
    authorName: agent ? "ContraForce Agent" : p.name,
    isActivityComment: activity,
    isAgentComment: agent,
    agentName: agent ? "Triage Agent" : rng.missing(),
    isClosingComment: rng.chance(0.05),
    ticketNoteId: rng.maybe(0.7, String(rng.range(100000, 999999))),
    ticketId: rng.maybe(0.7, `CS${rng.range(1000000, 9999999)}`),
  };
}

export const EVIDENCE_COLUMNS = ["TimeGenerated", "DeviceName", "AccountUpn", "ProcessCommandLine", "SHA256", "RemoteIP",
  "RemotePort", "ActionType", "IsSigned", "Score", "AdditionalFields"];

export function evidenceRow(rng) {
  return [
    timestamp(rng, msBefore(rng, 72)),
    hostname(rng),
    rng.chance(0.9) ? person(rng).upn : null,
    commandLine(rng),
    sha256(rng),
    ip(rng),
    rng.chance(0.8) ? rng.pick([443, 80, 445, 3389, 8080, 53]) : String(rng.range(1024, 65535)),
    rng.pick(["ProcessCreated", "ConnectionSuccess", "FileCreated", "LogonSuccess", "RegistryValueSet"]),
    rng.chance(0.5),
    Math.round(rng.next() * 100) / 100,
    rng.chance(0.6)
      ? { InitiatingProcessId: rng.range(100, 65000), Elevation: rng.pick(["Full", "Limited", null]), Tags: ["edr", rng.pick(JP)], BytesSent: rng.range(0, 2 ** 40), EpochMs: BASE_MS - rng.int(1e9) }
      : null,
  ];
}

export function playbook(rng, sequence) {
  const started = rng.chance(0.8);
  const finished = started && rng.chance(0.8);
  const entityId = rng.guid();
  const name = rng.pick(["Isolate device", "Block IP address", "Disable user", "Revoke sessions", "Reset password",
    "Soft-delete e-mail", "Run antivirus scan", "Collect investigation package"]);
  return {
    id: rng.guid(),
    referenceId: `${rng.guid()}_${entityId}`,
    entityId,
    name,
    description: `${name} — ${rng.pick(["automatisch ausgeführt", "requires admin consent", "exécution manuelle"])}`,
    entityType: rng.pick(["User", "Endpoint", "General", "Network", "Email"]),
    affectedEntity: rng.chance(0.5) ? hostname(rng) : person(rng).upn,
    isRecommended: rng.chance(0.6),
    status: rng.pick(PLAYBOOK_STATUSES),
    errorMessage: rng.chance(0.1) ? `Graph API returned 403: "Insufficient privileges to complete the operation."` : rng.missing(),
    sequence: intOrString(rng, sequence),
    modificationDate: timestamp(rng, msBefore(rng, 24)),
    startingDate: started ? timestamp(rng, msBefore(rng, 24)) : rng.missing(),
    finishingDate: finished ? timestamp(rng, msBefore(rng, 12)) : rng.missing(),
    executionTime: finished ? `00:0${rng.int(10)}:${pad(rng.int(60))}.${pad(rng.int(10_000_000), 7)}` : rng.missing(),
    tracingId: rng.guid(),
    parameters: name === "Block IP address"
      ? { ipAddress: ip(rng), durationMinutes: rng.pick([60, 1440]), notify: [person(rng).upn], options: { force: true, comment: "Blockiert über ContraForce" } }
      : rng.chance(0.5) ? {} : rng.missing(),
    isAdminRequired: rng.chance(0.2),
  };
}

export function gamebook(rng, ctx, title) {
  return {
    id: rng.guid(),
    tracingId: rng.guid(),
    incidentId: ctx.incidentGuid,
    source: ctx.source,
    incidentTitle: ctx.title,
    incidentNumber: intOrString(rng, ctx.number),
    isOcr: rng.chance(0.1),
    isRecover: false,
    triggedByUserId: rng.maybe(0.3, rng.guid()),
    displayName: title,
    modificationDate: timestamp(rng, msBefore(rng, 24)),
    creationDate: timestamp(rng, msBefore(rng, 48)),
    status: rng.pick(GAMEBOOK_STATUSES),
    title,
    isAdminRequired: rng.chance(0.3),
    workspaceId: ctx.workspaceId,
    workspaceName: ctx.workspaceName,
    tenantId: ctx.tenantId,
    isAutoRun: rng.chance(0.5),
    originalGamebookId: rng.missing(),
    originalGamebookTitle: rng.missing(),
    isRetryGamebook: false,
    isQueued: rng.chance(0.1),
    playbooks: [],
    summary: rng.maybe(0.3, sentence(rng)),
  };
}
