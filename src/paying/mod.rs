//! The payment phase: an invoice followed to its end, its browser wallets
//! and its views (`phase`). In the shipped build all of it is reached only
//! through the split point below, so the splitter puts it in the payment
//! chunk, and [`LOADER`] is how the runtime has it.

mod phase;

use crate::chunk::{Asking, Claiming, Fetching, Invoices, Loader, PaymentCtx, Shown};
use crate::error::ApiError;
use crate::http::{Client, Meta, Reply};
use crate::params::Params;
use crate::state::Comeback;
use crate::style::{self, PAYMENT_STYLE};
use getcrypto_api::{Invoice, WidgetQuery};
use std::rc::Rc;

/// What the chunk hands back: the payment's views and what they run, made
/// for an invoice shown; and the requests whose answers only it reads
/// ([`Invoices`]), so that main calls into the chunk through these pointers
/// alone.
#[derive(Clone, Copy)]
pub struct Entry {
    pub show: fn(PaymentCtx) -> Box<dyn Shown>,
    create: fn(Client, Rc<Params>, String, String) -> Asking,
    invoice: fn(Client, String) -> Asking,
    comeback: fn(&Invoice, &WidgetQuery, f64) -> Comeback,
    claim_end: fn(String) -> Claiming,
}

const ENTRY: Entry = Entry { show: phase::show, create, invoice, comeback: crate::state::comeback, claim_end };

impl Invoices for Entry {
    fn create(&self, client: Client, params: Rc<Params>, coin: String, network: String) -> Asking {
        (self.create)(client, params, coin, network)
    }

    fn invoice(&self, client: Client, id: String) -> Asking {
        (self.invoice)(client, id)
    }

    fn comeback(&self, invoice: &Invoice, query: &WidgetQuery, now_ms: f64) -> Comeback {
        (self.comeback)(invoice, query, now_ms)
    }

    fn claim_end(&self, invoice_id: String) -> Claiming {
        (self.claim_end)(invoice_id)
    }
}

/// How the runtime has the payment phase (`runtime::Inner::start_chunk`).
pub const LOADER: Loader<Entry> = Loader { fetched, fetch };

#[cfg(not(feature = "split"))]
fn fetched() -> Option<Entry> {
    Some(ENTRY)
}

#[cfg(not(feature = "split"))]
fn fetch() -> Fetching<Entry> {
    Box::pin(std::future::ready(Ok(ENTRY)))
}

#[cfg(feature = "split")]
thread_local! {
    static FETCHED: std::cell::Cell<Option<Entry>> = const { std::cell::Cell::new(None) };
}

#[cfg(feature = "split")]
fn fetched() -> Option<Entry> {
    FETCHED.with(std::cell::Cell::get)
}

/// Fetches the chunk once (the loader keeps what it fetched; a failure is
/// not kept, so the next call tries again).
#[cfg(feature = "split")]
fn fetch() -> Fetching<Entry> {
    Box::pin(async {
        match split::entry().await {
            Ok(entry) => {
                FETCHED.with(|f| f.set(Some(entry)));
                Ok(entry)
            }
            Err(_) => Err(split::failure().unwrap_or_default()),
        }
    })
}

#[cfg(feature = "split")]
mod split {
    use super::Entry;
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_split_helpers::{wasm_split, SplitLoaderError};

    // The split point: everything only this function reaches goes into the
    // chunk. It hands back the entry's pointers, through which alone main
    // calls into the chunk.
    #[wasm_split(payment, fallible)]
    pub fn entry() -> Result<Entry, SplitLoaderError> {
        super::prepare();
        Ok(super::ENTRY)
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

fn create(client: Client, params: Rc<Params>, coin: String, network: String) -> Asking {
    Box::pin(async move {
        match getcrypto_api::CreateInvoice::new(&params.query, &coin, &network, params.custom_fields.clone()) {
            Err(e) => Reply { result: Err(ApiError::Invalid(e.summary())), meta: Meta::default() },
            Ok(body) => client.create_invoice(&body).await,
        }
    })
}

fn invoice(client: Client, id: String) -> Asking {
    Box::pin(async move { client.invoice(&id).await })
}

fn claim_end(invoice_id: String) -> Claiming {
    Box::pin(crate::kept::claim_end(invoice_id))
}

/// Readies what the first payment view needs before Pay is pressed: its
/// rules join the shared stylesheet as the chunk arrives, while the payer
/// still chooses, so that the view's first render does not parse them.
/// `false` where there is no shared sheet to join.
pub fn prepare() -> bool {
    style::share(PAYMENT_STYLE)
}
