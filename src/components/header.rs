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
                <span class="gc-total">{ props.total.clone() }</span>
            </p>
        </header>
    }
}

/// The heading of an order: the project, `Order ORD_123` and `11 EUR`.
pub fn order_header(project_name: &str, query: &getcrypto_api::WidgetQuery, lang: getcrypto_api::Language) -> Html {
    let t = crate::i18n::texts(lang);
    header(&HeaderArgs {
        project_name: AttrValue::from(project_name.to_owned()),
        order: format!("{} {}", t.order, query.order_id).into(),
        total: crate::i18n::money(lang, &query.amount, &query.currency.as_str().to_ascii_uppercase()).into(),
    })
}
