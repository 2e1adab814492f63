//! The QR code of the payment URI, drawn as SVG.

use crate::qr::qr_path;
use yew::prelude::*;

/// Props of [`QrCode`].
#[derive(Properties, PartialEq)]
pub struct QrCodeProps {
    /// The exact payment URI.
    pub uri: AttrValue,
    /// Read by screen readers.
    pub label: AttrValue,
}

/// The QR code, with the URI kept in `data-uri` for tests and tooling.
#[component]
pub fn QrCode(props: &QrCodeProps) -> Html {
    let path = use_memo(props.uri.clone(), |uri| qr_path(uri));
    match &*path {
        Some(p) => html! {
            <svg class="gc-qr" role="img" aria-label={props.label.clone()} data-uri={props.uri.clone()}
                viewBox={format!("0 0 {0} {0}", p.side)} shape-rendering="crispEdges"
                xmlns="http://www.w3.org/2000/svg">
                <rect width="100%" height="100%" fill="#fff" />
                <path d={p.d.clone()} fill="#000" />
            </svg>
        },
        None => html! {},
    }
}
