//! Webhooks: when an invoice is paid, the sandbox POSTs it to the project's
//! notification URL, signed, and retries any answer but 200 with growing
//! waits, up to the configured number of attempts. Every attempt is kept
//! for `/sandbox/webhooks`. Deliveries run on their own tasks: a slow or
//! stopped receiver never holds up the API.

use crate::clock;
use crate::config::{Project, WebhookConfig};
use axum::body::Bytes;
use getcrypto_api::time::format_rfc3339;
use getcrypto_api::Invoice;
use hmac::{Hmac, Mac};
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde::Serialize;
use sha2::Sha256;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// The header carrying `sha256=<hex HMAC-SHA256 of the body>`.
pub const SIGNATURE_HEADER: &str = "x-getcrypto-signature";
/// The header carrying the event id, the same on every attempt.
pub const EVENT_HEADER: &str = "x-getcrypto-event-id";
/// The header carrying the attempt's number, from 1.
pub const ATTEMPT_HEADER: &str = "x-getcrypto-attempt";

/// What the receiver gets.
#[derive(Clone, Debug, Serialize)]
pub struct WebhookEvent {
    /// `evt_…`: a receiver that has seen it may ignore a repeat.
    pub id: String,
    /// `invoice.paid`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub created_at: String,
    pub data: Invoice,
}

/// One try at delivering an event.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Attempt {
    pub number: u32,
    pub at: String,
    /// The receiver's status code, if it answered.
    pub status: Option<u16>,
    /// Why there was no answer, if there was none.
    pub error: Option<String>,
    pub duration_ms: u64,
    /// How long the sandbox waited before this attempt.
    pub waited_ms: u64,
}

/// Where a delivery stands.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    Pending,
    Delivered,
    /// Every attempt failed.
    Failed,
    /// The sandbox stopped before it was done.
    Abandoned,
}

/// An event and its attempts.
#[derive(Clone, Debug, Serialize)]
pub struct Delivery {
    pub event_id: String,
    pub invoice_id: String,
    pub url: String,
    pub state: DeliveryState,
    pub attempts: Vec<Attempt>,
}

/// Every delivery, and the tasks still making them.
pub struct Webhooks {
    config: WebhookConfig,
    deliveries: Mutex<Vec<Delivery>>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
    stop: watch::Sender<bool>,
    client: Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
}

/// `sha256=` and the hex HMAC-SHA256 of `body` under `secret`.
#[allow(clippy::expect_used, reason = "HMAC takes keys of any length: this cannot fail")]
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

impl Webhooks {
    /// No deliveries yet.
    pub fn new(config: WebhookConfig) -> Webhooks {
        Webhooks {
            config,
            deliveries: Mutex::new(Vec::new()),
            tasks: Mutex::new(Vec::new()),
            stop: watch::channel(false).0,
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// Every delivery, newest first.
    pub fn list(&self) -> Vec<Delivery> {
        let mut all = self.deliveries.lock().unwrap_or_else(|e| e.into_inner()).clone();
        all.reverse();
        all
    }

    fn update(&self, event_id: &str, change: impl FnOnce(&mut Delivery)) {
        let mut all = self.deliveries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(d) = all.iter_mut().find(|d| d.event_id == event_id) {
            change(d);
        }
    }

    /// Announces that `invoice` is paid, if `project` has a notification URL.
    pub fn invoice_paid(self: &Arc<Self>, project: &Project, invoice: &Invoice) {
        let Some(url) = project.notification_url.clone() else {
            return;
        };
        let event = WebhookEvent {
            id: format!("evt_{}", &invoice.id.trim_start_matches("in_")),
            kind: "invoice.paid",
            created_at: format_rfc3339(clock::now()),
            data: invoice.clone(),
        };
        let body = Bytes::from(serde_json::to_vec(&event).unwrap_or_default());
        let sig = signature(&project.secret, &body);
        self.deliveries.lock().unwrap_or_else(|e| e.into_inner()).push(Delivery {
            event_id: event.id.clone(),
            invoice_id: invoice.id.clone(),
            url: url.clone(),
            state: DeliveryState::Pending,
            attempts: Vec::new(),
        });
        let this = Arc::clone(self);
        let task = tokio::spawn(async move { this.deliver(event.id, url, body, sig).await });
        let mut tasks = self.tasks.lock().unwrap_or_else(|e| e.into_inner());
        tasks.retain(|t| !t.is_finished());
        tasks.push(task);
    }

    async fn deliver(self: Arc<Self>, event_id: String, url: String, body: Bytes, sig: String) {
        let mut stop = self.stop.subscribe();
        let mut waited = Duration::ZERO;
        for number in 1..=self.config.max_attempts {
            let started = Instant::now();
            let at = format_rfc3339(clock::now());
            let (status, error) = self.attempt(&url, &event_id, number, &body, &sig).await;
            let attempt = Attempt {
                number,
                at,
                status,
                error,
                duration_ms: started.elapsed().as_millis() as u64,
                waited_ms: waited.as_millis() as u64,
            };
            let delivered = status == Some(200);
            let last = number == self.config.max_attempts;
            self.update(&event_id, |d| {
                d.attempts.push(attempt);
                if delivered {
                    d.state = DeliveryState::Delivered;
                } else if last {
                    d.state = DeliveryState::Failed;
                }
            });
            if delivered || last {
                return;
            }
            waited = self.config.delay_after(number);
            tokio::select! {
                _ = tokio::time::sleep(waited) => {}
                _ = stop.wait_for(|stopped| *stopped) => {
                    self.update(&event_id, |d| d.state = DeliveryState::Abandoned);
                    return;
                }
            }
        }
    }

    async fn attempt(
        &self,
        url: &str,
        event_id: &str,
        number: u32,
        body: &Bytes,
        sig: &str,
    ) -> (Option<u16>, Option<String>) {
        let request = axum::http::Request::post(url)
            .header("content-type", "application/json")
            .header("user-agent", "GetCrypto-Sandbox-Webhook/1")
            .header(EVENT_HEADER, event_id)
            .header(ATTEMPT_HEADER, number)
            .header(SIGNATURE_HEADER, sig)
            .body(Full::new(body.clone()));
        let request = match request {
            Ok(r) => r,
            Err(e) => return (None, Some(format!("the notification URL is not usable: {e}"))),
        };
        match tokio::time::timeout(self.config.timeout, self.client.request(request)).await {
            Ok(Ok(response)) => (Some(response.status().as_u16()), None),
            Ok(Err(e)) => (None, Some(format!("no answer: {e}"))),
            Err(_) => (None, Some(format!("no answer within {} ms", self.config.timeout.as_millis()))),
        }
    }

    /// Stops retrying: attempts in flight finish (each within the timeout),
    /// waiting deliveries are recorded as abandoned.
    pub async fn shutdown(&self) {
        let _ = self.stop.send(true);
        let tasks: Vec<_> = std::mem::take(&mut *self.tasks.lock().unwrap_or_else(|e| e.into_inner()));
        for task in tasks {
            let _ = task.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::signature;

    #[test]
    fn signature_is_hmac_sha256_hex() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
