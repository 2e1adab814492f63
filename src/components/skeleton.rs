//! Placeholder blocks that hold the widget's height while `v1/widget` loads.

use yew::prelude::*;

/// What [`skeleton`] shows.
pub struct SkeletonArgs {
    /// Read by screen readers instead of the blocks.
    pub label: AttrValue,
}

/// The loading skeleton.
pub fn skeleton(props: &SkeletonArgs) -> Html {
    html! {
        <div class="gc-skeleton" role="status" aria-busy="true" aria-label={props.label.clone()}>
            <div class="gc-bone gc-bone-title"></div>
            <div class="gc-bone gc-bone-line"></div>
            { for (0..4).map(|_| html! { <div class="gc-bone gc-bone-option"></div> }) }
        </div>
    }
}
