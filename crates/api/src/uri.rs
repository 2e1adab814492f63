//! Payment URIs for the QR code: what a wallet needs to pay exactly.
//!
//! BIP21 for bitcoin, EIP-681 for ether and for ERC20 tokens on Ethereum.
//! BEP20 and TRC20 get the plain address: no URI scheme for them is read the
//! same way by wallets, and an `ethereum:` URI a wallet takes for mainnet
//! would send BEP20 tokens to the wrong chain.

/// ERC20 contracts on Ethereum mainnet and their decimals.
fn erc20_contract(coin: &str) -> Option<(&'static str, u32)> {
    match coin {
        "usdt" => Some(("0xdAC17F958D2ee523a2206206994597C13D831ec7", 6)),
        "usdc" => Some(("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 6)),
        _ => None,
    }
}

/// The URI to encode in the QR code for paying `amount` of `coin` on
/// `network` to `address`. Where the amount cannot be written exactly in the
/// scheme's unit, the URI carries the address alone rather than a rounded
/// amount.
pub fn payment_uri(coin: &str, network: &str, address: &str, amount: &crate::Amount) -> String {
    match (coin, network) {
        ("btc", "btc") => format!("bitcoin:{address}?amount={amount}"),
        ("eth", "eth") => match amount.to_base_units(18) {
            Some(wei) => format!("ethereum:{address}?value={wei}"),
            None => format!("ethereum:{address}"),
        },
        (_, "erc20") => match erc20_contract(coin) {
            Some((contract, decimals)) => match amount.to_base_units(decimals) {
                Some(units) => {
                    format!("ethereum:{contract}/transfer?address={address}&uint256={units}")
                }
                None => address.to_owned(),
            },
            None => address.to_owned(),
        },
        _ => address.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::payment_uri;
    use crate::fixtures::amount as a;

    #[test]
    fn bitcoin_is_bip21_with_the_exact_amount() {
        assert_eq!(
            payment_uri("btc", "btc", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", &a("0.000451")),
            "bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq?amount=0.000451"
        );
    }

    #[test]
    fn ether_is_eip681_in_wei() {
        assert_eq!(
            payment_uri("eth", "eth", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", &a("0.007131")),
            "ethereum:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed?value=7131000000000000"
        );
    }

    #[test]
    fn erc20_tokens_are_eip681_transfers_in_token_units() {
        assert_eq!(
            payment_uri("usdt", "erc20", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", &a("11.944214")),
            "ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7/transfer?address=0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed&uint256=11944214"
        );
        assert_eq!(
            payment_uri("usdc", "erc20", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", &a("11.941625")),
            "ethereum:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48/transfer?address=0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed&uint256=11941625"
        );
    }

    #[test]
    fn other_networks_get_the_plain_address() {
        let tron = "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC";
        assert_eq!(payment_uri("usdt", "trc20", tron, &a("11.944214")), tron);
        assert_eq!(payment_uri("usdc", "bep20", "0xabc", &a("1")), "0xabc");
        assert_eq!(payment_uri("doge", "doge", "D123", &a("1")), "D123");
    }

    #[test]
    fn inexact_amounts_are_not_rounded_into_the_uri() {
        assert_eq!(payment_uri("usdt", "erc20", "0xabc", &a("0.0000001")), "0xabc");
        // Wei has as many decimals as an amount may carry, so ether is always exact.
        assert_eq!(payment_uri("eth", "eth", "0xabc", &a("0.000000000000000001")), "ethereum:0xabc?value=1");
    }
}
