//! A button that copies a value and says so, visibly and to screen readers.

use crate::dom;
use gloo_timers::callback::Timeout;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The exact text to copy.
    pub value: AttrValue,
    /// `Copy`.
    pub label: AttrValue,
    /// `Copy the address`, for screen readers.
    pub aria_label: AttrValue,
    /// `Copied`.
    pub done: AttrValue,
    /// What to say when the browser refuses.
    pub failed: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// The copy button.
#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let outcome = use_state(|| CopyState::Idle);
    // Held so that the reset is cancelled if the button goes away first.
    let reset = use_mut_ref(|| None::<Timeout>);
    let onclick = {
        let (outcome, reset, value) = (outcome.clone(), reset.clone(), props.value.clone());
        Callback::from(move |_: MouseEvent| {
            let (outcome, reset, value) = (outcome.clone(), reset.clone(), value.clone());
            spawn_local(async move {
                let ok = dom::copy(&value).await;
                outcome.set(if ok { CopyState::Copied } else { CopyState::Failed });
                let back = outcome.clone();
                *reset.borrow_mut() = Some(Timeout::new(2_000, move || back.set(CopyState::Idle)));
            });
        })
    };
    let (text, status) = match *outcome {
        CopyState::Idle => (props.label.clone(), AttrValue::default()),
        CopyState::Copied => (props.done.clone(), props.done.clone()),
        CopyState::Failed => (props.label.clone(), props.failed.clone()),
    };
    html! {
        <span class="gc-copy">
            <button type="button" class="gc-copy-button" data-copied={(*outcome == CopyState::Copied).to_string()}
                aria-label={props.aria_label.clone()} {onclick}>{ text }</button>
            <span class="gc-copy-status" role="status" aria-live="polite">{ status }</span>
        </span>
    }
}
