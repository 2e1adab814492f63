//! A copy button and its live confirmation, which screen readers hear.

use yew::prelude::*;

/// What [`copy_button`] shows.
pub struct CopyButtonProps {
    pub label: AttrValue,
    pub aria_label: AttrValue,
    pub done: AttrValue,
    pub failed: AttrValue,
    /// This value's last copy: `Some(true)` copied, `Some(false)` refused by
    /// the browser, until the confirmation fades.
    pub outcome: Option<bool>,
    pub onclick: Callback<MouseEvent>,
}

/// The copy button.
pub fn copy_button(props: &CopyButtonProps) -> Html {
    let (text, status) = match props.outcome {
        None => (props.label.clone(), AttrValue::default()),
        Some(true) => (props.done.clone(), props.done.clone()),
        Some(false) => (props.label.clone(), props.failed.clone()),
    };
    html! {
        <span class="gc-copy">
            <button type="button" class="gc-copy-button" data-copied={(props.outcome == Some(true)).to_string()}
                aria-label={props.aria_label.clone()} onclick={props.onclick.clone()}>{ text }</button>
            <span class="gc-copy-status" role="status" aria-live="polite">{ status }</span>
        </span>
    }
}
