//! The project's name and what the order costs.

use yew::prelude::*;

/// What [`header`] shows.
pub struct HeaderProps {
    pub project_name: AttrValue,
    /// `Order ORD_123`.
    pub order: AttrValue,
    /// `11 EUR`.
    pub total: AttrValue,
}

/// The widget's heading.
pub fn header(props: &HeaderProps) -> Html {
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
