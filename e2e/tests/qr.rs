//! The QR code round trip: the widget draws the payment URI, Chromium
//! renders it, a QR decoder reads it back from a screenshot, and what it
//! reads is exactly the URI a wallet needs, for BTC, ETH, an ERC20 token
//! and a TRC20 address.

use e2e::shop::Shop;
use e2e::{act, check, find, Harness, PAY};
use fantoccini::Locator;
use getcrypto_widget::pay::uri::payment_uri;
use serde_json::json;

fn decode(png: &[u8]) -> Vec<String> {
    let img = image::load_from_memory(png).expect("a PNG").to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    prepared.detect_grids().into_iter().filter_map(|g| g.decode().ok().map(|(_, text)| text)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_qr_code_reads_back_as_the_exact_payment_uri() {
    let h = Harness::start((1000, 1200)).await;
    let cases = [("btc", None), ("eth", None), ("usdt", Some("erc20")), ("usdc", Some("trc20"))];
    for (i, (coin, network)) in cases.iter().enumerate() {
        // A fresh order each time, so no invoice is resumed.
        let shop = Shop::new(&format!("ORD_QR_{i}")).host(r#"style="width: 440px""#);
        act::open_shop(&h, &format!("qr{i}"), &shop).await;
        act::click(&h, PAY, &format!("[data-coin={coin}]")).await;
        if let Some(n) = network {
            act::click(&h, PAY, &format!("[data-network={n}]")).await;
        }
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, ".gc-qr path").await;
        let invoice = h.state.store().list(getcrypto_sandbox::clock::now())[0].invoice.clone();
        assert_eq!(invoice.cryptocurrency, *coin);
        let expected = payment_uri(&invoice.cryptocurrency, &invoice.network, &invoice.address, &invoice.amount_due());
        let shown = find::data(&h, PAY, ".gc-qr", "uri").await;
        assert_eq!(shown, json!(expected));
        let png = h.browser.find(Locator::Css("#pay")).await.unwrap().screenshot().await.unwrap();
        let read = decode(&png);
        assert_eq!(read, vec![expected.clone()], "{coin}/{network:?}: the decoder read {read:?}");
        println!("{coin}: {expected}");
    }
    h.close().await;
}
