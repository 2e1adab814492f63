//! What the payer sees while the order's kept invoice waits for the
//! payment chunk that reads and shows it: the order, what is happening,
//! and placeholders shaped like the details.

use super::header::order_header;
use crate::i18n::Lang;
use crate::state::{Phase, State};
use crate::vnode::{class, V};
use getcrypto_api::WidgetQuery;

/// The payment details' placeholder.
pub fn preparing(state: &State, query: &WidgetQuery, t: Lang) -> Vec<V> {
    let project = match &state.phase {
        Phase::Tracking(t) => t.project_name.as_str(),
        _ => "",
    };
    vec![
        order_header(project, query, t),
        class("div", "gc-skeleton gc-preparing")
            .attr("role", "status")
            .attr("aria-busy", "true")
            .child(class("p", "gc-preparing-text").text(t.preparing()))
            .child(class("div", "gc-bone gc-bone-option"))
            .child(class("div", "gc-bone gc-bone-qr"))
            .child(class("div", "gc-bone gc-bone-line"))
            .child(class("div", "gc-bone gc-bone-line"))
            .into(),
    ]
}
