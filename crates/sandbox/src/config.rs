//! What the sandbox knows: API keys, projects, exchange rates, invoice
//! lifetime, webhook delivery. The defaults reproduce the docs' examples
//! exactly.

use getcrypto_api::{Amount, Crypto, Currency, Network};
use std::time::Duration;

/// The API key the demo page and the README use.
pub const DEMO_KEY: &str = "sandbox_demo_key";
/// The docs' example project.
pub const DOCS_PROJECT: &str = "pr_64e5a94d9c3f4";
/// The secret webhooks are signed with unless a project sets its own.
pub const DEMO_WEBHOOK_SECRET: &str = "sandbox_webhook_secret";
/// The docs' example return URLs, which every project has unless it sets its
/// own; the docs' tests compare the sandbox's answers with them.
pub const DOCS_SUCCESS_URL: &str = "https://api.getcrypto.finance/success";
pub const DOCS_FAIL_URL: &str = "https://api.getcrypto.finance/fail";
/// The sandbox's own return pages (`--demo`): the docs' example URLs are no
/// page a payer can land on.
pub const DEMO_PAID_PATH: &str = "/demo/paid";
pub const DEMO_FAILED_PATH: &str = "/demo/failed";

/// A merchant's project.
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    pub id: String,
    pub name: String,
    pub success_url: String,
    pub fail_url: String,
    /// Where paid invoices are announced ("the URL in the project's
    /// settings"); none by default.
    pub notification_url: Option<String>,
    /// The HMAC-SHA256 key of the webhook signature.
    pub secret: String,
}

impl Project {
    /// A project with the docs' example return URLs.
    pub fn new(id: &str, name: &str) -> Project {
        Project {
            id: id.to_owned(),
            name: name.to_owned(),
            success_url: DOCS_SUCCESS_URL.to_owned(),
            fail_url: DOCS_FAIL_URL.to_owned(),
            notification_url: None,
            secret: DEMO_WEBHOOK_SECRET.to_owned(),
        }
    }
}

/// Everything the sandbox is configured with.
#[derive(Clone, Debug)]
pub struct Config {
    /// API keys accepted as `Authorization: Bearer <key>`.
    pub keys: Vec<String>,
    pub projects: Vec<Project>,
    /// Units of each currency that one euro buys, by currency id. Euro is the
    /// base because the docs' example converts 11 EUR.
    pub per_eur: Vec<(Currency, f64)>,
    /// Seconds from an invoice's creation to its expiry.
    pub invoice_ttl: i64,
    /// Requests a key may make per minute.
    pub rate_limit: u32,
    pub webhooks: WebhookConfig,
    /// Pay and confirm every new invoice after this long, for demos that
    /// run unattended.
    pub auto_pay_after: Option<Duration>,
    /// Print a JSON line per request to stderr.
    pub log_requests: bool,
}

/// How webhooks are delivered.
#[derive(Clone, Debug, PartialEq)]
pub struct WebhookConfig {
    /// Attempts in all, the first included ("up to 10 attempts").
    pub max_attempts: u32,
    /// The wait before attempt n+1 is n times this: 1, 2, 3 … 9 minutes by
    /// default, 45 minutes from the first attempt to the last.
    pub base_delay: Duration,
    /// An attempt that has not answered by then counts as failed.
    pub timeout: Duration,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        WebhookConfig { max_attempts: 10, base_delay: Duration::from_secs(60), timeout: Duration::from_secs(10) }
    }
}

impl WebhookConfig {
    /// The wait after failed attempt `n` (1-based) before the next one.
    pub fn delay_after(&self, n: u32) -> Duration {
        self.base_delay.saturating_mul(n)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            keys: vec![DEMO_KEY.to_owned()],
            projects: vec![Project::new(DOCS_PROJECT, "Test")],
            // Chosen so that 11 EUR gives the docs' amounts to the digit.
            per_eur: vec![
                (Currency::Eur, 1.0),
                (Currency::Usd, 1.0858),
                (Currency::Rub, 95.0),
                (Currency::Usdt, 1.08583764),
                (Currency::Usdc, 1.0856023),
                (Currency::Btc, 0.000041),
                (Currency::Eth, 0.00064827),
            ],
            invoice_ttl: 30 * 60,
            rate_limit: getcrypto_api::rate::REQUESTS_PER_MINUTE,
            webhooks: WebhookConfig::default(),
            auto_pay_after: None,
            log_requests: false,
        }
    }
}

