//! Paying from a browser wallet on an EVM chain (EIP-1193): which chain,
//! which contract, and the one transaction that pays an invoice exactly.
//!
//! The tokens' contracts and decimals live here, in one table, each line
//! with where it was read. The payment URIs (`uri`) use the same table.

use getcrypto_api::Amount;

/// A chain a wallet is asked to switch to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chain {
    /// `eth_chainId` form: `0x1`, `0x38`.
    pub id: &'static str,
    /// The chain id as a number, for EIP-681's `@56`.
    pub number: u32,
    /// What `wallet_addEthereumChain` needs for a chain a wallet may lack.
    pub name: &'static str,
    pub rpc_url: &'static str,
    pub explorer_url: &'static str,
    pub currency: &'static str,
}

/// Ethereum mainnet.
pub const ETHEREUM: Chain = Chain {
    id: "0x1",
    number: 1,
    name: "Ethereum",
    rpc_url: "https://ethereum-rpc.publicnode.com",
    explorer_url: "https://etherscan.io",
    currency: "ETH",
};

/// BNB Smart Chain, where BEP20 tokens live.
pub const BSC: Chain = Chain {
    id: "0x38",
    number: 56,
    name: "BNB Smart Chain",
    rpc_url: "https://bsc-dataseed.bnbchain.org",
    explorer_url: "https://bscscan.com",
    currency: "BNB",
};

/// A token contract: its chain, address and decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub chain: Chain,
    pub contract: &'static str,
    pub decimals: u32,
}

/// The tokens the API's coins are on the EVM chains.
pub fn token(coin: &str, network: &str) -> Option<Token> {
    let (chain, contract, decimals) = match (coin, network) {
        // Tether's list of USDT contracts (tether.to/en/supported-protocols)
        // and etherscan.io/token/0xdac17f958d2ee523a2206206994597c13d831ec7: 6.
        ("usdt", "erc20") => (ETHEREUM, "0xdAC17F958D2ee523a2206206994597C13D831ec7", 6),
        // Circle's USDC contracts (developers.circle.com/stablecoins/usdc-contract-addresses)
        // and etherscan.io/token/0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48: 6.
        ("usdc", "erc20") => (ETHEREUM, "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 6),
        // Binance-Peg BSC-USD, bscscan.com/token/0x55d398326f99059ff775485246999027b3197955: 18.
        ("usdt", "bep20") => (BSC, "0x55d398326f99059fF775485246999027B3197955", 18),
        // Binance-Peg USD Coin, bscscan.com/token/0x8ac76a51cc950d9822d68b83fe1ad97b32cd580d: 18.
        ("usdc", "bep20") => (BSC, "0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d", 18),
        _ => return None,
    };
    Some(Token { chain, contract, decimals })
}

/// The one transaction that pays an invoice: `eth_sendTransaction`'s
/// `to`, and `value` (hex wei) for ether or `data` (an ERC20 `transfer`)
/// for a token, on `chain`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    pub chain: Chain,
    pub to: String,
    pub value: Option<String>,
    pub data: Option<String>,
}

/// `0x` and 40 hex digits.
pub fn is_evm_address(address: &str) -> bool {
    address.len() == 42 && address.starts_with("0x") && address[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// `transfer(address,uint256)`'s selector: the first four bytes of its
/// Keccak-256.
const TRANSFER: &str = "a9059cbb";

/// The transaction paying `amount` of `coin` on `network` to `address`, or
/// `None` where this is not an EVM payment, the address is not one, or the
/// amount cannot be written exactly in the coin's units: nothing rounded is
/// ever sent.
pub fn transaction(coin: &str, network: &str, address: &str, amount: &Amount) -> Option<Transaction> {
    if !is_evm_address(address) {
        return None;
    }
    if (coin, network) == ("eth", "eth") {
        let wei = amount.base_units(18)?;
        return Some(Transaction {
            chain: ETHEREUM,
            to: address.to_owned(),
            value: Some(format!("{wei:#x}")),
            data: None,
        });
    }
    let token = token(coin, network)?;
    let units = amount.base_units(token.decimals)?;
    let data = format!("0x{TRANSFER}{:0>64}{units:064x}", address[2..].to_ascii_lowercase());
    Some(Transaction { chain: token.chain, to: token.contract.to_owned(), value: None, data: Some(data) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use getcrypto_api::fixtures::amount as a;

    const TO: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    #[test]
    fn ether_is_sent_as_wei_in_hex() {
        let p = transaction("eth", "eth", TO, &a("0.007131")).unwrap();
        assert_eq!((p.chain.id, p.to.as_str(), p.data), ("0x1", TO, None));
        assert_eq!(p.value.as_deref(), Some("0x19559b51e4b000"), "7131000000000000 wei");
        assert_eq!(u128::from_str_radix(&p.value.unwrap()[2..], 16).unwrap(), 7_131_000_000_000_000);
    }

    #[test]
    fn a_token_is_one_transfer_in_its_own_decimals() {
        let erc20 = transaction("usdt", "erc20", TO, &a("11.944214")).unwrap();
        assert_eq!((erc20.chain.id, erc20.to.as_str()), ("0x1", "0xdAC17F958D2ee523a2206206994597C13D831ec7"));
        let data = erc20.data.unwrap();
        assert_eq!(&data[..10], "0xa9059cbb");
        assert_eq!(&data[10..74], "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        assert_eq!(u128::from_str_radix(&data[74..], 16).unwrap(), 11_944_214);
        assert_eq!(data.len(), 2 + 8 + 64 + 64);

        let bep20 = transaction("usdt", "bep20", TO, &a("11.944214")).unwrap();
        assert_eq!((bep20.chain.id, bep20.to.as_str()), ("0x38", "0x55d398326f99059fF775485246999027B3197955"));
        assert_eq!(u128::from_str_radix(&bep20.data.unwrap()[74..], 16).unwrap(), 11_944_214_000_000_000_000);
        assert_eq!(bep20.value, None);

        let usdc = transaction("usdc", "bep20", TO, &a("11.941625")).unwrap();
        assert_eq!(usdc.to, "0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d");
        assert_eq!(transaction("usdc", "erc20", TO, &a("1")).unwrap().to, "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48");
    }

    #[test]
    fn nothing_inexact_or_foreign_is_ever_sent() {
        assert_eq!(transaction("usdt", "erc20", TO, &a("0.0000001")), None, "7 decimals in a 6-decimal token");
        assert_eq!(transaction("usdt", "trc20", "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ", &a("1")), None);
        assert_eq!(transaction("btc", "btc", TO, &a("1")), None);
        for hostile in ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe'", "javascript:alert(1)", "0x5aAeb605"] {
            assert_eq!(transaction("eth", "eth", hostile, &a("1")), None, "{hostile}");
        }
    }
}
