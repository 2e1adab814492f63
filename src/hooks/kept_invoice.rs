//! The invoice kept for its order: the open invoice of an order is kept for every
//! tab of the site (`localStorage`, or the tab's memory where that throws),
//! so that a reload, a second tab or a tab closed and opened again shows the
//! same invoice instead of making another. An expired invoice stays kept
//! until a new one replaces it: a payer who comes back is shown what became
//! of it (a late or partial payment) instead of a fresh choice of coins.
//! A tab that sees the invoice move tells the others through the `storage`
//! event, and they show it at once (`runtime`, which reads it).

use crate::kept;
use crate::params::Params;
use crate::state::Phase;
use crate::store::Store;
use std::rc::Rc;
use yew::prelude::*;

/// Keeps or forgets the invoice as its status changes: the payment phase's
/// (an invoice is only ever followed with its chunk here).
#[hook]
pub fn use_keep_invoice(state: &Store, params: &Rc<Params>) {
    let params = params.clone();
    let kept = match &state.phase {
        Phase::Tracking(t) => Some((t.invoice.id.clone(), t.invoice.status.clone())),
        _ => None,
    };
    use_effect_with(kept, move |kept| {
        if let Some((id, status)) = kept {
            kept::keep_invoice(&params.query, id, status.as_str());
        }
    });
}
