//! `getcrypto-sandbox`: reads flags, binds, serves.

use clap::Parser;
use getcrypto_api::{validate, Currency};
use getcrypto_sandbox::config::{Config, Project};
use getcrypto_sandbox::{app, AppState};
use std::path::PathBuf;

/// A local GetCrypto API for demos, tests and merchants' integrations.
///
/// With no flags it listens on 127.0.0.1:8080, accepts the API key
/// `sandbox_demo_key`, knows the docs' project pr_64e5a94d9c3f4 ("Test"),
/// serves the demo page at / and the built widget at /dist/.
#[derive(Parser, Debug)]
#[command(version)]
struct Flags {
    /// Address to listen on.
    #[arg(long, env = "GETCRYPTO_SANDBOX_HOST", default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on; 0 picks a free one (printed at start).
    #[arg(long, env = "GETCRYPTO_SANDBOX_PORT", default_value_t = 8080)]
    port: u16,
    /// An accepted API key; repeat for several. Default: sandbox_demo_key.
    #[arg(long = "key", env = "GETCRYPTO_SANDBOX_KEYS", value_delimiter = ',')]
    keys: Vec<String>,
    /// A project as `pr_xxxxxxxxxxxxx=Name`; repeat for several.
    /// Default: pr_64e5a94d9c3f4=Test.
    #[arg(
        long = "project",
        env = "GETCRYPTO_SANDBOX_PROJECTS",
        value_delimiter = ','
    )]
    projects: Vec<String>,
    /// How many units of a currency one euro buys, as `btc=0.000041`;
    /// repeat for several. Unset currencies keep the defaults, which
    /// reproduce the docs' example amounts.
    #[arg(long = "rate", env = "GETCRYPTO_SANDBOX_RATES", value_delimiter = ',')]
    rates: Vec<String>,
    /// Seconds from an invoice's creation to its expiry.
    #[arg(long, env = "GETCRYPTO_SANDBOX_INVOICE_TTL", default_value_t = 1800)]
    invoice_ttl: i64,
    /// Folder holding index.html and dist/.
    #[arg(long, env = "GETCRYPTO_SANDBOX_ROOT", default_value = ".")]
    root: PathBuf,
}

fn config(flags: &Flags) -> Result<Config, String> {
    let mut c = Config::default();
    if !flags.keys.is_empty() {
        c.keys = flags
            .keys
            .iter()
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
            .collect();
    }
    if !flags.projects.is_empty() {
        c.projects = flags
            .projects
            .iter()
            .map(|p| {
                let (id, name) = p
                    .split_once('=')
                    .ok_or_else(|| format!("--project {p}: write it as pr_xxxxxxxxxxxxx=Name"))?;
                validate::project_id(validate::Raw::Text(id))
                    .map_err(|m| format!("--project {p}: {m}"))?;
                Ok(Project::new(id, name))
            })
            .collect::<Result<_, String>>()?;
    }
    for r in &flags.rates {
        let (cur, value) = r
            .split_once('=')
            .ok_or_else(|| format!("--rate {r}: write it as btc=0.000041"))?;
        let cur = Currency::parse(cur).ok_or_else(|| {
            format!(
                "--rate {r}: the currency must be one of {}",
                Currency::allowed()
            )
        })?;
        let value: f64 = value
            .parse()
            .ok()
            .filter(|v: &f64| *v > 0.0 && v.is_finite())
            .ok_or_else(|| format!("--rate {r}: the rate must be a positive number"))?;
        match c.per_eur.iter_mut().find(|(c, _)| *c == cur) {
            Some(slot) => slot.1 = value,
            None => c.per_eur.push((cur, value)),
        }
    }
    if flags.invoice_ttl <= 0 {
        return Err("--invoice-ttl must be a positive number of seconds".into());
    }
    c.invoice_ttl = flags.invoice_ttl;
    Ok(c)
}

#[tokio::main]
async fn main() {
    let flags = Flags::parse();
    let config = match config(&flags) {
        Ok(c) => c,
        Err(m) => {
            eprintln!("getcrypto-sandbox: {m}");
            std::process::exit(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind((flags.host.as_str(), flags.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "getcrypto-sandbox: cannot listen on {}:{}: {e}",
                flags.host, flags.port
            );
            std::process::exit(1);
        }
    };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let keys = config.keys.join(", ");
    let projects: Vec<_> = config
        .projects
        .iter()
        .map(|p| format!("{} ({})", p.id, p.name))
        .collect();
    println!("GetCrypto sandbox listening on http://{addr}");
    println!("  demo page   http://{addr}/");
    println!(
        "  API         http://{addr}/v1/  keys: {keys}  projects: {}",
        projects.join(", ")
    );
    println!("  controls    http://{addr}/sandbox/");
    let app = app(AppState::new(config), flags.root);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("getcrypto-sandbox: {e}");
        std::process::exit(1);
    }
}
