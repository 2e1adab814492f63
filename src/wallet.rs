//! Browser wallets: the one place that talks to them. Every injected EVM
//! wallet is found by EIP-6963 (each with its name and icon), or
//! `window.ethereum` (EIP-1193) where none announces itself; a payment is one
//! account request, one chain switch, and one `eth_sendTransaction`.
//! TronLink pays TRC20 through its own injected `tronWeb`: one account
//! request and one `transfer`.

use crate::dom::Listener;
use crate::pay::evm::{Chain, Transaction};
use crate::pay::tron::Transfer;
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A wallet the payer can pick.
#[derive(Clone, Debug, PartialEq)]
pub struct Wallet {
    /// EIP-6963's `uuid`, or `injected` for `window.ethereum`.
    pub id: String,
    pub name: String,
    /// A `data:image/…` URI, shown in an `<img>`; anything else is dropped.
    pub icon: Option<String>,
    pub provider: JsValue,
    /// `true` for TronLink, which pays TRC20; EVM wallets otherwise.
    pub tron: bool,
}

/// Why a wallet did not send.
#[derive(Clone, Debug, PartialEq)]
pub enum WalletError {
    /// The payer said no in the wallet (EIP-1193 code 4001).
    Rejected,
    /// Anything else, in the wallet's words.
    Failed(String),
}

