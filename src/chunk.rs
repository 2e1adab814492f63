//! The payment phase's own wasm chunk (docs/split.md): what it takes to
//! have it, and when to ask again. The shipped build (`split` feature)
//! fetches it after the first view; without the feature the payment phase
//! is in the one wasm and is ready at once.

use crate::components::payment_phase::{PaymentPhaseProps, Render};
use yew::Html;

/// Where the chunk is.
#[derive(Clone)]
pub enum Chunk {
    /// Not asked for yet: the payer has not reached the coins.
    Idle,
    /// Being fetched, or waiting to be fetched again.
    Loading,
    Ready(Render),
    /// Every attempt failed; `reason` is what the loader said last.
    Failed {
        reason: String,
    },
}

impl Chunk {
    /// Renders the payment phase, if the chunk is here.
    pub fn render(&self, props: PaymentPhaseProps) -> Option<Html> {
        match self {
            Chunk::Ready(render) => Some(render(props)),
            _ => None,
        }
    }
}

/// Attempts before the payer is told: the first and three more.
pub const ATTEMPTS: u32 = 4;

/// How long to wait after failed attempt `attempt` (from 0) before the
/// next, or `None` when that was the last: 0.5 s, 1 s, 2 s, so that a
/// dropped connection that comes back within a few seconds is never seen.
pub fn retry_delay_ms(attempt: u32) -> Option<u32> {
    (attempt + 1 < ATTEMPTS).then(|| 500 << attempt)
}

/// Whether the chunk is wanted now: once the coins are on screen (the
/// payer may press Pay at any moment), or at once when the order's invoice
/// is being shown again.
pub fn wanted(coins_shown: bool, resuming: bool) -> bool {
    coins_shown || resuming
}

/// The chunk as it stands at mount: ready when it came with the wasm or a
/// widget on this page has already fetched it.
pub fn at_mount() -> Chunk {
    fetched().map(Chunk::Ready).unwrap_or(Chunk::Idle)
}

#[cfg(not(feature = "split"))]
fn fetched() -> Option<Render> {
    Some(crate::components::payment_phase::render)
}

#[cfg(feature = "split")]
thread_local! {
    static FETCHED: std::cell::Cell<Option<Render>> = const { std::cell::Cell::new(None) };
}

#[cfg(feature = "split")]
fn fetched() -> Option<Render> {
    FETCHED.with(std::cell::Cell::get)
}

/// Fetches the chunk once (the loader keeps what it fetched; a failure is
/// not kept, so the next call tries again). `Err` carries the loader's
/// words for what went wrong.
pub async fn fetch() -> Result<Render, String> {
    #[cfg(feature = "split")]
    {
        match split::entry().await {
            Ok(render) => {
                FETCHED.with(|f| f.set(Some(render)));
                Ok(render)
            }
            Err(_) => Err(split::failure().unwrap_or_default()),
        }
    }
    #[cfg(not(feature = "split"))]
    {
        Ok(crate::components::payment_phase::render)
    }
}

#[cfg(feature = "split")]
mod split {
    use super::Render;
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_split_helpers::{wasm_split, SplitLoaderError};

    // The split point: everything only this function reaches goes into the
    // chunk. It hands back the render function, so that main calls into the
    // chunk through one pointer.
    #[wasm_split(payment, fallible)]
    pub fn entry() -> Result<Render, SplitLoaderError> {
        crate::components::payment_phase::prepare();
        Ok(crate::components::payment_phase::render)
    }

    // The build's loader (www/split.js), bundled beside wasm-bindgen's glue
    // under the name the splitter gives the loader's module.
    #[wasm_bindgen(raw_module = "./__wasm_split.js")]
    extern "C" {
        /// Why the last fetch of the chunk failed, in words.
        #[wasm_bindgen(js_name = chunkFailure)]
        pub fn failure() -> Option<String>;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_then_stop() {
        let delays: Vec<_> = (0..ATTEMPTS).map(retry_delay_ms).collect();
        assert_eq!(delays, [Some(500), Some(1000), Some(2000), None]);
        assert_eq!(retry_delay_ms(10), None);
    }

    #[test]
    fn wanted_from_the_coins_or_a_resumed_invoice() {
        assert!(!wanted(false, false));
        assert!(wanted(true, false));
        assert!(wanted(false, true));
    }
}
