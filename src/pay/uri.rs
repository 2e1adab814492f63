//! Payment URIs for the QR code and the Open-in-wallet link: what a wallet
//! needs to pay exactly.
//!
//! BIP21 for bitcoin, EIP-681 for ether and for ERC20 tokens on Ethereum.
//! BEP20 and TRC20 get the plain address: no URI scheme for them is read the
//! same way by wallets, and an `ethereum:` URI a wallet takes for mainnet
//! would send BEP20 tokens to the wrong chain.

/// ERC20 contracts on Ethereum mainnet and their decimals, from the one
/// table in `evm`.
fn erc20_contract(coin: &str) -> Option<(&'static str, u32)> {
    super::evm::token(coin, "erc20").map(|t| (t.contract, t.decimals))
}

/// The URI to encode in the QR code for paying `amount` of `coin` on
/// `network` to `address`. Where the amount cannot be written exactly in the
/// scheme's unit, the URI carries the address alone rather than a rounded
/// amount.
pub fn payment_uri(coin: &str, network: &str, address: &str, amount: &getcrypto_api::Amount) -> String {
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

/// Whether `address` has its network's form, in characters that can stand
/// in a URI as they are: bech32 or base58 for bitcoin, `0x` and 40 hex
/// digits for Ethereum. Nothing else (a scheme, a quote, a space, a line
/// break) can pass.
fn address_fits(network: &str, address: &str) -> bool {
    match network {
        "btc" => match address.strip_prefix("bc1") {
            // Bech32 (SegWit, Taproot): lower case, its own alphabet.
            Some(data) => {
                (39..=59).contains(&data.len())
                    && data.bytes().all(|b| b"qpzry9x8gf2tvdw0s3jn54khce6mua7l".contains(&b))
            }
            // Base58 (P2PKH `1…`, P2SH `3…`): no 0, O, I or l.
            None => {
                (26..=35).contains(&address.len())
                    && matches!(address.as_bytes()[0], b'1' | b'3')
                    && address.bytes().all(|b| b.is_ascii_alphanumeric() && !b"0OIl".contains(&b))
            }
        },
        "eth" | "erc20" => super::evm::is_evm_address(address),
        _ => false,
    }
}

/// The link that opens the payer's wallet app on this payment: the QR
/// code's URI where a scheme carries the exact amount on the right network
/// (BIP21 for bitcoin, EIP-681 for ether and ERC20 tokens on Ethereum), and
/// only for an address in its network's form. `None` for BEP20 (an
/// `ethereum:` URI that a wallet takes for mainnet would send on the wrong
/// chain), for TRC20 (no scheme carries its amount), for an amount that
/// cannot be written exactly, and for anything else: the copy buttons stay
/// the path there.
pub fn wallet_uri(coin: &str, network: &str, address: &str, amount: &getcrypto_api::Amount) -> Option<String> {
    let exact = match (coin, network) {
        ("btc", "btc") => amount.to_base_units(8).is_some(),
        ("eth", "eth") => amount.to_base_units(18).is_some(),
        (_, "erc20") => erc20_contract(coin).is_some_and(|(_, decimals)| amount.to_base_units(decimals).is_some()),
        _ => false,
    };
    (exact && address_fits(network, address)).then(|| payment_uri(coin, network, address, amount))
}

#[cfg(test)]
mod tests {
    use super::{payment_uri, wallet_uri};
    use getcrypto_api::fixtures::amount as a;

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

    const ETH: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    const BTC: &str = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

    #[test]
    fn the_wallet_link_is_the_exact_payment_where_a_scheme_carries_it() {
        assert_eq!(
            wallet_uri("btc", "btc", BTC, &a("0.000451")).as_deref(),
            Some(&*format!("bitcoin:{BTC}?amount=0.000451"))
        );
        assert_eq!(
            wallet_uri("eth", "eth", ETH, &a("0.007131")).as_deref(),
            Some(&*format!("ethereum:{ETH}?value=7131000000000000"))
        );
        assert_eq!(
            wallet_uri("usdt", "erc20", ETH, &a("11.944214")).as_deref(),
            Some(&*format!(
                "ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7/transfer?address={ETH}&uint256=11944214"
            ))
        );
        assert_eq!(
            wallet_uri("usdc", "erc20", ETH, &a("11.941625")).as_deref(),
            Some(&*format!(
                "ethereum:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48/transfer?address={ETH}&uint256=11941625"
            ))
        );
        for (coin, network) in [("usdt", "bep20"), ("usdc", "bep20"), ("usdt", "trc20"), ("usdc", "trc20")] {
            assert_eq!(wallet_uri(coin, network, ETH, &a("11.944214")), None, "{coin} on {network}");
        }
        assert_eq!(wallet_uri("usdt", "erc20", ETH, &a("0.0000001")), None, "7 decimals do not fit USDT's 6");
        assert_eq!(wallet_uri("btc", "btc", BTC, &a("0.000000001")), None, "9 decimals do not fit a satoshi");
    }

    #[test]
    fn a_hostile_address_never_makes_a_link() {
        for address in [
            "javascript:alert(1)",
            "bc1q\"onmouseover=\"alert(1)",
            "bc1q w508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4\nx",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe'",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed?value=1",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA",
            "",
        ] {
            for (coin, network) in [("btc", "btc"), ("eth", "eth"), ("usdt", "erc20")] {
                assert_eq!(wallet_uri(coin, network, address, &a("1")), None, "{address:?} on {network}");
            }
        }
    }
}
