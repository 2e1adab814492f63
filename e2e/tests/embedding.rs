//! The widget on merchants' pages: hostile global CSS cannot change it,
//! its CSS does not leak out, and it fits from 320 px up with no horizontal
//! scroll.

use e2e::shop::Shop;
use e2e::{act, check, find, Harness, PAY};
use image::GenericImageView;
use serde_json::json;

/// A shop page with `head` in its head, and a paragraph of its own that
/// wears one of the widget's class names.
fn shop(head: &str) -> Shop {
    Shop::new("ORD_CSS")
        .head(head)
        .body(r#"style="margin:0;""#)
        .host(r#"style="width: 440px""#)
        .after(r#"<p class="gc-option" id="outside">A paragraph of the shop</p>"#)
}

const HOSTILE: &str = r#"<style>
  * { font-size: 40px !important; font-family: "Comic Sans MS", cursive !important; color: lime !important;
      background: red !important; box-sizing: content-box !important; }
  button { display: none !important; }
  div { padding: 30px !important; border: 5px dotted blue !important; }
  svg, path { fill: red !important; }
</style>"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_page_css_changes_nothing_and_ours_stays_inside() {
    let h = Harness::start((1000, 1000)).await;
    let shot = |name: &'static str| {
        let h = &h;
        async move {
            act::open_shop(h, name, &shop(if name == "hostile" { HOSTILE } else { "" })).await;
            check::shows(h, PAY, "[data-coin=usdt]").await;
            // The widget's own box: the mount element is the page's, and
            // the page may pad or border it as it likes.
            let rect = e2e::dom::in_widget(
                h,
                PAY,
                "const r = root.querySelector('.gc-widget').getBoundingClientRect();
                 return [r.x, r.y, r.width, r.height].map(Math.round);",
                vec![],
            )
            .await;
            let [x, y, w, hgt] = [0, 1, 2, 3].map(|i| rect[i].as_u64().unwrap() as u32);
            let png = h.browser.screenshot().await.unwrap();
            image::load_from_memory(&png).unwrap().to_rgba8().view(x, y, w, hgt).to_image()
        }
    };
    let a = shot("calm").await;
    let b = shot("hostile").await;
    assert_eq!(a.dimensions(), b.dimensions(), "same size");
    // Outside its rounded corners the page's own background shows through;
    // everything else is the widget's.
    let (w, hgt) = a.dimensions();
    let corner = |x: u32, y: u32| (x < 14 || x >= w - 14) && (y < 14 || y >= hgt - 14);
    let differing = a.enumerate_pixels().zip(b.pixels()).filter(|((x, y, p), q)| !corner(*x, *y) && p != q).count();
    // Headless rasterisation anti-aliases a few edge pixels differently from
    // one paint to the next; a changed font, colour or layout changes
    // thousands.
    assert!(
        differing * 1000 <= (w * hgt) as usize,
        "the widget looks the same on the hostile page: {differing} pixels differ"
    );

    // And it works the same: the buttons the page hides stay usable.
    act::click(&h, PAY, "[data-coin=usdt]").await;
    act::click(&h, PAY, "[data-network=trc20]").await;
    act::click(&h, PAY, ".gc-pay").await;
    check::shows(&h, PAY, ".gc-address").await;

    // The widget's classes do not style the page's own elements.
    let outside = h.js("return getComputedStyle(document.getElementById('outside')).borderTopWidth;", vec![]).await;
    assert_ne!(outside, json!("1.5px"), "the page's .gc-option is not styled by the widget");
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fits_from_320_px_without_horizontal_scroll() {
    let h = Harness::start((320, 900)).await;
    for (width, name) in [(320, "narrow"), (1200, "wide")] {
        h.browser.set_window_size(width, 900).await.unwrap();
        act::open_shop(&h, name, &shop("").host("")).await;
        act::click(&h, PAY, "[data-coin=usdt]").await;
        act::click(&h, PAY, "[data-network=erc20]").await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, ".gc-address").await;
        let overflow = e2e::dom::in_widget(
            &h,
            PAY,
            "const r = root.querySelector('.gc-widget');
             return [document.documentElement.scrollWidth - document.documentElement.clientWidth, r.scrollWidth - r.clientWidth];",
            vec![],
        )
        .await;
        assert_eq!(overflow, json!([0, 0]), "{name}: no horizontal scroll");
        h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;
    }
    h.close().await;
}

/// A page under the Content-Security-Policy the README gives, with no
/// `'unsafe-inline'` styles: the widget loads, is styled (its stylesheet is
/// a constructed one, shared by the page's widgets) and works; without
/// `'wasm-unsafe-eval'` it cannot, and says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_under_the_documented_content_security_policy() {
    let h = Harness::start((1000, 1000)).await;
    let csp_page = |script_src: &str| {
        format!(
            r#"<!doctype html><html><head>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'nonce-shop' {script_src}; connect-src 'self'; style-src 'self'">
            <script src="/dist/getcrypto.js"></script></head><body><div id="pay"></div>
            <script nonce="shop">
            GetCrypto.init("sandbox_demo_key", "pay", {{ project_id: "pr_64e5a94d9c3f4", amount: 11, currency: "eur",
              order_id: "ORD_CSP", language: "en", api_base: location.origin }})
              .then(() => {{ window.result = "mounted"; }}, (e) => {{ window.result = e.message; }});
            </script></body></html>"#
        )
    };
    h.browser.goto(&h.serve_page("csp", csp_page("'wasm-unsafe-eval'"))).await.unwrap();
    let result = check::holds(&h, "init", "return window.result;", vec![]).await;
    assert_eq!(result, json!("mounted"));
    check::shows(&h, PAY, "[data-coin=btc]").await;
    let styled = json!([
        find::count(&h, PAY, "style").await,
        e2e::dom::in_widget(&h, PAY, "return root.adoptedStyleSheets.length;", vec![]).await,
        find::style(&h, PAY, ".gc-widget", "borderTopLeftRadius").await,
    ]);
    assert_eq!(styled, json!([0, 1, "12px"]), "no <style>, one shared sheet, and its rules applied");
    act::click(&h, PAY, "[data-coin=btc]").await;
    act::click(&h, PAY, ".gc-pay").await;
    check::shows(&h, PAY, ".gc-address").await;

    h.browser.goto(&h.serve_page("csp-strict", csp_page(""))).await.unwrap();
    let result = check::holds(&h, "init", "return window.result;", vec![]).await;
    let message = result.as_str().unwrap_or_default();
    assert!(message.starts_with("GetCrypto: the widget could not be loaded"), "{message}");
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_connection_opens_while_the_wasm_loads() {
    let h = Harness::start((1000, 1000)).await;
    // The API on another origin than the page: the same sandbox by another name.
    let api = h.base.replace("127.0.0.1", "localhost");
    let html = format!(
        r#"<!doctype html><html><head><script src="/dist/getcrypto.js"></script></head><body>
        <div id="pay"></div><div id="pay2"></div><div id="pay3"></div><div id="pay4"></div><script>
        const order = (id, api_base) => ({{ project_id: "pr_64e5a94d9c3f4", amount: 11, currency: "eur",
          order_id: "ORD_" + id, language: "en", api_base }});
        GetCrypto.init("sandbox_demo_key", "pay", order("A", "{api}"));
        GetCrypto.init("sandbox_demo_key", "pay2", order("B", "{api}/"));
        GetCrypto.init("sandbox_demo_key", "pay3", order("C", location.origin));
        GetCrypto.init("sandbox_demo_key", "pay4", order("D", "javascript:alert(1)"))
          .then(() => "mounted", (e) => e.message).then((m) => {{ window.refused = m; }});
        window.linksAtInit = [...document.head.querySelectorAll("link[rel=preconnect]")]
          .map((l) => [l.href, l.crossOrigin]);
        </script></body></html>"#
    );
    h.browser.goto(&h.serve_page("preconnect", html)).await.unwrap();
    // Put in the page by init itself, before the wasm is ready: one link for
    // the API's origin however it is spelled, none for the page's own origin
    // or for a base that is not http(s).
    let links = h.js("return window.linksAtInit;", vec![]).await;
    assert_eq!(links, json!([[format!("{api}/"), "anonymous"]]));
    let refused = check::holds(&h, "the refused init", "return window.refused;", vec![]).await;
    assert!(refused.as_str().unwrap().contains("api_base"), "{refused}");
    // And the widget's requests go over it: the coins come from that origin.
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    let asked = h
        .js(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/v1/widget'));",
            vec![],
        )
        .await;
    assert!(asked.as_array().unwrap().iter().any(|n| n.as_str().unwrap().starts_with(&api)), "{asked}");
    h.close().await;
}
