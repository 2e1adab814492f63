//! Deposit addresses in each network's real format, so that a wallet or a
//! merchant's validator accepts what the sandbox hands out: bech32 P2WPKH for
//! bitcoin, EIP-55 checksummed hex for Ethereum and BSC, base58check `T...`
//! for Tron. They are derived from the invoice id and belong to nobody.

use sha2::{Digest, Sha256};
use tiny_keccak::{Hasher, Keccak};

/// A 20-byte account hash derived from `seed`: the same invoice always gets
/// the same address.
fn account(seed: &str) -> [u8; 20] {
    let digest = Sha256::digest(seed.as_bytes());
    let mut out = [0u8; 20];
    out.copy_from_slice(&digest[..20]);
    out
}

/// The address for `network`, or `None` for a network the sandbox does not know.
pub fn for_network(network: &str, seed: &str) -> Option<String> {
    let key = account(seed);
    match network {
        "btc" => Some(bech32_p2wpkh("bc", &key)),
        "eth" | "erc20" | "bep20" => Some(eip55(&key)),
        "trc20" => Some(tron(&key)),
        _ => None,
    }
}

/// EIP-55: hex letters are upper-case where the keccak of the lower-case hex
/// has a high nibble.
pub fn eip55(account: &[u8; 20]) -> String {
    let hex = hex::encode(account);
    let mut hash = [0u8; 32];
    let mut k = Keccak::v256();
    k.update(hex.as_bytes());
    k.finalize(&mut hash);
    let mut out = String::from("0x");
    for (i, c) in hex.chars().enumerate() {
        let nibble = (hash[i / 2] >> if i % 2 == 0 { 4 } else { 0 }) & 0x0f;
        out.push(if nibble >= 8 { c.to_ascii_uppercase() } else { c });
    }
    out
}

/// Tron: base58check of `0x41 ‖ account`.
pub fn tron(account: &[u8; 20]) -> String {
    let mut payload = Vec::with_capacity(25);
    payload.push(0x41);
    payload.extend_from_slice(account);
    let check = Sha256::digest(Sha256::digest(&payload));
    payload.extend_from_slice(&check[..4]);
    bs58::encode(payload).into_string()
}

/// BIP173 segwit v0 address of a 20-byte key hash.
pub fn bech32_p2wpkh(hrp: &str, program: &[u8; 20]) -> String {
    // A 20-byte program under a valid prefix always encodes; the sandbox
    // only ever passes "bc".
    bech32::Hrp::parse(hrp).ok().and_then(|hrp| bech32::segwit::encode_v0(hrp, program).ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex20(s: &str) -> [u8; 20] {
        let mut out = [0u8; 20];
        for (i, o) in out.iter_mut().enumerate() {
            *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }

    #[test]
    fn bech32_matches_bip173() {
        let k = hex20("751e76e8199196d454941c45d1b3a323f1433bd6");
        assert_eq!(bech32_p2wpkh("bc", &k), "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    }

    #[test]
    fn eip55_matches_the_eip() {
        let k = hex20("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        assert_eq!(eip55(&k), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        let k = hex20("fb6916095ca1df60bb79ce92ce3ea74c37c5d359");
        assert_eq!(eip55(&k), "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
    }

    #[test]
    fn tron_is_base58check_with_prefix_41() {
        // The USDT contract on Tron: 41a614f8... is TR7NHqje...
        let k = hex20("a614f803b6fd780986a42c78ec9c7f77e6ded13c");
        assert_eq!(tron(&k), "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
    }

    #[test]
    fn each_network_gets_its_format() {
        let btc = for_network("btc", "in_1").unwrap();
        assert!(btc.starts_with("bc1q") && btc.len() == 42, "{btc}");
        let eth = for_network("erc20", "in_1").unwrap();
        assert!(eth.starts_with("0x") && eth.len() == 42, "{eth}");
        let trx = for_network("trc20", "in_1").unwrap();
        assert!(trx.starts_with('T') && trx.len() == 34, "{trx}");
        assert_eq!(for_network("btc", "in_1"), for_network("btc", "in_1"));
        assert_ne!(for_network("btc", "in_1"), for_network("btc", "in_2"));
        assert_eq!(for_network("sol", "in_1"), None);
    }
}
