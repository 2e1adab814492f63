//! Copying a value to the clipboard: the outcome into the state, and its
//! confirmation faded two seconds later.

use crate::dom;
use crate::state::{Action, CopyTarget, State};
use gloo_timers::callback::Timeout;
use yew::platform::spawn_local;
use yew::prelude::*;

/// How long "Copied" stays.
const SHOWN_MS: u32 = 2_000;

/// A callback that copies `(target, text)` and reports it.
#[hook]
pub fn use_copy(state: &UseReducerHandle<State>) -> Callback<(CopyTarget, String)> {
    // Held so that a later copy, or the widget going away, cancels the fade.
    let fade = use_mut_ref(|| None::<Timeout>);
    let dispatcher = state.dispatcher();
    Callback::from(move |(target, text): (CopyTarget, String)| {
        let (dispatcher, fade) = (dispatcher.clone(), fade.clone());
        spawn_local(async move {
            let ok = dom::copy(&text).await;
            dispatcher.dispatch(Action::Copied(target, ok));
            *fade.borrow_mut() = Some(Timeout::new(SHOWN_MS, move || dispatcher.dispatch(Action::CopyFaded)));
        });
    })
}
