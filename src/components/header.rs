//! The project's name and what the order costs.

use yew::prelude::*;

/// What [`header`] shows.
pub struct HeaderArgs {
    pub project_name: AttrValue,
    /// `Order ORD_123`.
    pub order: AttrValue,
    /// `11 EUR`.
    pub total: AttrValue,
}

/// The widget's heading.
pub fn header(props: &HeaderArgs) -> Html {
    html! {
        <header class="gc-header">
            <h2 class="gc-project">{ props.project_name.clone() }</h2>
            <p class="gc-order">
                <span>{ props.order.clone() }</span>
                <span class="gc-total" dir="ltr">{ props.total.clone() }</span>
            </p>
        </header>
    }
}

/// The heading of an order: the project, `Order ORD_123` and `11 EUR`.
pub fn order_header(project_name: &str, query: &getcrypto_api::WidgetQuery, t: crate::i18n::Lang) -> Html {
    header(&HeaderArgs {
        project_name: AttrValue::from(project_name.to_owned()),
        order: t.order_title(&query.order_id).into(),
        total: t.money(&query.amount, &query.currency.as_str().to_ascii_uppercase()).into(),
    })
}
