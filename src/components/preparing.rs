//! What the payer sees between Pay and the payment details while the
//! payment chunk is still on its way: the order, what is happening, and
//! placeholders shaped like the details.

use super::header::order_header;
use crate::i18n::Lang;
use crate::state::{Phase, State};
use getcrypto_api::WidgetQuery;
use yew::prelude::*;

/// What [`preparing`] shows.
pub struct PreparingArgs<'a> {
    pub state: &'a State,
    pub query: &'a WidgetQuery,
    pub t: Lang,
}

/// The payment details' placeholder.
pub fn preparing(args: &PreparingArgs) -> Html {
    let project = match &args.state.phase {
        Phase::Tracking(t) => t.project_name.as_str(),
        _ => "",
    };
    html! {
        <>
            { order_header(project, args.query, args.t) }
            <div class="gc-skeleton gc-preparing" role="status" aria-busy="true">
                <p class="gc-preparing-text">{ args.t.preparing() }</p>
                <div class="gc-bone gc-bone-option"></div>
                <div class="gc-bone gc-bone-qr"></div>
                <div class="gc-bone gc-bone-line"></div>
                <div class="gc-bone gc-bone-line"></div>
            </div>
        </>
    }
}
