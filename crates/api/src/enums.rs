//! The closed lists the docs give ("Must be one of"), and the invoice status.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the docs' order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as it appears on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the wire form; case-sensitive, as the API is.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The allowed values joined for an error message: `en, ru`.
            pub fn allowed() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format_args!(
                        "unknown {} `{}`, expected one of: {}",
                        stringify!($name), text, $name::allowed()
                    ))
                })
            }
        }
    };
}

wire_enum!(
    /// The widget's and invoice's language.
    Language { En = "en", Ru = "ru" }
);

wire_enum!(
    /// The currency of the merchant's amount: fiat or a cryptocurrency.
    Currency {
        Usd = "usd", Eur = "eur", Rub = "rub",
        Usdt = "usdt", Usdc = "usdc", Btc = "btc", Eth = "eth",
    }
);

wire_enum!(
    /// A cryptocurrency a payer can pay in.
    Crypto { Usdt = "usdt", Usdc = "usdc", Btc = "btc", Eth = "eth" }
);

wire_enum!(
    /// A blockchain network a cryptocurrency travels on.
    Network { Bep20 = "bep20", Trc20 = "trc20", Erc20 = "erc20", Btc = "btc", Eth = "eth" }
);

impl Crypto {
    /// The networks the docs allow for this coin ("USDT/USDC: bep20, trc20,
    /// erc20, BTC: btc, ETH: eth"), in the docs' order.
    pub fn networks(self) -> &'static [Network] {
        match self {
            Crypto::Usdt | Crypto::Usdc => &[Network::Bep20, Network::Trc20, Network::Erc20],
            Crypto::Btc => &[Network::Btc],
            Crypto::Eth => &[Network::Eth],
        }
    }

    /// Whether `network` carries this coin.
    pub fn allows(self, network: Network) -> bool {
        self.networks().contains(&network)
    }

    /// Upper-case ticker for people: `USDT`.
    pub fn ticker(self) -> &'static str {
        match self {
            Crypto::Usdt => "USDT",
            Crypto::Usdc => "USDC",
            Crypto::Btc => "BTC",
            Crypto::Eth => "ETH",
        }
    }
}

impl Network {
    /// Upper-case label for people: `TRC20`.
    pub fn label(self) -> &'static str {
        match self {
            Network::Bep20 => "BEP20",
            Network::Trc20 => "TRC20",
            Network::Erc20 => "ERC20",
            Network::Btc => "BTC",
            Network::Eth => "ETH",
        }
    }
}

/// An invoice's status. The API may grow new ones; those are kept verbatim
/// in `Unknown` so the widget can say so instead of failing.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Pending,
    Confirming,
    Underpaid,
    Paid,
    Expired,
    Unknown(String),
}

impl Status {
    /// The status as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Status::Pending => "pending",
            Status::Confirming => "confirming",
            Status::Underpaid => "underpaid",
            Status::Paid => "paid",
            Status::Expired => "expired",
            Status::Unknown(s) => s,
        }
    }

    /// Reads the wire form; anything unlisted becomes `Unknown`.
    pub fn parse(text: &str) -> Status {
        match text {
            "pending" => Status::Pending,
            "confirming" => Status::Confirming,
            "underpaid" => Status::Underpaid,
            "paid" => Status::Paid,
            "expired" => Status::Expired,
            other => Status::Unknown(other.to_owned()),
        }
    }

    /// No later status can follow: the widget stops polling.
    pub fn is_final(&self) -> bool {
        matches!(self, Status::Paid | Status::Expired)
    }

    /// The payer may still send coins to the address.
    pub fn accepts_payment(&self) -> bool {
        matches!(self, Status::Pending | Status::Underpaid)
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Status::parse(&String::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_follow_the_docs() {
        assert_eq!(Crypto::Usdt.networks(), &[Network::Bep20, Network::Trc20, Network::Erc20]);
        assert_eq!(Crypto::Usdc.networks(), Crypto::Usdt.networks());
        assert_eq!(Crypto::Btc.networks(), &[Network::Btc]);
        assert_eq!(Crypto::Eth.networks(), &[Network::Eth]);
        assert!(!Crypto::Btc.allows(Network::Bep20));
    }

    #[test]
    fn enums_round_trip_their_wire_form() {
        for c in Currency::ALL {
            assert_eq!(Currency::parse(c.as_str()), Some(*c));
        }
        assert_eq!(Currency::allowed(), "usd, eur, rub, usdt, usdc, btc, eth");
        assert_eq!(Language::parse("EN"), None);
    }

    #[test]
    fn unknown_status_is_kept_verbatim() {
        let s = Status::parse("refunded");
        assert_eq!(s, Status::Unknown("refunded".into()));
        assert_eq!(s.as_str(), "refunded");
        assert!(!s.is_final());
        assert!(Status::Paid.is_final() && Status::Expired.is_final());
    }
}
