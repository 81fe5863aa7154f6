//! The observables of an incident (IP addresses, domains, URLs, file hashes, accounts, hosts, mailboxes and mail
//! messages), validated, in canonical form and de-duplicated, for enrichment pipelines.
//!
//! [`extract_indicators`] reads the entities of `incident.entities`, `investigationDetails.entities` and
//! `investigationDetails.incident.entities`, in that order, and then the alerts of `investigationDetails.alerts`.
//! Values that are present but unusable (an `ipAddress` of `"n/a"`, a 63-character hash, an account without `@`)
//! are never thrown: each is reported once in [`IndicatorReport::skipped`] with the reason.
//!
//! Where each kind comes from:
//!
//! | Kind | Field | Entities |
//! |---|---|---|
//! | `ip` | `ipAddress`; for `IP` entities without it, `displayName`, else `friendlyName` | any |
//! | `domain` | `displayName`, else `friendlyName` | `DomainName`, `DNS`, `DnsResolution` |
//! | `url` | `displayName`, else `friendlyName` | `URL` |
//! | `fileHash` | `fileHash`, checked against `hashAlgorithm` | any |
//! | `account` | `userPrincipalName`, `userUpn` and `emailAddress` (each one) | `User` |
//! | `host` | `hostName` | `Device`, `IoTDevice` |
//! | `mailbox` | `emailAddress` | `Mailbox` |
//! | `mailMessage` | `networkMessageId` | any |
//!
//! An entity whose `type` is absent, `Unknown` or not in the contract is classified by its `kind` instead (`Ip`,
//! `Host`, `Account`, `Url`, `DnsResolution`, `Mailbox`, `MailMessage`, any letter case).
//!
//! Alerts carry no observable of their own: their only link to one is `deviceId`, an opaque vendor id. An alert
//! whose `deviceId` equals a device id (`deviceId`, `defenderAtpDeviceId`, `defenderEndpointDeviceId`,
//! `deviceAzureId`, any letter case) of an entity that gave a `host` indicator adds its id to that indicator's
//! `alertIds`. Alert descriptions are free text and are not scanned.

mod entity;
mod validate;

use crate::model::{ContraForceIncident, InvestigationAlertDto};
use entity::{id, text, Entity, Role};
use serde::Serialize;
use std::collections::HashMap;
use tsify::Tsify;

/// The kind of an observable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum IndicatorKind {
    /// An IPv4 or IPv6 address, canonical (`"ip"`).
    Ip,
    /// A DNS name, lower-cased, without a trailing dot (`"domain"`).
    Domain,
    /// An http, https or ftp URL, as sent (`"url"`).
    Url,
    /// An MD5, SHA-1 or SHA-256 hash, lower-cased (`"fileHash"`).
    FileHash,
    /// A user principal name or e-mail address of a user, lower-cased (`"account"`).
    Account,
    /// A host name, lower-cased (`"host"`).
    Host,
    /// The e-mail address of a mailbox, lower-cased (`"mailbox"`).
    Mailbox,
    /// The network message id of an e-mail (`"mailMessage"`).
    MailMessage,
}

impl IndicatorKind {
    /// The kind as serialized, e.g. `"fileHash"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            IndicatorKind::Ip => "ip",
            IndicatorKind::Domain => "domain",
            IndicatorKind::Url => "url",
            IndicatorKind::FileHash => "fileHash",
            IndicatorKind::Account => "account",
            IndicatorKind::Host => "host",
            IndicatorKind::Mailbox => "mailbox",
            IndicatorKind::MailMessage => "mailMessage",
        }
    }
}

/// The algorithm of a file hash, told by its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum HashAlgorithm {
    /// 32 hex digits (`"MD5"`).
    #[serde(rename = "MD5")]
    Md5,
    /// 40 hex digits (`"SHA1"`).
    #[serde(rename = "SHA1")]
    Sha1,
    /// 64 hex digits (`"SHA256"`).
    #[serde(rename = "SHA256")]
    Sha256,
}

impl HashAlgorithm {
    /// The algorithm as serialized: `"MD5"`, `"SHA1"` or `"SHA256"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            HashAlgorithm::Md5 => "MD5",
            HashAlgorithm::Sha1 => "SHA1",
            HashAlgorithm::Sha256 => "SHA256",
        }
    }
}

/// One observable, with where it was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    /// What it is.
    pub kind: IndicatorKind,
    /// The canonical value (see [`IndicatorKind`]).
    pub value: String,
    /// For a `fileHash`, its algorithm; otherwise `null`.
    #[tsify(type = "\"MD5\" | \"SHA1\" | \"SHA256\" | null")]
    pub hash_algorithm: Option<HashAlgorithm>,
    /// What the entity says about it, when that adds to the value: the subject of a mail message, the file name of
    /// a hash, the display name of the entity otherwise. The first one found wins.
    pub context: Option<String>,
    /// Ids of the entities it came from, as sent, in first-seen order, without repeats.
    pub entity_ids: Vec<String>,
    /// Ids of the alerts linked to it, in the order of the alerts, without repeats.
    pub alert_ids: Vec<String>,
}

