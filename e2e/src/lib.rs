//! A harness for driving the checkout in real browsers: the sandbox
//! in-process on a free loopback port ([`server`]), a browser through its
//! WebDriver server on another ([`drivers`]), and fixtures that find, act
//! and check inside the widget's shadow root ([`dom`]), all of which wait
//! through [`wait`]. [`Harness`] holds one of each.

pub mod budget;
pub mod dom;
pub mod drivers;
pub mod server;
pub mod shop;
pub mod wait;

pub use dom::{act, check, find, PAY};
pub use drivers::Engine;
pub use server::{serve_dir, Fault};

use fantoccini::Client;
use getcrypto_sandbox::AppState;
use std::path::{Path, PathBuf};
use tokio::process::Child;

/// The sandbox, a WebDriver server and its browser session, torn down on
/// drop.
pub struct Harness {
    pub browser: Client,
    pub base: String,
    pub state: AppState,
    pages: server::Pages,
    driver: Child,
}

/// The checkout's root: `index.html` and `dist/` live there.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("e2e/ has a parent").to_path_buf()
}

/// What the sandbox serves: `index.html` and `dist/`. The checkout's root,
/// unless `GETCRYPTO_SITE` names another folder of the same shape, as
/// `scripts/test` does for the widget built on plain stable flags.
pub fn site_root() -> PathBuf {
    std::env::var_os("GETCRYPTO_SITE").map_or_else(repo_root, PathBuf::from)
}
