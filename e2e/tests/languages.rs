//! Every shipped language in a real browser: each view at 320 px and at a
//! desktop's width with no sideways scroll and no axe violation, the root
//! marked with its language and direction, a payer downloading only their
//! own language's file, Arabic mirrored with its amounts and address left
//! to right, and a language file that fails leaving English and an event.

use e2e::dom::{axe, find, in_widget, PAY};
use e2e::shop::Shop;
use e2e::{act, check, Harness};
use getcrypto_widget::lang::{right_to_left, SHIPPED};
use serde_json::{json, Value};

fn shop(order: &str, language: &str) -> Shop {
    Shop::new(order).param("language", &format!("{language:?}"))
}

/// What sticks out sideways: the page's and the widget's horizontal
/// scroll, and any element of the widget past its edges.
async fn overflow(h: &Harness) -> Value {
    in_widget(
        h,
        PAY,
        "const w = root.querySelector('.gc-widget'); const box = w.getBoundingClientRect();
         const out = [...w.querySelectorAll('*')].filter((e) => {
           const r = e.getBoundingClientRect();
           return r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5);
         }).map((e) => e.tagName + '.' + e.className);
         return [document.documentElement.scrollWidth - document.documentElement.clientWidth, w.scrollWidth - w.clientWidth, out];",
        vec![],
    )
    .await
}

/// Every view in each of `tags` at 320 px, axe on the four views with the
/// most text, and the widest views at a desktop's width: problems found.
async fn every_view_fits(tags: &[&str]) -> Vec<String> {
    let source = axe::source();
    // A shop per language and width, each on the one key: far more shops
    // a minute than the key's 60 requests are for.
    let h = Harness::start_with((320, 900), &[], |c| c.rate_limit = 100_000).await;
    let mut found = Vec::new();
    for (width, name) in [(320, "320px"), (1200, "desktop")] {
        h.browser.set_window_size(width, 900).await.unwrap();
        for tag in tags.iter().copied() {
            let order = format!("ORD_{}_{name}", tag.replace('-', "_"));
            act::open_shop(&h, &format!("{tag}-{name}"), &shop(&order, tag)).await;
            check::shows(&h, PAY, "[data-coin=usdt]").await;
            let root = json!([
                find::attribute(&h, PAY, ".gc-widget", "lang").await,
                find::attribute(&h, PAY, ".gc-widget", "dir").await
            ]);
            let dir = if right_to_left(tag) { "rtl" } else { "ltr" };
            assert_eq!(root, json!([tag, dir]), "{tag}: the root's lang and dir");
            let mut look = async |view: &str, axe_too: bool| {
                let o = overflow(&h).await;
                if o != json!([0, 0, []]) {
                    eprintln!("{tag}/{name}/{view}: overflows {o}");
                    found.push(format!("{tag}/{name}/{view}: overflows {o}"));
                }
                if axe_too {
                    for v in axe::violations(&h, &source).await {
                        eprintln!("{tag}/{name}/{view}: {v}");
                        found.push(format!("{tag}/{name}/{view}: {v}"));
                    }
                }
            };
            look("choices", width == 320).await;
            act::click(&h, PAY, "[data-coin=usdt]").await;
            act::click(&h, PAY, "[data-network=trc20]").await;
            look("network", false).await;
            act::click(&h, PAY, ".gc-pay").await;
            check::shows(&h, PAY, ".gc-address").await;
            look("payment", width == 320).await;
            // At a desktop's width, the widest views are enough.
            if width != 320 {
                continue;
            }
            act::sandbox_shown(&h, "pay-part").await;
            check::shows(&h, PAY, ".gc-underpaid").await;
            look("underpaid", false).await;
            act::sandbox_shown(&h, "expire").await;
            check::shows(&h, PAY, ".gc-expired").await;
            look("expired part-paid", width == 320).await;
            // A second order, paid in full: confirming, then paid.
            h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;
            act::open_shop(&h, &format!("{tag}-{name}-paid"), &shop(&format!("{order}_PAID"), tag)).await;
            act::click(&h, PAY, "[data-coin=usdt]").await;
            act::click(&h, PAY, "[data-network=trc20]").await;
            act::click(&h, PAY, ".gc-pay").await;
            check::shows(&h, PAY, ".gc-address").await;
            act::sandbox_shown(&h, "pay").await;
            check::shows(&h, PAY, ".gc-confirming").await;
            look("confirming", false).await;
            act::sandbox_shown(&h, "confirm").await;
            check::shows(&h, PAY, ".gc-paid").await;
            look("paid", width == 320).await;
            h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;
        }
    }
    h.close().await;
    found
}