/// An icon only if it is an image carried in the URI itself: never a URL
/// to follow, never markup.
pub fn safe_icon(icon: &str) -> Option<String> {
    let lower = icon.get(..11).map(str::to_ascii_lowercase).unwrap_or_default();
    (lower == "data:image/" && !icon.chars().any(|c| c.is_control() || c == '"')).then(|| icon.to_owned())
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(target: &JsValue, key: &str) -> Option<String> {
    get(target, key).as_string().filter(|s| !s.trim().is_empty())
}

/// A wallet from an `eip6963:announceProvider` event's `detail`.
fn announced(detail: &JsValue) -> Option<Wallet> {
    let info = get(detail, "info");
    let provider = get(detail, "provider");
    get(&provider, "request").dyn_ref::<js_sys::Function>()?;
    Some(Wallet {
        id: text(&info, "uuid")?,
        name: text(&info, "name")?,
        icon: text(&info, "icon").and_then(|i| safe_icon(&i)),
        provider,
        tron: false,
    })
}

/// Listens for wallets while alive; `found` hears the whole list each time
/// it grows.
pub struct Discovery {
    _listener: Listener,
}

impl Discovery {
    /// Asks every wallet to announce itself (EIP-6963), and falls back to
    /// `window.ethereum` (named `fallback_name`) when none does.
    pub fn start(fallback_name: &str, found: impl Fn(Vec<Wallet>) + 'static) -> Option<Discovery> {
        let window = web_sys::window()?;
        let wallets = Rc::new(RefCell::new(Vec::<Wallet>::new()));
        let found = Rc::new(found);
        let listener = {
            let (wallets, found) = (wallets.clone(), found.clone());
            Listener::new(&window, "eip6963:announceProvider", move |event| {
                let event: &web_sys::CustomEvent = event.unchecked_ref();
                let Some(wallet) = announced(&event.detail()) else { return };
                let mut list = wallets.borrow_mut();
                if list.iter().any(|w| w.id == wallet.id) {
                    return;
                }
                list.retain(|w| w.id != "injected");
                list.push(wallet);
                found(list.clone());
            })
        };
        if let Ok(request) = web_sys::Event::new("eip6963:requestProvider") {
            let _ = window.dispatch_event(&request);
        }
        if wallets.borrow().is_empty() {
            let injected = get(&window, "ethereum");
            if get(&injected, "request").is_function() {
                let wallet = Wallet {
                    id: "injected".into(),
                    name: fallback_name.into(),
                    icon: None,
                    provider: injected,
                    tron: false,
                };
                wallets.borrow_mut().push(wallet);
                found(wallets.borrow().clone());
            }
        }
        Some(Discovery { _listener: listener })
    }
}

/// One EIP-1193 request.
async fn request(provider: &JsValue, method: &str, params: Option<Array>) -> Result<JsValue, JsValue> {
    let mut args = vec![("method", JsValue::from(method))];
    if let Some(params) = params {
        args.push(("params", params.into()));
    }
    call(provider, "request", &[object(&args)]).await
}

fn code(error: &JsValue) -> Option<f64> {
    get(error, "code").as_f64()
}

fn to_error(error: JsValue) -> WalletError {
    // TronLink refuses with a bare string rather than an EIP-1193 error.
    let declined = error.as_string().is_some_and(|s| s.to_ascii_lowercase().contains("declined"));
    if code(&error) == Some(4001.0) || declined {
        return WalletError::Rejected;
    }
    let message = text(&error, "message").or_else(|| error.as_string()).unwrap_or_default();
    WalletError::Failed(message.chars().take(200).collect())
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// `wallet_switchEthereumChain` to `chain`; a wallet that does not know the
/// chain (4902) is given it with `wallet_addEthereumChain`, then asked again.
async fn switch_chain(provider: &JsValue, chain: &Chain) -> Result<(), WalletError> {
    let switch = || Array::of1(&object(&[("chainId", chain.id.into())]));
    match request(provider, "wallet_switchEthereumChain", Some(switch())).await {
        Ok(_) => Ok(()),
        Err(e) if code(&e) == Some(4902.0) => {
            let currency =
                object(&[("name", chain.currency.into()), ("symbol", chain.currency.into()), ("decimals", 18.into())]);
            let add = object(&[
                ("chainId", chain.id.into()),
                ("chainName", chain.name.into()),
                ("nativeCurrency", currency),
                ("rpcUrls", Array::of1(&chain.rpc_url.into()).into()),
                ("blockExplorerUrls", Array::of1(&chain.explorer_url.into()).into()),
            ]);
            request(provider, "wallet_addEthereumChain", Some(Array::of1(&add))).await.map_err(to_error)?;
            request(provider, "wallet_switchEthereumChain", Some(switch())).await.map(|_| ()).map_err(to_error)
        }
        Err(e) => Err(to_error(e)),
    }
}

/// Pays through `provider`: an account, the right chain, then exactly one
/// transaction. Returns its hash; what the invoice's status is stays the
/// API's to say.
pub async fn pay(provider: &JsValue, transaction: &Transaction) -> Result<String, WalletError> {
    let accounts = request(provider, "eth_requestAccounts", None).await.map_err(to_error)?;
    let from = Array::from(&accounts).get(0).as_string().ok_or(WalletError::Failed(String::new()))?;
    switch_chain(provider, &transaction.chain).await?;
    let mut tx = vec![("from", JsValue::from(from)), ("to", JsValue::from(transaction.to.as_str()))];
    if let Some(value) = &transaction.value {
        tx.push(("value", value.as_str().into()));
    }
    if let Some(data) = &transaction.data {
        tx.push(("data", data.as_str().into()));
    }
    let hash = request(provider, "eth_sendTransaction", Some(Array::of1(&object(&tx)))).await.map_err(to_error)?;
    hash.as_string().filter(|h| !h.is_empty()).ok_or(WalletError::Failed(String::new()))
}

/// TronLink, where the payer has it (`window.tronLink`).
pub fn tronlink() -> Option<Wallet> {
    let provider = get(&web_sys::window()?.into(), "tronLink");
    get(&provider, "request").is_function().then(|| Wallet {
        id: "tronlink".into(),
        name: "TronLink".into(),
        icon: None,
        provider,
        tron: true,
    })
}

/// Calls `target[name](...args)` and awaits what it returns.
async fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f = get(target, name).dyn_into::<js_sys::Function>().map_err(|_| JsValue::from_str(name))?;
    let result = f.apply(target, &args.iter().collect::<Array>())?;
    JsFuture::from(js_sys::Promise::resolve(&result)).await
}

/// Pays a TRC20 transfer through TronLink: its accounts, then exactly one
/// `transfer` on the token's contract, built and signed by TronLink's own
/// `tronWeb`. Returns the transaction's id.
pub async fn pay_tron(provider: &JsValue, transfer: &Transfer) -> Result<String, WalletError> {
    let answer = request(provider, "tron_requestAccounts", None).await.map_err(to_error)?;
    // TronLink answers with a code of its own: 200 allowed, 4001 refused.
    let answered = code(&answer);
    if answered == Some(4001.0) {
        return Err(WalletError::Rejected);
    }
    if answered.is_some_and(|c| c != 200.0) {
        return Err(WalletError::Failed(text(&answer, "message").unwrap_or_default()));
    }
    let tron_web = match get(provider, "tronWeb") {
        t if t.is_object() => t,
        _ => web_sys::window().map(|w| get(&w.into(), "tronWeb")).unwrap_or(JsValue::UNDEFINED),
    };
    let builder = get(&tron_web, "contract")
        .dyn_into::<js_sys::Function>()
        .and_then(|f| f.call0(&tron_web))
        .map_err(|_| WalletError::Failed("tronWeb".into()))?;
    let contract = call(&builder, "at", &[transfer.contract.into()]).await.map_err(to_error)?;
    let method = get(&contract, "transfer")
        .dyn_into::<js_sys::Function>()
        .and_then(|f| f.call2(&contract, &transfer.to.as_str().into(), &transfer.units.as_str().into()))
        .map_err(to_error)?;
    // At most 100 TRX of energy and bandwidth: a TRC20 transfer costs far less.
    let options = object(&[("feeLimit", 100_000_000.into())]);
    let id = call(&method, "send", &[options]).await.map_err(to_error)?;
    id.as_string().filter(|h| !h.is_empty()).ok_or(WalletError::Failed(String::new()))
}

#[cfg(test)]
mod tests {
    use super::safe_icon;

    #[test]
    fn only_an_image_in_a_data_uri_is_an_icon() {
        assert!(safe_icon("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=").is_some());
        assert!(safe_icon("DATA:IMAGE/png;base64,AAAA").is_some());
        for bad in [
            "https://evil.example/x.png",
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "data:image/png\"onerror=x",
            "",
        ] {
            assert_eq!(safe_icon(bad), None, "{bad}");
        }
    }
}
