//! The QR code of the payment URI, drawn as SVG.

use crate::qr::QrPath;
use crate::vnode::{class, el, V};

/// The QR code of `uri` (drawn as `path`, worked out once per URI by the
/// payment), with the URI kept in `data-uri` for tests and tooling;
/// `label` is read by screen readers.
pub fn qr_code(uri: &str, label: &str, path: Option<&QrPath>) -> Option<V> {
    let p = path?;
    let svg = class("svg", "gc-qr")
        .attr("role", "img")
        .attr("aria-label", label)
        .attr("data-uri", uri)
        .attr("viewBox", format!("0 0 {0} {0}", p.side))
        .attr("shape-rendering", "crispEdges")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .child(el("rect").attr("width", "100%").attr("height", "100%").attr("fill", "#fff"))
        .child(el("path").attr("d", p.d.clone()).attr("fill", "#000"));
    Some(svg.into())
}
