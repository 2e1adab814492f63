//! Screenshots of every view the payer can see, in English and Russian,
//! written to `docs/screenshots/` for the README and for a person to look at.
//! Needs `dist/` built; `cargo xtask screenshots` builds it and runs this.

use e2e::{act, check, repo_root, Engine, Harness, PAY};
use fantoccini::Locator;

/// Two wallets that answer EIP-6963's request with a name and an icon.
const ANNOUNCE_TWO_WALLETS: &str = r##"
    const icon = (color) => "data:image/svg+xml;base64," + btoa(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><circle cx="10" cy="10" r="9" fill="${color}"/></svg>`);
    const provider = { request: () => new Promise(() => {}) };
    window.addEventListener("eip6963:requestProvider", () => {
        for (const [uuid, name, color] of [["a", "Fox Wallet", "#f6851b"], ["b", "Blue Wallet", "#0052ff"]])
            window.dispatchEvent(new CustomEvent("eip6963:announceProvider",
                { detail: Object.freeze({ info: { uuid, name, icon: icon(color), rdns: "example." + uuid }, provider }) }));
    });"##;

async fn shot(h: &Harness, name: &str) {
    let png = h
        .browser
        .find(Locator::Css("#pay"))
        .await
        .expect("the mount element")
        .screenshot()
        .await
        .expect("a screenshot");
    let path = repo_root().join("docs/screenshots").join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write the screenshot");
    println!("{}", path.display());
}

/// The whole page as the payer holds it, written as `docs/screenshots/NAME.png`.
async fn page_shot(h: &Harness, name: &str) {
    let png = h.browser.screenshot().await.expect("a screenshot");
    let path = repo_root().join("docs/screenshots").join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write the screenshot");
    println!("{}", path.display());
}

/// The demo page in `lang` and `scheme` with nothing kept: the last invoice
/// is forgotten on a page with no widget, which cannot keep it again.
async fn fresh_demo(h: &Harness, lang: &str, scheme: &str) {
    h.browser.goto(&format!("{}/e2e/cart", h.base)).await.expect("a page of the shop");
    h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;
    h.browser.goto(&format!("{}/?language={lang}&scheme={scheme}", h.base)).await.expect("demo page");
}

async fn reinit(h: &Harness, key: &str, extra: &str, language: &str) {
    let language = &language[..2];
    h.js(
        &format!(
            "if (window.widget) window.widget.destroy();
             GetCrypto.init({key:?}, 'pay', Object.assign({{ project_id: 'pr_64e5a94d9c3f4', amount: 11, currency: 'eur',
               order_id: 'ORD_123', language: {language:?}, api_base: location.origin }}, {extra}))
             .then((w) => {{ window.widget = w; }}, () => {{}});"
        ),
        vec![],
    )
    .await;
}

#[tokio::main]
async fn main() {
    std::fs::create_dir_all(repo_root().join("docs/screenshots")).expect("docs/screenshots");
    if std::env::args().any(|a| a == "--engines") {
        return engines().await;
    }
    if std::env::args().any(|a| a == "--chunk") {
        return chunk_views().await;
    }
    if std::env::args().any(|a| a == "--arabic") {
        return arabic().await;
    }
    let h = Harness::start((1000, 1300)).await;
    h.browser.goto(&format!("{}/", h.base)).await.expect("demo page");
    for (lang, scheme) in [("en", "light"), ("ru", "light"), ("en", "dark"), ("ru", "dark")] {
        let lang_only = lang;
        let lang = &*if scheme == "dark" { format!("{lang}-dark") } else { lang.to_owned() };
        h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;
        h.browser.goto(&format!("{}/?language={lang_only}&scheme={scheme}", h.base)).await.expect("demo page");
        check::shows(&h, PAY, "[data-coin=usdt]").await;
        shot(&h, &format!("{lang}-1-choices")).await;
        act::click(&h, PAY, "[data-coin=usdt]").await;
        act::click(&h, PAY, "[data-network=trc20]").await;
        check::shows(&h, PAY, ".gc-pay").await;
        shot(&h, &format!("{lang}-2-network")).await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, ".gc-address").await;
        shot(&h, &format!("{lang}-3-payment")).await;
        act::demo_button(&h, "pay-part").await;
        check::shows(&h, PAY, ".gc-underpaid").await;
        shot(&h, &format!("{lang}-4-underpaid")).await;
        act::demo_button(&h, "pay").await;
        check::shows(&h, PAY, ".gc-confirming").await;
        shot(&h, &format!("{lang}-5-confirming")).await;
        act::demo_button(&h, "confirm").await;
        check::shows(&h, PAY, ".gc-paid").await;
        shot(&h, &format!("{lang}-6-paid")).await;
        // Back before the paid view moves on to the store, with nothing kept:
        // the storage is cleared first, so the new page cannot resume the
        // paid invoice and move on to the store itself.
        h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;
        h.browser.goto(&format!("{}/?language={lang_only}&scheme={scheme}", h.base)).await.expect("demo page");
        check::shows(&h, PAY, ".gc-widget").await;

        reinit(&h, "sandbox_demo_key", "{}", lang).await;
        act::click(&h, PAY, "[data-coin=btc]").await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, ".gc-address").await;
        act::demo_button(&h, "expire").await;
        check::shows(&h, PAY, ".gc-expired").await;
        shot(&h, &format!("{lang}-7-expired")).await;

        reinit(&h, "not_a_key", "{}", lang).await;
        check::shows(&h, PAY, ".gc-error").await;
        shot(&h, &format!("{lang}-8-error")).await;

        reinit(&h, "sandbox_demo_key", "{ currency: 'gbp' }", lang).await;
        check::shows(&h, PAY, ".gc-error").await;
        shot(&h, &format!("{lang}-9-bad-init")).await;

        // Nothing kept for the order: with the expired invoice above still
        // kept, the widget would show "Preparing the payment details…"
        // (its own screenshot, `*-6-preparing`) instead of the skeleton.
        h.js("localStorage.clear(); window.fetch = () => new Promise(() => {});", vec![]).await;
        reinit(&h, "sandbox_demo_key", "{}", lang).await;
        check::shows(&h, PAY, ".gc-skeleton:not(.gc-preparing)").await;
        shot(&h, &format!("{lang}-0-loading")).await;
    }
    h.close().await;

    // A phone (390 × 844, touch): Open in wallet under the amount, before
    // the QR code; the whole page, as the payer holds it.
    let h = Harness::start_phone().await;
    for (lang, scheme) in [("en", "light"), ("ru", "light"), ("en", "dark"), ("ru", "dark")] {
        let name = if scheme == "dark" { format!("phone-{lang}-dark") } else { format!("phone-{lang}") };
        fresh_demo(&h, lang, scheme).await;
        act::click(&h, PAY, "[data-coin=btc]").await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, "a.gc-wallet").await;
        page_shot(&h, &format!("{name}-3-payment")).await;

        // ETH with two browser wallets announcing themselves (EIP-6963).
        fresh_demo(&h, lang, scheme).await;
        h.js(ANNOUNCE_TWO_WALLETS, vec![]).await;
        act::click(&h, PAY, "[data-coin=eth]").await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, ".gc-wallets").await;
        e2e::dom::in_widget(&h, PAY, "root.querySelector('.gc-qr-box').scrollIntoView();", vec![]).await;
        page_shot(&h, &format!("{name}-4-wallets")).await;

        // Part paid, expired, and the page opened again: what the payer
        // who comes back reads.
        fresh_demo(&h, lang, scheme).await;
        act::click(&h, PAY, "[data-coin=usdt]").await;
        act::click(&h, PAY, "[data-network=trc20]").await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, ".gc-address").await;
        act::demo_button(&h, "pay-part").await;
        check::shows(&h, PAY, ".gc-underpaid").await;
        act::demo_button(&h, "expire").await;
        check::shows(&h, PAY, ".gc-expired").await;
        h.browser.goto(&format!("{}/?language={lang}&scheme={scheme}", h.base)).await.expect("demo page");
        check::shows(&h, PAY, ".gc-expired").await;
        page_shot(&h, &format!("{name}-5-returned-expired")).await;
    }
    h.close().await;

    chunk_views().await;
    engines().await;
    arabic().await;
}

/// Every view in Arabic on a phone: mirrored, with the amounts, the
/// address, the network and the countdown left to right.
async fn arabic() {
    let h = Harness::start_phone().await;
    let name = "phone-ar";
    fresh_demo(&h, "ar", "light").await;
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    shot(&h, &format!("{name}-1-choices")).await;
    act::click(&h, PAY, "[data-coin=usdt]").await;
    act::click(&h, PAY, "[data-network=trc20]").await;
    shot(&h, &format!("{name}-2-network")).await;
    act::click(&h, PAY, ".gc-pay").await;
    check::shows(&h, PAY, ".gc-address").await;
    page_shot(&h, &format!("{name}-3-payment")).await;
    act::demo_button(&h, "pay-part").await;
    check::shows(&h, PAY, ".gc-underpaid").await;
    shot(&h, &format!("{name}-4-underpaid")).await;
    act::demo_button(&h, "expire").await;
    check::shows(&h, PAY, ".gc-expired").await;
    shot(&h, &format!("{name}-5-expired")).await;
    fresh_demo(&h, "ar", "dark").await;
    act::click(&h, PAY, "[data-coin=usdt]").await;
    act::click(&h, PAY, "[data-network=trc20]").await;
    act::click(&h, PAY, ".gc-pay").await;
    check::shows(&h, PAY, ".gc-address").await;
    act::demo_button(&h, "pay").await;
    check::shows(&h, PAY, ".gc-confirming").await;
    shot(&h, &format!("{name}-dark-6-confirming")).await;
    act::demo_button(&h, "confirm").await;
    check::shows(&h, PAY, ".gc-paid").await;
    shot(&h, &format!("{name}-dark-7-paid")).await;
    h.close().await;
}

/// The payment view in each engine, side by side in the docs.
/// The payment chunk failing and on its way, on a phone and at a desktop
/// width: Pay pressed while it cannot be had, then the invoice made once it
/// can, and shown again on a later visit while the chunk is held.
async fn chunk_views() {
    for (lang, phone) in [("en", true), ("ru", true), ("en", false), ("ru", false)] {
        let h = if phone { Harness::start_phone().await } else { Harness::start((1000, 1300)).await };
        let device = if phone { "phone" } else { "desktop" };
        let chunk = h.serve_shop(lang, None);
        h.fault(&chunk, Some(e2e::Fault::Fail(u32::MAX)));
        h.browser.goto(&format!("{}/e2e/shop", h.base)).await.expect("the shop");
        act::click(&h, PAY, "[data-coin=usdt]").await;
        act::click(&h, PAY, "[data-network=trc20]").await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, ".gc-error").await;
        page_shot(&h, &format!("{device}-{lang}-7-payment-unavailable")).await;
        h.fault(&chunk, None);
        act::click(&h, PAY, ".gc-error button").await;
        check::shows(&h, PAY, ".gc-address").await;
        let (gate, held) = tokio::sync::watch::channel(false);
        h.fault(&chunk, Some(e2e::Fault::Hold(held)));
        h.browser.goto(&format!("{}/e2e/shop", h.base)).await.expect("the shop");
        check::shows(&h, PAY, ".gc-preparing").await;
        page_shot(&h, &format!("{device}-{lang}-6-preparing")).await;
        drop(gate);
        h.close().await;
    }
}

async fn engines() {
    for (engine, name) in [(Engine::Chromium, "chromium"), (Engine::Firefox, "firefox"), (Engine::WebKit, "webkit")] {
        let h = Harness::start_in(engine, (1000, 1300)).await;
        h.browser.goto(&format!("{}/", h.base)).await.expect("demo page");
        act::click(&h, PAY, "[data-coin=usdt]").await;
        act::click(&h, PAY, "[data-network=erc20]").await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, "a.gc-wallet").await;
        // Two frames painted after the view is in place: WebKitGTK's
        // screenshot otherwise shows an earlier paint.
        h.js("document.getElementById('pay').scrollIntoView();", vec![]).await;
        let frames = "const done = arguments[arguments.length - 1]; \
                      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));";
        h.browser.execute_async(frames, vec![]).await.expect("frames painted");
        let size = h.js("return [innerWidth, innerHeight];", vec![]).await;
        println!("{name}: a window of {size}");
        // The window as the payer sees it: WebKitGTK paints only what is in
        // view, so an element taller than the window would come out cut.
        let png = h.browser.screenshot().await.expect("a screenshot");
        let path = repo_root().join("docs/screenshots").join(format!("engine-{name}-3-payment.png"));
        std::fs::write(&path, png).expect("write the screenshot");
        println!("{}", path.display());
        h.close().await;
    }
}
