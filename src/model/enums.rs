//! The contract's enums. The server may add values at any time, so each enum keeps unknown values verbatim
//! in `Unlisted` instead of failing, and its TypeScript type is the known literals plus `string`
//! (`"Low" | "High" | (string & {})`) so editors still offer the known ones.

use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;

macro_rules! extensible_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$variant_meta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* #[doc = concat!("`\"", stringify!($variant), "\"`")] $variant,)+
            /// A value the contract does not list, exactly as the server sent it.
            Unlisted(String),
        }

        impl $name {
            /// The values the contract lists, in its order.
            pub const KNOWN: &'static [&'static str] = &[$(stringify!($variant)),+];

            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => stringify!($variant),)+
                    $name::Unlisted(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $(stringify!($variant) => $name::$variant,)+
                    other => $name::Unlisted(other.to_owned()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(EnumVisitor::<$name>(std::marker::PhantomData))
            }
        }

        impl ExtensibleEnum for $name {
            const NAME: &'static str = stringify!($name);
        }

        const _: () = {
            #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TS_TYPE: &'static str = concat!(
                "/** Known values of `", stringify!($name), "`; the server may send others, kept verbatim. */\n",
                "export type ", stringify!($name), " = ", $("\"", stringify!($variant), "\" | ",)+ "(string & {});"
            );
        };
    };
}

trait ExtensibleEnum: for<'a> From<&'a str> {
    const NAME: &'static str;
}

struct EnumVisitor<T>(std::marker::PhantomData<T>);

impl<T: ExtensibleEnum> Visitor<'_> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string ({} value)", T::NAME)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

extensible_enum! {
    /// Where the incident comes from (`IncidentSource`).
    IncidentSource { Sentinel, DefenderXDR, QRadar, Splunk, CrowdStrike, SentinelOne }
}

extensible_enum! {
    /// Incident severity.
    Severity { Informational, Low, Medium, High }
}

extensible_enum! {
    /// Incident status.
    Status { Active, New, Closed }
}

extensible_enum! {
    /// How an incident was classified when closed. The spec's `null` member is not a value: `null` is absence.
    Classification {
        BenignPositive, FalsePositive, TruePositive, Undetermined, InformationalExpectedActivity, Unknown, NonIssue,
        PolicyViolation, QradarFalsePositive, Undefined, Suspicious,
    }
}

extensible_enum! {
    /// Why an incident was classified as it was. The spec's `null` member is not a value: `null` is absence.
    ClassificationReason {
        InaccurateData, IncorrectAlertLogic, SuspiciousActivity, SuspiciousButExpected, Unknown, Apt, Malware,
        SecurityPersonnel, SecurityTesting, UnwantedSoftware, Other, MultistagedAttack, CompromisedUser, Phishing,
        MaliciousUserActivity, NotMalicious, NoEnoughDataToValidate, ConfirmedUserActivity,
        LineOfBusinessApplication,
    }
}

extensible_enum! {
    /// The kind of an incident or investigation entity.
    EntityType {
        User, IP, File, Process, Device, Malware, CloudApplication, DomainName, AzureResource, FileHash, RegistryKey,
        RegistryValue, SecurityGroup, URL, IoTDevice, Mailbox, MailCluster, MailMessage, Submission, SentinelEntities,
        DnsResolution, Registry, OAuthApplication, AmazonResource, BlobContainer, Blob, Container, ContainerRegistry,
        ContainerImage, GoogleCloudResource, KubernetesCluster, KubernetesController, KubernetesNamespace,
        KubernetesPod, KubernetesService, KubernetesSecret, KubernetesServiceAccount, AnalyzedMessage, DNS, Unknown,
    }
}

extensible_enum! {
    /// The family of entity a playbook acts on.
    PlaybookEntityType { User, Endpoint, General, Network, Email }
}

extensible_enum! {
    /// The state of a gamebook run.
    GamebookRunningStatus { Pending, Running, Finished, Failed, Queued, Denied, Cancelled }
}

extensible_enum! {
    /// The state of one playbook inside a gamebook run.
    PlaybookRunningStatus { Pending, Running, Finished, Failed, Terminated }
}
