//! `cargo xtask COMMAND`: the project's commands, in Rust (the pattern of
//! rust-analyzer's `xtask/`). The README's two commands, `scripts/demo` and
//! `scripts/test`, call `demo` and `test`; each installs what is missing,
//! once.

mod apps;
mod dist;
mod split;
mod test;
mod tools;
mod twiggy;

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use xshell::{cmd, Shell};
use xtask::Result;

const HELP: &str = "\
cargo xtask COMMAND

  dist         build dist/ (the head script, wasm, ES module, React component,
               declarations, integrity.json) and pkg-npm/
  demo [ARGS]  build dist/ and serve the demo page with the sandbox on
               http://127.0.0.1:8080 (ARGS go to the sandbox: --port, --rate-limit, …)
  test         every check and test, installing what is missing first
  bench        the size and speed figures, written to BENCHMARKS.md
  screenshots  every view, in English and Russian, into docs/screenshots/
  twiggy [N]   what the release wasm is made of: the N largest items (30),
               bytes by crate beside Yew's floor, the widget's own by part
  stable-site  the widget on plain stable flags, into target/stable-site/
  floor        Yew's floor with the release flags, into target/floor/
  install      install every tool the commands use, and nothing else
";

/// The checkout, the tools folder and a shell rooted at the checkout.
pub struct Ctx {
    root: PathBuf,
    tools: PathBuf,
    sh: Shell,
}

/// A step's heading, as the commands print it.
pub fn say(message: &str) {
    eprintln!("\x1b[1m==> {message}\x1b[0m");
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().ok_or("xtask has no parent folder")?.to_path_buf();
    let home = PathBuf::from(std::env::var_os("HOME").ok_or("HOME is not set")?);
    let tools = std::env::var_os("GETCRYPTO_TOOLS").map_or_else(|| home.join(".cache/getcrypto-tools"), PathBuf::from);
    // cargo's binaries and the npm tools, for these commands and their children.
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs =
        [home.join(".cargo/bin"), tools.join("node_modules/.bin")].into_iter().chain(std::env::split_paths(&path));
    let sh = Shell::new()?;
    sh.set_var("PATH", std::env::join_paths(dirs)?);
    sh.change_dir(&root);
    let ctx = Ctx { root, tools, sh };

    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "dist" => ctx.build_dist(),
        "demo" => ctx.demo(&rest),
        "test" => ctx.test(),
        "bench" => {
            ctx.ensure_browser()?;
            ctx.build_dist()?;
            ctx.build_floor()?;
            say("benchmarking (about three minutes)");
            cmd!(ctx.sh, "cargo run --quiet --release -p e2e --bin bench").run()?;
            Ok(())
        }
        "screenshots" => {
            ctx.ensure_browser()?;
            ctx.build_dist()?;
            cmd!(ctx.sh, "cargo run --quiet -p e2e --bin screenshots").run()?;
            Ok(())
        }
        "twiggy" => ctx.twiggy(rest.first().map_or("30", String::as_str)),
        "stable-site" => ctx.build_stable_site().map(drop),
        "floor" => ctx.build_floor(),
        "install" => ctx.install(),
        "" | "help" | "-h" | "--help" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(format!("no command '{other}'\n\n{HELP}").into()),
    }
}

impl Ctx {
    fn demo(&self, args: &[String]) -> Result<()> {
        self.build_dist()?;
        say("building the sandbox");
        cmd!(self.sh, "cargo build --release --quiet -p getcrypto-sandbox").run()?;
        let sandbox = self.root.join("target/release/getcrypto-sandbox");
        // --demo: a payer who finishes returns to the sandbox's own pages,
        // not to the docs' example URLs, where the browser shows an error.
        Err(std::process::Command::new(sandbox).arg("--root").arg(&self.root).arg("--demo").args(args).exec().into())
    }

    fn install(&self) -> Result<()> {
        self.ensure_wasm_toolchain()?;
        self.ensure_esbuild()?;
        self.ensure_browser()?;
        self.ensure_engines()?;
        self.ensure_schemathesis()?;
        self.ensure_axe()?;
        self.ensure_typescript()?;
        self.ensure_node22()?;
        self.ensure_php()?;
        self.ensure_twiggy()
    }
}