// The languages in two halves, each in a browser of its own, side by side.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_view_fits_and_passes_axe_in_the_first_half_of_the_languages() {
    let found = every_view_fits(&SHIPPED[..SHIPPED.len() / 2]).await;
    assert!(found.is_empty(), "{} problems:\n{}", found.len(), found.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_view_fits_and_passes_axe_in_the_second_half_of_the_languages() {
    let found = every_view_fits(&SHIPPED[SHIPPED.len() / 2..]).await;
    assert!(found.is_empty(), "{} problems:\n{}", found.len(), found.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payer_downloads_only_their_own_language() {
    let h = Harness::start((1000, 900)).await;
    let fetched = async |h: &Harness| {
        let names = h
            .js(
                "return performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('getcrypto_lang.'));",
                vec![],
            )
            .await;
        names
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().rsplit('/').next().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    act::open_shop(&h, "ru", &shop("ORD_RU_ONLY", "ru")).await;
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    assert!(find::text(&h, PAY, ".gc-widget").await.contains("Выберите криптовалюту"));
    let ru = fetched(&h).await;
    assert!(ru.len() == 1 && ru[0].starts_with("getcrypto_lang.ru."), "a Russian payer fetches Russian only: {ru:?}");
    act::open_shop(&h, "en", &shop("ORD_EN_ONLY", "en")).await;
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    assert_eq!(fetched(&h).await, Vec::<String>::new(), "English is built in");
    // `auto` reads the browser's languages; an unshipped tag its nearest.
    act::open_shop(
        &h,
        "auto",
        &shop("ORD_AUTO", "auto")
            .before("Object.defineProperty(navigator, 'languages', { value: ['sw-KE', 'de-CH'] });"),
    )
    .await;
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    assert_eq!(find::attribute(&h, PAY, ".gc-widget", "lang").await, json!("de"));
    act::open_shop(&h, "pt-PT", &shop("ORD_PT", "pt-PT")).await;
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    assert_eq!(find::attribute(&h, PAY, ".gc-widget", "lang").await, json!("pt"));
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arabic_is_mirrored_with_amounts_and_the_address_intact() {
    let h = Harness::start((390, 844)).await;
    act::open_shop(&h, "ar", &shop("ORD_AR", "ar")).await;
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    act::click(&h, PAY, "[data-coin=usdt]").await;
    act::click(&h, PAY, "[data-network=trc20]").await;
    act::click(&h, PAY, ".gc-pay").await;
    check::shows(&h, PAY, ".gc-address").await;
    let read = in_widget(
        &h,
        PAY,
        "const w = root.querySelector('.gc-widget'); const a = root.querySelector('.gc-address');
         const amount = root.querySelector('.gc-amount');
         return [getComputedStyle(w).direction, getComputedStyle(a).direction, getComputedStyle(amount).direction,
                 a.textContent.replace(/\\s/g, '') === a.dataset.address, amount.textContent.startsWith(amount.dataset.amount),
                 root.querySelector('.gc-field-caption').getBoundingClientRect().right > w.getBoundingClientRect().right - 40];",
        vec![],
    )
    .await;
    assert_eq!(
        read,
        json!(["rtl", "ltr", "ltr", true, true, true]),
        "mirrored, with the address and amount left to right"
    );
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_language_file_that_fails_leaves_english_and_tells_the_page() {
    let h = Harness::start((1000, 900)).await;
    let dist = e2e::site_root().join("dist");
    let names = e2e::budget::language_names(&dist).unwrap_or_else(|e| panic!("{e}"));
    let ru = names.iter().find(|n| n.starts_with("getcrypto_lang.ru.")).expect("Russian is shipped");
    // The head script served from /e2e/, its Russian failing there.
    let chunk = h.serve_shop("ru", None);
    assert!(!chunk.is_empty());
    h.fault(ru, Some(e2e::Fault::Fail(u32::MAX)));
    h.browser.goto(&format!("{}/e2e/shop", h.base)).await.unwrap();
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    assert!(find::text(&h, PAY, ".gc-widget").await.contains("Choose a cryptocurrency"), "English words");
    let error = check::holds(
        &h,
        "the error event",
        "return (window.__events || []).find((e) => e.name === 'error' && e.detail.message.includes(' ru '));",
        vec![],
    )
    .await;
    assert_eq!(error["detail"]["code"], json!("load"), "{error}");
    assert!(h.requests_for(ru) >= 1, "the Russian file was asked for");
    h.close().await;
}
