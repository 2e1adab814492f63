//! The command line and the config file: how a merchant tells the sandbox
//! which keys, projects, rates and webhook receivers to use. Flags win over
//! the file, the file over the defaults.

use crate::config::{Config, Project};
use clap::Parser;
use getcrypto_api::{validate, Currency};
use serde::Deserialize;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// A local GetCrypto API for demos, tests and merchants' integrations.
///
/// With no flags it listens on 127.0.0.1:8080, accepts the API key
/// `sandbox_demo_key`, knows the docs' project pr_64e5a94d9c3f4 ("Test"),
/// serves the demo page at /, the built widget at /dist/, the API at /v1/,
/// this API's OpenAPI document at /openapi.json, and controls that pay,
/// confirm or expire invoices at /sandbox/.
#[derive(Parser, Debug, Default)]
#[command(version)]
pub struct Flags {
    /// A TOML file with any of: host, port, root, keys, invoice_ttl,
    /// rate_limit, auto_pay_after, [rates], [webhooks] and [[projects]]
    /// (id, name, success_url, fail_url, notification_url, secret). An
    /// example: docs/sandbox.md in the repository.
    #[arg(long, env = "GETCRYPTO_SANDBOX_CONFIG")]
    pub config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1].
    #[arg(long, env = "GETCRYPTO_SANDBOX_HOST")]
    pub host: Option<String>,
    /// Port to listen on; 0 picks a free one, printed at start [default: 8080].
    #[arg(long, env = "GETCRYPTO_SANDBOX_PORT")]
    pub port: Option<u16>,
    /// An accepted API key; repeat or separate with commas
    /// [default: sandbox_demo_key].
    #[arg(long = "key", env = "GETCRYPTO_SANDBOX_KEYS", value_delimiter = ',')]
    pub keys: Vec<String>,
    /// A project as `pr_xxxxxxxxxxxxx=Name`; repeat for several
    /// [default: pr_64e5a94d9c3f4=Test].
    #[arg(long = "project", env = "GETCRYPTO_SANDBOX_PROJECTS", value_delimiter = ',')]
    pub projects: Vec<String>,
    /// Where a project's paid invoices are announced, as
    /// `pr_xxxxxxxxxxxxx=http://127.0.0.1:9000/webhook`; repeat for several.
    #[arg(long = "notification-url", env = "GETCRYPTO_SANDBOX_NOTIFICATION_URLS", value_delimiter = ',')]
    pub notification_urls: Vec<String>,
    /// The secret every project signs its webhooks with (HMAC-SHA256)
    /// [default: sandbox_webhook_secret].
    #[arg(long, env = "GETCRYPTO_SANDBOX_WEBHOOK_SECRET")]
    pub webhook_secret: Option<String>,
    /// Base wait between webhook attempts, in milliseconds: after failed
    /// attempt n the sandbox waits n times this [default: 60000].
    #[arg(long, env = "GETCRYPTO_SANDBOX_WEBHOOK_BASE_DELAY_MS")]
    pub webhook_base_delay_ms: Option<u64>,
    /// How long a webhook attempt may take before it counts as failed, in
    /// milliseconds [default: 10000].
    #[arg(long, env = "GETCRYPTO_SANDBOX_WEBHOOK_TIMEOUT_MS")]
    pub webhook_timeout_ms: Option<u64>,
    /// How many units of a currency one euro buys, as `btc=0.000041`;
    /// repeat for several. Unset currencies keep the defaults, which
    /// reproduce the docs' example amounts.
    #[arg(long = "rate", env = "GETCRYPTO_SANDBOX_RATES", value_delimiter = ',')]
    pub rates: Vec<String>,
    /// Seconds from an invoice's creation to its expiry [default: 1800].
    #[arg(long, env = "GETCRYPTO_SANDBOX_INVOICE_TTL")]
    pub invoice_ttl: Option<i64>,
    /// Requests a key may make per minute [default: 60, as the API].
    #[arg(long, env = "GETCRYPTO_SANDBOX_RATE_LIMIT")]
    pub rate_limit: Option<u32>,
    /// Pay and confirm every new invoice this many seconds after it is
    /// created, for demos that run unattended [default: off].
    #[arg(long, env = "GETCRYPTO_SANDBOX_AUTO_PAY_AFTER")]
    pub auto_pay_after: Option<u64>,
    /// Folder holding index.html and dist/ [default: .].
    #[arg(long, env = "GETCRYPTO_SANDBOX_ROOT")]
    pub root: Option<PathBuf>,
    /// Do not log requests (by default one JSON line each, on stderr, with
    /// the key masked).
    #[arg(long, env = "GETCRYPTO_SANDBOX_QUIET")]
    pub quiet: bool,
    /// Send payers back to this sandbox's own pages, /demo/paid and
    /// /demo/failed, instead of the docs' example success and fail URLs
    /// (projects that set their own keep them). `scripts/demo` sets it.
    #[arg(long, env = "GETCRYPTO_SANDBOX_DEMO")]
    pub demo: bool,
}

