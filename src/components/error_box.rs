//! A failure, in words, with a retry where retrying can help.

use yew::prelude::*;

/// Props of [`ErrorBox`].
#[derive(Properties, PartialEq)]
pub struct ErrorBoxProps {
    #[prop_or_default]
    pub title: Option<AttrValue>,
    pub message: AttrValue,
    /// `(label, callback)` of a retry button.
    #[prop_or_default]
    pub retry: Option<(AttrValue, Callback<MouseEvent>)>,
}

/// The error box.
#[component]
pub fn ErrorBox(props: &ErrorBoxProps) -> Html {
    html! {
        <div class="gc-error" role="alert">
            { for props.title.iter().map(|t| html! { <strong class="gc-error-title">{ t.clone() }</strong> }) }
            <p class="gc-error-message">{ props.message.clone() }</p>
            { for props.retry.iter().map(|(label, onclick)| html! {
                <button type="button" class="gc-button gc-secondary" onclick={onclick.clone()}>{ label.clone() }</button>
            }) }
        </div>
    }
}
