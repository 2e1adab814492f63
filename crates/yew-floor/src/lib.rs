//! Yew's floor: one function component with a state, a click callback and
//! three elements, mounted on an element by one exported function. Built by
//! `cargo xtask bench` with the widget's release flags, so that the widget's
//! size is read against what any Yew app of this toolchain ships.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[function_component]
fn Counter() -> Html {
    let count = use_state(|| 0u32);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_| count.set(*count + 1))
    };
    html! {
        <div>
            <button {onclick}>{ "Add" }</button>
            <p>{ *count }</p>
        </div>
    }
}

/// Mounts the counter on the element with this id; nothing when there is none.
#[wasm_bindgen]
pub fn mount(id: &str) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element {
        yew::Renderer::<Counter>::with_root(element).render();
    }
}