/// The config file's shape; every field optional.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub host: Option<String>,
    pub port: Option<u16>,
    pub root: Option<PathBuf>,
    pub keys: Option<Vec<String>>,
    pub invoice_ttl: Option<i64>,
    pub rate_limit: Option<u32>,
    pub auto_pay_after: Option<u64>,
    pub rates: Option<std::collections::BTreeMap<String, f64>>,
    pub webhooks: Option<FileWebhooks>,
    pub projects: Option<Vec<FileProject>>,
}

/// `[webhooks]` in the config file.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct FileWebhooks {
    pub base_delay_ms: Option<u64>,
    pub timeout_ms: Option<u64>,
    pub secret: Option<String>,
}

/// `[[projects]]` in the config file.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileProject {
    pub id: String,
    pub name: String,
    pub success_url: Option<String>,
    pub fail_url: Option<String>,
    pub notification_url: Option<String>,
    pub secret: Option<String>,
}

/// Where to listen and what to serve, besides the [`Config`].
#[derive(Debug)]
pub struct Settings {
    pub host: String,
    pub port: u16,
    pub root: PathBuf,
    pub config: Config,
    /// Return to the sandbox's own pages: known once the port is bound
    /// ([`Config::return_to_demo_pages`] with [`origin`]).
    pub demo: bool,
}

