//! Paying USDT and USDC on TRON (TRC20) from TronLink: the contracts, and
//! the one `transfer` that pays an invoice exactly. TronLink's own injected
//! `tronWeb` builds and signs it, so the widget ships no TRON library.

use getcrypto_api::Amount;

/// A TRC20 transfer: call `transfer(to, units)` on `contract`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transfer {
    pub contract: &'static str,
    pub to: String,
    /// The amount in the token's smallest unit, as an integer string.
    pub units: String,
}

/// The TRC20 contracts of the API's coins and their decimals.
pub fn token(coin: &str) -> Option<(&'static str, u32)> {
    match coin {
        // Tether's list of USDT contracts (tether.to/en/supported-protocols)
        // and tronscan.org/#/token20/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t: 6.
        "usdt" => Some(("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", 6)),
        // Circle's USDC contracts (developers.circle.com/stablecoins/usdc-contract-addresses)
        // and tronscan.org/#/token20/TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8: 6.
        "usdc" => Some(("TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8", 6)),
        _ => None,
    }
}

/// A TRON address in base58: `T` and 33 more characters of its alphabet.
pub fn is_tron_address(address: &str) -> bool {
    address.len() == 34
        && address.starts_with('T')
        && address.bytes().all(|b| b.is_ascii_alphanumeric() && !b"0OIl".contains(&b))
}

/// The transfer paying `amount` of `coin` on `network` to `address`, or
/// `None` where this is not a TRC20 payment, the address is not one, or the
/// amount cannot be written exactly in the token's units.
pub fn transfer(coin: &str, network: &str, address: &str, amount: &Amount) -> Option<Transfer> {
    if network != "trc20" || !is_tron_address(address) {
        return None;
    }
    let (contract, decimals) = token(coin)?;
    Some(Transfer { contract, to: address.to_owned(), units: amount.to_base_units(decimals)? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use getcrypto_api::fixtures::amount as a;

    const TO: &str = "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ";

    #[test]
    fn a_trc20_payment_is_one_exact_transfer() {
        let t = transfer("usdt", "trc20", TO, &a("11.944214")).unwrap();
        assert_eq!(
            (t.contract, t.to.as_str(), t.units.as_str()),
            ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", TO, "11944214")
        );
        assert_eq!(transfer("usdc", "trc20", TO, &a("1")).unwrap().contract, "TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8");
    }

    #[test]
    fn nothing_inexact_or_foreign_is_sent() {
        assert_eq!(transfer("usdt", "trc20", TO, &a("0.0000001")), None);
        assert_eq!(transfer("usdt", "erc20", TO, &a("1")), None);
        assert_eq!(transfer("btc", "trc20", TO, &a("1")), None);
        for hostile in
            ["javascript:alert(1)", "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48T'", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"]
        {
            assert_eq!(transfer("usdt", "trc20", hostile, &a("1")), None, "{hostile}");
        }
    }
}
