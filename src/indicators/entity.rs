//! One view over both entity schemas (`IncidentEntity`, `InvestigationEntityDto`), and what an entity is.

use crate::model::{EntityType, IncidentEntity, InvestigationEntityDto};

/// What an entity is, for extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Ip,
    Domain,
    Url,
    Account,
    Host,
    Mailbox,
    MailMessage,
}

impl Role {
    /// From the entity `type`; from `kind` when the type is absent, `Unknown` or not in the contract.
    fn of(entity_type: Option<&EntityType>, kind: Option<&str>) -> Option<Role> {
        match entity_type {
            Some(EntityType::Unknown) | None => kind.and_then(Role::named),
            Some(unlisted @ EntityType::Unlisted(_)) => {
                Role::named(unlisted.as_str()).or_else(|| kind.and_then(Role::named))
            }
            Some(listed) => Role::named(listed.as_str()),
        }
    }

    fn named(name: &str) -> Option<Role> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "ip" => Role::Ip,
            "domainname" | "dns" | "dnsresolution" => Role::Domain,
            "url" => Role::Url,
            "user" | "account" => Role::Account,
            "device" | "iotdevice" | "host" => Role::Host,
            "mailbox" => Role::Mailbox,
            "mailmessage" => Role::MailMessage,
            _ => return None,
        })
    }
}

/// The fields of either entity schema that extraction reads; text fields trimmed, blank ones absent.
#[derive(Default)]
pub(super) struct Entity<'a> {
    pub(super) id: Option<&'a str>,
    pub(super) role: Option<Role>,
    pub(super) display_name: Option<&'a str>,
    pub(super) friendly_name: Option<&'a str>,
    pub(super) file_name: Option<&'a str>,
    pub(super) host_name: Option<&'a str>,
    pub(super) ip_address: Option<&'a str>,
    pub(super) file_hash: Option<&'a str>,
    pub(super) hash_algorithm: Option<&'a str>,
    /// `userPrincipalName`, `userUpn`, `emailAddress`.
    pub(super) accounts: [Option<&'a str>; 3],
    pub(super) email_address: Option<&'a str>,
    pub(super) network_message_id: Option<&'a str>,
    pub(super) email_subject: Option<&'a str>,
    pub(super) device_ids: [Option<&'a str>; 4],
}

pub(super) fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|text| !text.is_empty())
}

pub(super) fn id(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|id| !id.is_empty())
}

impl<'a> Entity<'a> {
    pub(super) fn from_incident(entity: &'a IncidentEntity) -> Self {
        Entity {
            id: id(&entity.id),
            role: Role::of(entity.r#type.as_ref(), text(&entity.kind)),
            display_name: text(&entity.display_name),
            friendly_name: text(&entity.friendly_name),
            file_name: text(&entity.file_name),
            host_name: text(&entity.host_name),
            ip_address: text(&entity.ip_address),
            file_hash: text(&entity.file_hash),
            hash_algorithm: text(&entity.hash_algorithm),
            accounts: [text(&entity.user_principal_name), None, text(&entity.email_address)],
            email_address: text(&entity.email_address),
            network_message_id: text(&entity.network_message_id),
            email_subject: text(&entity.email_subject),
            device_ids: [
                text(&entity.device_id),
                text(&entity.defender_atp_device_id),
                text(&entity.defender_endpoint_device_id),
                text(&entity.device_azure_id),
            ],
        }
    }

    pub(super) fn from_investigation(entity: &'a InvestigationEntityDto) -> Self {
        Entity {
            id: id(&entity.id),
            role: Role::of(entity.r#type.as_ref(), text(&entity.kind)),
            display_name: text(&entity.display_name),
            friendly_name: text(&entity.friendly_name),
            file_name: text(&entity.file_name),
            host_name: text(&entity.host_name),
            file_hash: text(&entity.file_hash),
            accounts: [None, text(&entity.user_upn), None],
            network_message_id: text(&entity.network_message_id),
            device_ids: [text(&entity.device_id), None, None, None],
            ..Entity::default()
        }
    }

    pub(super) fn has(&self, role: Role) -> bool {
        self.role == Some(role)
    }

    /// The value of an entity with no dedicated field for it.
    pub(super) fn name(&self) -> Option<&'a str> {
        self.display_name.or(self.friendly_name)
    }
}