/// A value that was present but unusable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct SkippedValue {
    /// The kind the value was read as.
    pub kind: IndicatorKind,
    /// The value as sent, trimmed, cut to its first 200 characters.
    pub value: String,
    /// Why it was skipped, for people.
    pub reason: String,
    /// The entity it came from, when it has an id.
    pub entity_id: Option<String>,
}

/// What [`extract_indicators`] returns.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorReport {
    /// The observables, in first-seen order, one per kind and canonical value.
    pub indicators: Vec<Indicator>,
    /// Values that were present but unusable, in first-seen order; the same value of the same entity once.
    pub skipped: Vec<SkippedValue>,
}

/// The de-duplicated observables of `incident` (see the [module documentation](self) for where each comes from).
///
/// Never fails and never panics: unusable values end up in [`IndicatorReport::skipped`].
///
/// ```
/// use contraforce_incident::indicators::{extract_indicators, IndicatorKind};
/// let body = br#"{"data":{"incident":{"entities":[
///     {"id":"e1","type":"IP","ipAddress":"2001:DB8:0::1"},
///     {"id":"e2","type":"IP","ipAddress":"n/a"}]}}}"#;
/// let incident = contraforce_incident::decode_incident_response(body).unwrap().data;
/// let report = extract_indicators(&incident);
/// assert_eq!(report.indicators[0].kind, IndicatorKind::Ip);
/// assert_eq!(report.indicators[0].value, "2001:db8::1");
/// assert_eq!(report.indicators[0].entity_ids, ["e1"]);
/// assert_eq!(report.skipped[0].value, "n/a");
/// ```
pub fn extract_indicators(incident: &ContraForceIncident) -> IndicatorReport {
    let mut collector = Collector::default();
    for entity in incident.incident.iter().flat_map(|incident| &incident.entities) {
        collector.entity(&Entity::from_incident(entity));
    }
    if let Some(details) = &incident.investigation_details {
        for entity in &details.entities {
            collector.entity(&Entity::from_investigation(entity));
        }
        for entity in details.incident.iter().flat_map(|incident| &incident.entities) {
            collector.entity(&Entity::from_incident(entity));
        }
        for alert in &details.alerts {
            collector.alert(alert);
        }
    }
    collector.report
}

/// `candidate`, unless it only repeats the value.
fn context(candidate: Option<&str>, raw: &str, value: &str) -> Option<String> {
    candidate.filter(|text| !text.eq_ignore_ascii_case(raw) && !text.eq_ignore_ascii_case(value)).map(str::to_owned)
}

#[derive(Default)]
struct Collector {
    report: IndicatorReport,
    seen: Seen,
}

impl Collector {
    fn entity(&mut self, entity: &Entity<'_>) {
        let raw_ip = entity.ip_address.or_else(|| entity.name().filter(|_| entity.has(Role::Ip)));
        if let Some(raw) = raw_ip {
            let found = validate::ip(raw).map(|value| (context(entity.display_name, raw, &value), value));
            self.take(IndicatorKind::Ip, raw, found, entity);
        }
        if let Some(raw) = entity.name().filter(|_| entity.has(Role::Domain)) {
            self.take(IndicatorKind::Domain, raw, validate::domain(raw).map(|value| (None, value)), entity);
        }
        if let Some(raw) = entity.name().filter(|_| entity.has(Role::Url)) {
            self.take(IndicatorKind::Url, raw, validate::url(raw).map(|value| (None, value)), entity);
        }
        if let Some(raw) = entity.file_hash {
            match validate::file_hash(raw, entity.hash_algorithm) {
                Ok((value, algorithm)) => {
                    let about = context(entity.file_name.or(entity.display_name), raw, &value);
                    self.add(IndicatorKind::FileHash, value, Some(algorithm), about, entity.id);
                }
                Err(reason) => self.skip(IndicatorKind::FileHash, raw, reason, entity.id),
            }
        }
        if entity.has(Role::Account) {
            for raw in entity.accounts.into_iter().flatten() {
                let found = validate::address(raw).map(|value| (context(entity.display_name, raw, &value), value));
                self.take(IndicatorKind::Account, raw, found, entity);
            }
        }
        if let Some(raw) = entity.host_name.filter(|_| entity.has(Role::Host)) {
            let found = validate::host(raw).map(|value| (context(entity.display_name, raw, &value), value));
            if let Some(index) = self.take(IndicatorKind::Host, raw, found, entity) {
                for device_id in entity.device_ids.into_iter().flatten() {
                    self.seen.link_device(&device_id.to_ascii_lowercase(), index);
                }
            }
        }
        if let Some(raw) = entity.email_address.filter(|_| entity.has(Role::Mailbox)) {
            let found = validate::address(raw).map(|value| (context(entity.display_name, raw, &value), value));
            self.take(IndicatorKind::Mailbox, raw, found, entity);
        }
        if let Some(raw) = entity.network_message_id {
            let subject = entity.email_subject.or(entity.display_name.filter(|_| entity.has(Role::MailMessage)));
            let found = validate::message_id(raw).map(|value| (context(subject, raw, &value), value));
            self.take(IndicatorKind::MailMessage, raw, found, entity);
        }
    }

