//! Remembering the invoice: the open invoice of this order is kept in the
//! tab, so that a reload resumes it instead of making another, and
//! forgotten once it has expired.

use crate::dom;
use crate::state::{Phase, State};
use getcrypto_api::{Status, WidgetQuery};
use yew::prelude::*;

/// Keeps or forgets the invoice as its status changes.
#[hook]
pub fn use_remember(state: &UseReducerHandle<State>, query: &WidgetQuery) {
    let (project, order) = (query.project_id.clone(), query.order_id.clone());
    let kept = match &state.phase {
        Phase::Tracking(t) => Some((t.invoice.id.clone(), t.invoice.status == Status::Expired)),
        _ => None,
    };
    use_effect_with(kept, move |kept| match kept {
        Some((_, true)) => dom::forget_invoice(&project, &order),
        Some((id, false)) => dom::remember_invoice(&project, &order, id),
        None => {}
    });
}
