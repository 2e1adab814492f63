//! The project's name and what the order costs.

use crate::vnode::{class, el, V};

/// What [`header`] shows.
pub struct HeaderArgs<'a> {
    pub project_name: &'a str,
    /// `Order ORD_123`.
    pub order: String,
    /// `11 EUR`.
    pub total: String,
}

/// The widget's heading.
pub fn header(args: HeaderArgs) -> V {
    class("header", "gc-header")
        .child(class("h2", "gc-project").text(args.project_name))
        .child(
            class("p", "gc-order")
                .child(el("span").text(args.order))
                .child(class("span", "gc-total").attr("dir", "ltr").text(args.total)),
        )
        .into()
}

/// The heading of an order: the project, `Order ORD_123` and `11 EUR`.
pub fn order_header(project_name: &str, query: &getcrypto_api::WidgetQuery, t: crate::i18n::Lang) -> V {
    header(HeaderArgs {
        project_name,
        order: t.order_title(&query.order_id),
        total: t.money(&query.amount, &query.currency.as_str().to_ascii_uppercase()),
    })
}