/// Decimal places of converted amounts, as in the docs' example.
pub const DECIMALS: usize = 6;

impl Config {
    /// The project with this id.
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    fn rate(&self, currency: Currency) -> Option<f64> {
        self.per_eur.iter().find(|(c, _)| *c == currency).map(|(_, r)| *r).filter(|r| *r > 0.0)
    }

    /// `amount` of `currency` in `coin`, rounded to [`DECIMALS`] places;
    /// `None` when a rate is missing or the result rounds to nothing.
    pub fn convert(&self, amount: &Amount, currency: Currency, coin: Crypto) -> Option<Amount> {
        let coin_currency = Currency::parse(coin.as_str())?;
        let value = amount.to_f64() * self.rate(coin_currency)? / self.rate(currency)?;
        let text = format!("{value:.DECIMALS$}");
        Amount::parse(&text).filter(|a| !a.is_zero())
    }

    /// Points every project that kept the docs' example return URLs at the
    /// sandbox's own pages under `origin` (`http://127.0.0.1:8080`), so that
    /// a payer who finishes in the demo lands on a page and not on the
    /// browser's error. URLs a project set itself are kept.
    pub fn return_to_demo_pages(&mut self, origin: &str) {
        for p in &mut self.projects {
            if p.success_url == DOCS_SUCCESS_URL {
                p.success_url = format!("{origin}{DEMO_PAID_PATH}");
            }
            if p.fail_url == DOCS_FAIL_URL {
                p.fail_url = format!("{origin}{DEMO_FAILED_PATH}");
            }
        }
    }

    /// Confirmations a network needs before the invoice is paid.
    pub fn confirmations_required(network: Network) -> u32 {
        match network {
            Network::Btc => 2,
            Network::Eth | Network::Erc20 | Network::Bep20 => 3,
            Network::Trc20 => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleven_euros_convert_to_the_docs_amounts() {
        let c = Config::default();
        let eleven = Amount::parse("11").unwrap();
        let got: Vec<_> =
            Crypto::ALL.iter().map(|coin| c.convert(&eleven, Currency::Eur, *coin).unwrap().to_string()).collect();
        assert_eq!(got, ["11.944214", "11.941625", "0.000451", "0.007131"]);
    }

    #[test]
    fn webhook_waits_grow() {
        let w = WebhookConfig::default();
        let waits: Vec<u64> = (1..w.max_attempts).map(|n| w.delay_after(n).as_secs() / 60).collect();
        assert_eq!(waits, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }

    #[test]
    fn demo_pages_replace_only_the_docs_example_urls() {
        let mut c = Config::default();
        let mut own = Project::new("pr_aaaaaaaaaaaaa", "Shop");
        own.success_url = "http://localhost:3000/thanks".into();
        c.projects.push(own);
        c.return_to_demo_pages("http://127.0.0.1:8080");
        let urls: Vec<_> = c.projects.iter().map(|p| (p.success_url.as_str(), p.fail_url.as_str())).collect();
        assert_eq!(
            urls,
            [
                ("http://127.0.0.1:8080/demo/paid", "http://127.0.0.1:8080/demo/failed"),
                ("http://localhost:3000/thanks", "http://127.0.0.1:8080/demo/failed"),
            ]
        );
    }

    #[test]
    fn conversion_goes_through_the_euro() {
        let c = Config::default();
        let one_btc = Amount::parse("1").unwrap();
        assert_eq!(c.convert(&one_btc, Currency::Btc, Crypto::Btc).unwrap().as_str(), "1");
        assert_eq!(c.convert(&Amount::parse("0.0000001").unwrap(), Currency::Eur, Crypto::Btc), None);
    }
}
