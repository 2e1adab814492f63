//! `getcrypto-sandbox`: reads flags and the config file, binds, serves, and
//! on Ctrl-C stops webhook retries before exiting.

use clap::Parser;
use getcrypto_sandbox::cli::{origin, read_file, settings, Flags};
use getcrypto_sandbox::config::{Config, DEMO_FAILED_PATH, DEMO_PAID_PATH};
use getcrypto_sandbox::{app, webhooks::DeliveryState, AppState};

fn fail(message: String) -> ! {
    eprintln!("getcrypto-sandbox: {message}");
    std::process::exit(2);
}

fn banner(addr: &str, config: &Config) {
    let projects: Vec<_> = config
        .projects
        .iter()
        .map(|p| match &p.notification_url {
            Some(url) => format!("{} ({}, webhooks to {url})", p.id, p.name),
            None => format!("{} ({})", p.id, p.name),
        })
        .collect();
    println!("GetCrypto sandbox listening on http://{addr}");
    println!("  demo page   http://{addr}/");
    println!("  API         http://{addr}/v1/   keys: {}", config.keys.join(", "));
    println!("  projects    {}", projects.join("; "));
    println!("  OpenAPI     http://{addr}/openapi.json");
    println!("  controls    http://{addr}/sandbox/");
}

#[tokio::main]
async fn main() {
    let flags = Flags::parse();
    let mut s = read_file(&flags).and_then(|file| settings(&flags, file)).unwrap_or_else(|m| fail(m));
    let listener = tokio::net::TcpListener::bind((s.host.as_str(), s.port))
        .await
        .unwrap_or_else(|e| fail(format!("cannot listen on {}:{}: {e}", s.host, s.port)));
    let local = listener.local_addr().unwrap_or_else(|e| fail(format!("cannot read the bound address: {e}")));
    let addr = local.to_string();
    banner(&addr, &s.config);
    if s.demo {
        // Only now is the port known (`--port 0` picks one).
        let origin = origin(local);
        s.config.return_to_demo_pages(&origin);
        println!("  return to   {origin}{DEMO_PAID_PATH} (paid), {origin}{DEMO_FAILED_PATH} (expired)");
    }
    let state = AppState::new(s.config);
    let router = app(state.clone(), s.root);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, router).with_graceful_shutdown(shutdown).await {
        eprintln!("getcrypto-sandbox: {e}");
    }
    state.webhooks.shutdown().await;
    let open: Vec<_> = state.webhooks.list().into_iter().filter(|d| d.state == DeliveryState::Abandoned).collect();
    for d in &open {
        eprintln!(
            "getcrypto-sandbox: webhook {} for {} not delivered: stopped after {} attempt(s)",
            d.event_id,
            d.invoice_id,
            d.attempts.len()
        );
    }
    println!("GetCrypto sandbox stopped");
}
