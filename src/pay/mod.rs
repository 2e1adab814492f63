//! What paying an invoice takes, worked out once when the invoice arrives or
//! changes (by the payment phase, in the payment chunk): the amount still
//! due, the payment URI for the QR code, the Open-in-wallet link, the route
//! for a browser wallet and the expiry. The payment's views and its
//! wallets (`paying::phase`) read them; nothing recomputes them on a render.

pub mod evm;
pub mod tron;
pub mod uri;

use getcrypto_api::{Amount, Invoice, Status};

/// How the invoice can be paid from a wallet in this browser: one EVM
/// transaction or one TRC20 transfer, exact.
#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Evm(evm::Transaction),
    Tron(tron::Transfer),
}

/// An invoice and what paying it takes.
#[derive(Clone, Debug)]
pub struct Payment {
    pub invoice: Invoice,
    /// What is still to be sent: the whole amount, less what has arrived.
    pub due: Amount,
    /// Whether the payer may still send: the details are shown, not a
    /// summary. A status this widget does not know keeps them shown.
    pub open: bool,
    /// The QR code's URI, for exactly `due`.
    pub uri: String,
    /// Open in wallet: a URI in a scheme a wallet app takes, or none where
    /// no scheme carries this payment exactly.
    pub wallet_link: Option<String>,
    /// Paying from a browser wallet, while the invoice takes a payment.
    pub route: Option<Route>,
    /// `expires_at`, in milliseconds since the epoch, when it can be read.
    pub expires_ms: Option<f64>,
}

impl Payment {
    pub fn new(invoice: Invoice) -> Payment {
        let due = invoice.amount_due();
        let (coin, network, address) = (&invoice.cryptocurrency, &invoice.network, &invoice.address);
        let route = if invoice.status.accepts_payment() {
            evm::transaction(coin, network, address, &due)
                .map(Route::Evm)
                .or_else(|| tron::transfer(coin, network, address, &due).map(Route::Tron))
        } else {
            None
        };
        Payment {
            open: invoice.status.accepts_payment() || matches!(invoice.status, Status::Unknown(_)),
            uri: uri::payment_uri(coin, network, address, &due),
            wallet_link: uri::wallet_uri(coin, network, address, &due),
            route,
            expires_ms: getcrypto_api::time::parse_rfc3339(&invoice.expires_at).map(|t| t as f64),
            due,
            invoice,
        }
    }
}

/// Everything else follows from the invoice: comparing it alone is the
/// same answer, in less code.
impl PartialEq for Payment {
    fn eq(&self, other: &Payment) -> bool {
        self.invoice == other.invoice
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use getcrypto_api::fixtures::{amount as a, invoice};

    #[test]
    fn an_underpaid_invoice_asks_for_the_rest_everywhere() {
        let mut inv = invoice("underpaid");
        inv.cryptocurrency = "eth".into();
        inv.network = "eth".into();
        inv.address = "0x52908400098527886E0F7030069857D2E4169EE7".into();
        inv.amount = a("0.007131");
        inv.amount_paid = a("0.002");
        let p = Payment::new(inv);
        assert_eq!(p.due.as_str(), "0.005131");
        assert_eq!(p.uri, "ethereum:0x52908400098527886E0F7030069857D2E4169EE7?value=5131000000000000");
        assert_eq!(p.wallet_link.as_deref(), Some(p.uri.as_str()));
        match &p.route {
            Some(Route::Evm(tx)) => assert_eq!(tx.value.as_deref(), Some("0x123a9e0857b000")),
            other => panic!("an EVM route, not {other:?}"),
        }
        assert!(p.open);
        assert!(p.expires_ms.is_some());
    }

    #[test]
    fn a_final_invoice_takes_nothing() {
        for status in ["paid", "expired", "confirming"] {
            let p = Payment::new(invoice(status));
            assert_eq!(p.route, None, "{status}");
        }
        assert!(!Payment::new(invoice("paid")).open);
        assert!(Payment::new(invoice("refunded")).open, "an unknown status keeps the details");
    }
}