    /// Adds a validated value (with its context), or records why it was refused.
    fn take(
        &mut self,
        kind: IndicatorKind,
        raw: &str,
        found: Result<(Option<String>, String), String>,
        entity: &Entity<'_>,
    ) -> Option<usize> {
        match found {
            Ok((about, value)) => Some(self.add(kind, value, None, about, entity.id)),
            Err(reason) => {
                self.skip(kind, raw, reason, entity.id);
                None
            }
        }
    }

    fn add(
        &mut self,
        kind: IndicatorKind,
        value: String,
        hash_algorithm: Option<HashAlgorithm>,
        about: Option<String>,
        entity_id: Option<&str>,
    ) -> usize {
        let indicators = &mut self.report.indicators;
        let index = match self.seen.get(&["i", kind.as_str(), &value]) {
            Some(index) => index,
            None => {
                self.seen.set(&["i", kind.as_str(), &value], indicators.len());
                let (context, entity_ids, alert_ids) = (None, Vec::new(), Vec::new());
                indicators.push(Indicator { kind, value, hash_algorithm, context, entity_ids, alert_ids });
                indicators.len() - 1
            }
        };
        let Some(indicator) = indicators.get_mut(index) else { return index };
        if indicator.context.is_none() {
            indicator.context = about;
        }
        if let Some(entity_id) = entity_id {
            if self.seen.first(&["e", &index.to_string(), entity_id]) {
                indicator.entity_ids.push(entity_id.to_owned());
            }
        }
        index
    }

    fn skip(&mut self, kind: IndicatorKind, raw: &str, reason: String, entity_id: Option<&str>) {
        let value: String = raw.chars().take(200).collect();
        // Entity ids are never empty (see `entity::id`), so "" stands for none.
        if self.seen.first(&["s", kind.as_str(), &value, &reason, entity_id.unwrap_or_default()]) {
            let entity_id = entity_id.map(str::to_owned);
            self.report.skipped.push(SkippedValue { kind, value, reason, entity_id });
        }
    }

    fn alert(&mut self, alert: &InvestigationAlertDto) {
        let (Some(alert_id), Some(device_id)) = (id(&alert.id), text(&alert.device_id)) else { return };
        for index in self.seen.hosts_of_device(&device_id.to_ascii_lowercase()) {
            if let Some(indicator) = self.report.indicators.get_mut(index) {
                if self.seen.first(&["a", &index.to_string(), alert_id]) {
                    indicator.alert_ids.push(alert_id.to_owned());
                }
            }
        }
    }
}

/// Every "seen before?" of the extraction in one map, so that the `.wasm` holds one copy of the map code. A key
/// is its parts, each prefixed with its length (unambiguous whatever the parts hold), the first part a tag:
/// `i` kind value → indicator index; `e`/`a` index id → entity/alert id already listed; `s` … → skipped value
/// already listed; `D` device index → link known; `d` device → number of hosts; `d` device n → n-th host index.
#[derive(Default)]
struct Seen(HashMap<String, usize>);

impl Seen {
    fn key(parts: &[&str]) -> String {
        let mut key = String::new();
        for part in parts {
            key.push_str(&part.len().to_string());
            key.push(':');
            key.push_str(part);
        }
        key
    }

    fn get(&self, parts: &[&str]) -> Option<usize> {
        self.0.get(&Seen::key(parts)).copied()
    }

    fn set(&mut self, parts: &[&str], value: usize) {
        self.0.insert(Seen::key(parts), value);
    }

    /// Whether `parts` is new; records it.
    fn first(&mut self, parts: &[&str]) -> bool {
        self.0.insert(Seen::key(parts), 0).is_none()
    }

    /// Links a lower-cased device id to the host indicator at `index`.
    fn link_device(&mut self, device_id: &str, index: usize) {
        if self.first(&["D", device_id, &index.to_string()]) {
            let count = self.get(&["d", device_id]).unwrap_or(0);
            self.set(&["d", device_id, &count.to_string()], index);
            self.set(&["d", device_id], count + 1);
        }
    }

    /// Indexes of the host indicators linked to a lower-cased device id, in the order linked.
    fn hosts_of_device(&self, device_id: &str) -> Vec<usize> {
        let count = self.get(&["d", device_id]).unwrap_or(0);
        (0..count).filter_map(|n| self.get(&["d", device_id, &n.to_string()])).collect()
    }
}
