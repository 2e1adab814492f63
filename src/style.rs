//! The widget's stylesheets: the first view's (`www/getcrypto.css`) and
//! the payment phase's (`www/payment.css`, which travels in the payment
//! chunk), each shrunk by `build.rs`, and the one constructed sheet every
//! widget on the page shares.

/// The widget's stylesheet, rendered into every instance so that the head
/// script needs no second file.
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/getcrypto.min.css"));

/// The payment phase's rules: only the payment phase reads them, so they
/// travel in its chunk and join [`STYLE`] when it arrives.
pub const PAYMENT_STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/payment.min.css"));

thread_local! {
    /// The stylesheet, parsed once and shared by every widget on the page;
    /// `None` where the browser cannot construct one (Safari before 16.4).
    static SHEET: Option<web_sys::CssStyleSheet> = web_sys::CssStyleSheet::new()
        .ok()
        .filter(|sheet| sheet.replace_sync(STYLE).is_ok());
    static SHARED_EXTRA: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Gives `root` the shared stylesheet. A constructed sheet is not inline
/// style to a Content-Security-Policy, and a second widget neither parses
/// nor stores it again. `false` when the widget must carry a `<style>`.
pub fn adopt(root: &web_sys::ShadowRoot) -> bool {
    SHEET.with(|sheet| match sheet {
        Some(sheet) => {
            root.set_adopted_style_sheets(&js_sys::Array::of1(sheet));
            true
        }
        None => false,
    })
}

/// Adds `extra` (the payment phase's rules, which come with its chunk) to
/// the shared stylesheet, once: every widget's shadow root sees them at
/// once, as they adopt the same sheet. `false` where there is no shared
/// sheet and the caller must render its rules in a `<style>`.
pub fn share(extra: &'static str) -> bool {
    SHEET.with(|sheet| match sheet {
        Some(sheet) => {
            if !SHARED_EXTRA.with(|added| added.replace(true)) {
                let _ = sheet.replace_sync(&format!("{STYLE}{extra}"));
            }
            true
        }
        None => false,
    })
}
