//! A failure, in words, with a retry where retrying can help.

use yew::prelude::*;

/// What [`error_box`] shows.
pub struct ErrorBoxArgs {
    pub title: Option<AttrValue>,
    pub message: AttrValue,
    /// What failed, in technical words (English, the loader's), for the
    /// one who must fix it.
    pub detail: Option<AttrValue>,
    /// `(label, callback)` of a retry button.
    pub retry: Option<(AttrValue, Callback<MouseEvent>)>,
}

/// The error box.
pub fn error_box(props: &ErrorBoxArgs) -> Html {
    html! {
        <div class="gc-error" role="alert">
            { for props.title.iter().map(|t| html! { <strong class="gc-error-title">{ t.clone() }</strong> }) }
            <p class="gc-error-message">{ props.message.clone() }</p>
            { for props.detail.iter().map(|d| html! { <p class="gc-technical" lang="en">{ d.clone() }</p> }) }
            { for props.retry.iter().map(|(label, onclick)| html! {
                <button type="button" class="gc-button gc-secondary" onclick={onclick.clone()}>{ label.clone() }</button>
            }) }
        </div>
    }
}
