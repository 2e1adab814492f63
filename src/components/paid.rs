//! The invoice is paid: say so, and, as the shop chose (`after_paid`), take
//! the payer back to the store after a few seconds, offer the button only,
//! or stay.

use getcrypto_api::url::is_web_url;
use gloo_timers::callback::Interval;
use yew::prelude::*;

/// Seconds the success view stays before the move to `success_url`.
pub const RETURN_AFTER_SECS: u32 = 5;

/// Props of [`Paid`].
#[derive(Properties, PartialEq)]
pub struct PaidProps {
    pub title: AttrValue,
    pub body: AttrValue,
    /// `11.944214 USDT`.
    pub amount: AttrValue,
    /// The store's `success_url`; followed only when http or https.
    pub return_url: Option<AttrValue>,
    /// `Return to the store now`.
    pub return_label: AttrValue,
    /// `Returning you to the store in {n} s.`, for each n.
    pub returning: Callback<u32, String>,
    /// Leave for `return_url` by itself after the countdown.
    pub leave: bool,
    /// Offer the button to `return_url`.
    pub offer: bool,
}

/// The success view.
#[component]
pub fn Paid(props: &PaidProps) -> Html {
    let url = props.return_url.clone().filter(|u| is_web_url(u) && props.offer);
    let left = use_state(|| RETURN_AFTER_SECS);
    {
        let (left, url) = (left.clone(), url.clone().filter(|_| props.leave));
        use_effect_with(url, move |url| {
            let tick = url.clone().map(|url| {
                let mut n = RETURN_AFTER_SECS;
                Interval::new(1_000, move || {
                    n = n.saturating_sub(1);
                    left.set(n);
                    if n == 0 {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().assign(&url);
                        }
                    }
                })
            });
            move || drop(tick)
        });
    }
    html! {
        <section class="gc-result gc-paid" role="status">
            <div class="gc-result-icon" aria-hidden="true">{ "✓" }</div>
            <h3 class="gc-result-title" tabindex="-1">{ props.title.clone() }</h3>
            <p class="gc-result-amount">{ props.amount.clone() }</p>
            <p>{ props.body.clone() }</p>
            if let Some(url) = url {
                if props.leave {
                    <p class="gc-returning">{ props.returning.emit(*left) }</p>
                }
                <a class="gc-button" href={url} rel="noopener noreferrer">{ props.return_label.clone() }</a>
            }
        </section>
    }
}
