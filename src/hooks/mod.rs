//! The widget's runtime, one concern to a hook: `App` composes them and
//! picks the view. Each hook reads the state, starts or stops what that
//! concern needs (requests, timers, storage, events, focus), and changes
//! the state only through the reducer's actions.

mod create;
mod focus;
mod follow;
mod kept_invoice;
mod load;
mod page_events;
mod payment_chunk;
mod retry_after;
mod wallets;

pub use create::use_create;
pub use focus::use_focus;
pub use follow::use_follow;
pub use kept_invoice::{use_keep_invoice, use_kept_invoice};
pub use load::use_load;
pub use page_events::use_page_events;
pub use payment_chunk::use_payment_chunk;
pub use retry_after::use_retry_after;
pub use wallets::use_wallets;

use crate::http::Meta;
use crate::state::{Action, State};
use yew::UseReducerDispatcher;

/// Passes on what an answer said about the server's clock, so that the
/// countdown renders from the state.
fn heard(dispatcher: &UseReducerDispatcher<State>, meta: &Meta) {
    if let Some(offset) = meta.clock_offset {
        dispatcher.dispatch(Action::ServerClock(offset));
    }
}
