//! Fetching the payment chunk while the payer chooses, so that it is there
//! when Pay is pressed; a failed fetch is tried again after
//! `chunk::retry_delay_ms`, and after the last the payer may ask again.

use crate::chunk::{self, Chunk, Loader};
use std::cell::Cell;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The chunk, fetched by `loader` from when `wanted` first holds; the
/// callback starts the attempts again after they all failed.
#[hook]
pub fn use_payment_chunk<R: Clone + 'static>(wanted: bool, loader: &'static Loader<R>) -> (Chunk<R>, Callback<()>) {
    let chunk = use_state(|| (loader.fetched)().map(Chunk::Ready).unwrap_or(Chunk::Idle));
    // Counts the payer's requests to try again: each starts a new series.
    let series = use_state(|| 0u32);
    {
        let chunk = chunk.clone();
        let start = wanted && matches!(*chunk, Chunk::Idle | Chunk::Loading);
        use_effect_with((start, *series), move |(start, _)| {
            // Dropped on unmount or a new series, so that a stale series
            // neither waits nor writes.
            let alive = Rc::new(Cell::new(true));
            if *start {
                chunk.set(Chunk::Loading);
                let alive = alive.clone();
                spawn_local(async move {
                    let result = chunk::have(loader, &|| alive.get()).await;
                    if alive.get() {
                        chunk.set(result.map_or_else(|reason| Chunk::Failed { reason }, Chunk::Ready));
                    }
                });
            }
            move || alive.set(false)
        });
    }
    let again = {
        let (chunk, series) = (chunk.clone(), series.clone());
        Callback::from(move |()| {
            chunk.set(Chunk::Loading);
            series.set(*series + 1);
        })
    };
    // Fetched meanwhile by whoever else needed it (the kept invoice's read,
    // another widget on the page): here, whatever this hook's attempts said.
    let here = (loader.fetched)().map_or_else(|| (*chunk).clone(), Chunk::Ready);
    (here, again)
}