/// The origin a browser on this machine reaches the sandbox at: `0.0.0.0`
/// and `::` are where it listens, not where a payer can go.
pub fn origin(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

fn project_id(id: &str, what: &str) -> Result<(), String> {
    validate::project_id(validate::Raw::Text(id)).map(|_| ()).map_err(|m| format!("{what}: {m}"))
}

/// The one rule for URLs, shared with the widget: the sandbox accepts no
/// return or notification URL that the widget would refuse to follow.
fn web_url(url: &str, what: &str) -> Result<(), String> {
    if getcrypto_api::url::is_web_url(url) {
        Ok(())
    } else {
        Err(format!("{what}: `{url}` is not an http or https URL"))
    }
}

fn set_rate(c: &mut Config, currency: &str, value: f64, what: &str) -> Result<(), String> {
    let cur = Currency::parse(currency)
        .ok_or_else(|| format!("{what}: the currency must be one of {}", Currency::allowed()))?;
    if !(value > 0.0 && value.is_finite()) {
        return Err(format!("{what}: the rate must be a positive number"));
    }
    match c.per_eur.iter_mut().find(|(c, _)| *c == cur) {
        Some(slot) => slot.1 = value,
        None => c.per_eur.push((cur, value)),
    }
    Ok(())
}

/// Where to listen and what to serve, as the file says; and the webhook
/// secret it gives every project, which a flag may still replace.
#[derive(Default)]
struct FromFile {
    host: Option<String>,
    port: Option<u16>,
    root: Option<PathBuf>,
    secret: Option<String>,
}

/// Everything the sandbox runs with: the defaults, then the file they name
/// (already read into `file`), then the flags.
pub fn settings(flags: &Flags, file: FileConfig) -> Result<Settings, String> {
    let mut c = Config { log_requests: !flags.quiet, ..Config::default() };
    let from_file = apply_file(&mut c, file)?;
    apply_flags(&mut c, flags, from_file.secret)?;
    if c.keys.is_empty() {
        return Err("keys: at least one API key is needed".into());
    }
    if c.invoice_ttl <= 0 {
        return Err("invoice_ttl must be a positive number of seconds".into());
    }
    if c.rate_limit == 0 {
        return Err("rate_limit must be at least 1".into());
    }
    Ok(Settings {
        host: flags.host.clone().or(from_file.host).unwrap_or_else(|| "127.0.0.1".into()),
        port: flags.port.or(from_file.port).unwrap_or(8080),
        root: flags.root.clone().or(from_file.root).unwrap_or_else(|| PathBuf::from(".")),
        config: c,
        demo: flags.demo,
    })
}

/// The file's settings onto `c`.
fn apply_file(c: &mut Config, file: FileConfig) -> Result<FromFile, String> {
    if let Some(keys) = file.keys {
        c.keys = keys;
    }
    if let Some(projects) = file.projects {
        c.projects = projects.into_iter().map(file_project).collect::<Result<_, String>>()?;
    }
    for (currency, value) in file.rates.unwrap_or_default() {
        set_rate(c, &currency, value, &format!("rates.{currency}"))?;
    }
    let mut secret = None;
    if let Some(w) = file.webhooks {
        if let Some(ms) = w.base_delay_ms {
            c.webhooks.base_delay = Duration::from_millis(ms);
        }
        if let Some(ms) = w.timeout_ms {
            c.webhooks.timeout = Duration::from_millis(ms);
        }
        secret = w.secret;
    }
    c.invoice_ttl = file.invoice_ttl.unwrap_or(c.invoice_ttl);
    c.rate_limit = file.rate_limit.unwrap_or(c.rate_limit);
    c.auto_pay_after = file.auto_pay_after.map(Duration::from_secs);
    Ok(FromFile { host: file.host, port: file.port, root: file.root, secret })
}

/// A `[[projects]]` entry, checked.
fn file_project(p: FileProject) -> Result<Project, String> {
    project_id(&p.id, "projects.id")?;
    let mut project = Project::new(&p.id, &p.name);
    for (url, slot) in [(p.success_url, &mut project.success_url), (p.fail_url, &mut project.fail_url)] {
        if let Some(url) = url {
            web_url(&url, &p.id)?;
            *slot = url;
        }
    }
    if let Some(url) = p.notification_url {
        web_url(&url, &p.id)?;
        project.notification_url = Some(url);
    }
    if let Some(s) = p.secret {
        project.secret = s;
    }
    Ok(project)
}

/// The flags onto `c`, over what the file set; `file_secret` signs every
/// project's webhooks unless `--webhook-secret` says otherwise.
fn apply_flags(c: &mut Config, flags: &Flags, file_secret: Option<String>) -> Result<(), String> {
    if !flags.keys.is_empty() {
        c.keys = flags.keys.iter().map(|k| k.trim().to_owned()).filter(|k| !k.is_empty()).collect();
    }
    if !flags.projects.is_empty() {
        c.projects = flags
            .projects
            .iter()
            .map(|p| {
                let (id, name) =
                    p.split_once('=').ok_or_else(|| format!("--project {p}: write it as pr_xxxxxxxxxxxxx=Name"))?;
                project_id(id, &format!("--project {p}"))?;
                Ok(Project::new(id, name))
            })
            .collect::<Result<_, String>>()?;
    }
    for n in &flags.notification_urls {
        let (id, url) = n
            .split_once('=')
            .ok_or_else(|| format!("--notification-url {n}: write it as pr_xxxxxxxxxxxxx=http://…"))?;
        web_url(url, &format!("--notification-url {n}"))?;
        let project = c
            .projects
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or_else(|| format!("--notification-url {n}: no project {id}"))?;
        project.notification_url = Some(url.to_owned());
    }
    if let Some(s) = flags.webhook_secret.clone().or(file_secret) {
        for p in &mut c.projects {
            p.secret = s.clone();
        }
    }
    if let Some(ms) = flags.webhook_base_delay_ms {
        c.webhooks.base_delay = Duration::from_millis(ms);
    }
    if let Some(ms) = flags.webhook_timeout_ms {
        c.webhooks.timeout = Duration::from_millis(ms);
    }
    for r in &flags.rates {
        let (cur, value) = r.split_once('=').ok_or_else(|| format!("--rate {r}: write it as btc=0.000041"))?;
        let value = value.parse().map_err(|_| format!("--rate {r}: the rate must be a positive number"))?;
        set_rate(c, cur, value, &format!("--rate {r}"))?;
    }
    c.invoice_ttl = flags.invoice_ttl.unwrap_or(c.invoice_ttl);
    c.rate_limit = flags.rate_limit.unwrap_or(c.rate_limit);
    if let Some(secs) = flags.auto_pay_after {
        c.auto_pay_after = Some(Duration::from_secs(secs));
    }
    Ok(())
}

/// Reads the config file `flags` names, if any.
pub fn read_file(flags: &Flags) -> Result<FileConfig, String> {
    let Some(path) = &flags.config else {
        return Ok(FileConfig::default());
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("--config {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("--config {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn defaults_are_the_docs_sandbox() {
        let s = settings(&Flags::default(), FileConfig::default()).unwrap();
        assert_eq!((s.host.as_str(), s.port), ("127.0.0.1", 8080));
        assert_eq!(s.config.keys, ["sandbox_demo_key"]);
        assert_eq!(s.config.projects[0].id, "pr_64e5a94d9c3f4");
        assert_eq!(s.config.projects[0].notification_url, None);
    }

    #[test]
    fn the_file_configures_everything_and_flags_win() {
        let file: FileConfig = toml::from_str(
            r#"
            port = 9000
            keys = ["k1", "k2"]
            rate_limit = 120
            auto_pay_after = 5
            [rates]
            btc = 0.00005
            [webhooks]
            base_delay_ms = 10
            timeout_ms = 200
            secret = "s3cret"
            [[projects]]
            id = "pr_aaaaaaaaaaaaa"
            name = "Shop"
            notification_url = "http://127.0.0.1:9001/hook"
            "#,
        )
        .unwrap();
        let flags = Flags { port: Some(0), ..Flags::default() };
        let s = settings(&flags, file).unwrap();
        assert_eq!(s.port, 0);
        assert_eq!(s.config.keys, ["k1", "k2"]);
        assert_eq!(s.config.rate_limit, 120);
        assert_eq!(s.config.auto_pay_after, Some(Duration::from_secs(5)));
        assert_eq!(s.config.webhooks.base_delay, Duration::from_millis(10));
        let p = &s.config.projects[0];
        assert_eq!((p.name.as_str(), p.secret.as_str()), ("Shop", "s3cret"));
        assert_eq!(p.notification_url.as_deref(), Some("http://127.0.0.1:9001/hook"));
        assert!(s.config.per_eur.contains(&(Currency::Btc, 0.00005)));
    }

    #[test]
    fn demo_is_off_unless_asked() {
        assert!(!settings(&Flags::default(), FileConfig::default()).unwrap().demo);
        let flags = Flags::try_parse_from(["getcrypto-sandbox", "--demo"]).unwrap();
        assert!(settings(&flags, FileConfig::default()).unwrap().demo);
    }

    #[test]
    fn the_origin_is_one_a_browser_can_reach() {
        let o = |a: &str| origin(a.parse().unwrap());
        assert_eq!(o("127.0.0.1:8080"), "http://127.0.0.1:8080");
        assert_eq!(o("0.0.0.0:8080"), "http://127.0.0.1:8080");
        assert_eq!(o("[::]:9000"), "http://[::1]:9000");
        assert_eq!(o("192.168.1.5:80"), "http://192.168.1.5:80");
    }

    #[test]
    fn bad_settings_say_what_is_wrong() {
        let bad = |flags: Flags| settings(&flags, FileConfig::default()).unwrap_err();
        assert!(bad(Flags { projects: vec!["pr_1=X".into()], ..Flags::default() }).contains("16 characters"));
        assert!(bad(Flags { rates: vec!["gbp=1".into()], ..Flags::default() }).contains("must be one of"));
        assert!(bad(Flags { notification_urls: vec!["pr_64e5a94d9c3f4=ftp://x".into()], ..Flags::default() })
            .contains("not an http"));
        assert!(bad(Flags { invoice_ttl: Some(0), ..Flags::default() }).contains("invoice_ttl"));
        for url in ["httpfoo", "http:/x", "https://", "http://shop.example/a b", "javascript:alert(1)"] {
            let flags = Flags { notification_urls: vec![format!("pr_64e5a94d9c3f4={url}")], ..Flags::default() };
            assert!(bad(flags).contains("not an http"), "{url}: what the widget would never follow");
        }
        assert!(toml::from_str::<FileConfig>("prot = 1").is_err(), "typos in the file are refused");
    }

    #[test]
    fn help_documents_every_flag() {
        let mut cmd = Flags::command();
        let help = cmd.render_long_help().to_string();
        for arg in cmd.get_arguments() {
            let long = arg.get_long().map(|l| format!("--{l}"));
            if let Some(long) = long {
                assert!(help.contains(&long), "{long} missing from --help");
                assert!(arg.get_help().is_some() || arg.get_long_help().is_some(), "{long} has no help text");
            }
        }
        for flag in [
            "--config",
            "--port",
            "--key",
            "--project",
            "--notification-url",
            "--webhook-secret",
            "--webhook-base-delay-ms",
            "--webhook-timeout-ms",
            "--rate",
            "--invoice-ttl",
            "--rate-limit",
            "--auto-pay-after",
            "--root",
            "--quiet",
            "--demo",
        ] {
            assert!(help.contains(flag), "{flag}");
        }
    }
}
