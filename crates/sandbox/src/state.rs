//! What every handler shares: the configuration, the invoices, the rate
//! windows and the webhook deliveries; and the one place a simulated
//! payment is applied, so that a paid invoice is always announced.

use crate::clock;
use crate::config::Config;
use crate::ratelimit::Limiter;
use crate::store::{ChainEvent, EventError, Store};
use crate::webhooks::Webhooks;
use std::sync::{Arc, Mutex};

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Arc<Mutex<Store>>,
    pub limiter: Arc<Mutex<Limiter>>,
    pub webhooks: Arc<Webhooks>,
}

impl AppState {
    /// Fresh state for `config`: no invoices, full rate windows.
    pub fn new(config: Config) -> AppState {
        AppState {
            limiter: Arc::new(Mutex::new(Limiter::per_minute(config.rate_limit))),
            webhooks: Arc::new(Webhooks::new(config.webhooks.clone())),
            config: Arc::new(config),
            store: Arc::new(Mutex::new(Store::default())),
        }
    }

    /// The invoice store. A handler that panicked mid-update cannot leave it
    /// half-written (every update is one assignment), so a poisoned lock is
    /// still usable.
    pub fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Applies a simulated event and, when it makes the invoice paid,
    /// announces that to the project's notification URL.
    pub fn apply(&self, id: &str, event: ChainEvent) -> Result<getcrypto_api::Invoice, EventError> {
        let invoice = self.store().apply(id, clock::now(), event)?;
        if invoice.status == getcrypto_api::Status::Paid {
            if let Some(project) = self.config.project(&invoice.project_id) {
                self.webhooks.invoice_paid(project, &invoice);
            }
        }
        Ok(invoice)
    }

    /// For unattended demos: pays `id` in full after the configured delay,
    /// then confirms it once a second (or sooner, with a shorter delay)
    /// until it is paid.
    pub fn auto_pay(&self, id: String) {
        let Some(delay) = self.config.auto_pay_after else {
            return;
        };
        let state = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let due = match state.store().get(&id, clock::now()) {
                Some(r) => r.invoice.amount_due(),
                None => return,
            };
            let mut result = state.apply(&id, ChainEvent::Pay(due));
            while let Ok(inv) = &result {
                if inv.status != getcrypto_api::Status::Confirming {
                    break;
                }
                tokio::time::sleep(delay.min(std::time::Duration::from_secs(1))).await;
                result = state.apply(&id, ChainEvent::Confirm);
            }
        });
    }
}
