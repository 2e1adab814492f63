//! Many payers on one key, in virtual time: every payer's browser spends the
//! merchant's one public key, which the API allows 60 requests a minute.
//! Each simulated payer runs the widget's own rules (the [`State`] reducer
//! for what the payer sees, [`outcome`], [`Pace`] and [`first_delay`] for
//! when it asks) against the sandbox's own [`Limiter`], so the figures move
//! when either side's rules do.
//!
//! A payer opens the checkout (`GET v1/widget`) at a moment drawn evenly
//! from the first 30 s, presses Pay (`POST v1/invoices`) 2 to 10 s after
//! the coins show, and the invoice is paid at a moment drawn evenly from
//! 20 s to 3 min after it exists. Each request takes 80 to 400 ms there
//! and back. A 429 on the coins or on Pay is asked again after its
//! `Retry-After`, as the widget does. Everything random comes from a seeded
//! xorshift, so a run is the same on every machine.
//!
//! `cargo test -p getcrypto-widget --lib shared_key -- --nocapture` prints
//! the tables BENCHMARKS.md quotes.

use super::{first_delay, outcome, Pace, Step};
use crate::error::error_from;
use crate::http::{Meta, Reply};
use crate::state::{Action, State};
use getcrypto_api::fixtures::invoice;
use getcrypto_api::rate::REQUESTS_PER_MINUTE;
use getcrypto_api::{Method, NetworkInfo, OrderedMap, WidgetData};
use getcrypto_sandbox::ratelimit::{Limiter, Verdict};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::{Duration, Instant};

/// The shop's one public key.
const KEY: &str = "pk_live_shop";
/// Runs per figure, seeds 0 to `SEEDS - 1`.
const SEEDS: u64 = 20;
/// A run that has not ended by then has payers stuck for good.
const GIVE_UP_MS: u64 = 30 * 60_000;

/// xorshift64*: enough randomness for arrival times, in a few lines.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Spread small seeds over the whole state; zero would stay zero.
        Rng(seed.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A fraction in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Milliseconds in [lo, hi).
    fn between(&mut self, (lo, hi): (u64, u64)) -> u64 {
        lo + (self.unit() * (hi - lo) as f64) as u64
    }
}

/// Who comes, and when they pay.
#[derive(Clone, Copy)]
struct Model {
    payers: usize,
    /// Checkouts open at moments drawn evenly from `0..arrive_ms`.
    arrive_ms: u64,
    /// Each invoice is paid this long after it exists, drawn evenly.
    pay_ms: (u64, u64),
}

impl Model {
    fn new(payers: usize) -> Model {
        Model { payers, arrive_ms: 30_000, pay_ms: (20_000, 180_000) }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Request {
    View,
    Create,
    Check,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    /// The payer's browser sends `Request`.
    Send(usize, Request),
    /// It reaches the API, which counts it against the key.
    Arrive(usize, Request),
    /// The answer is back: `limited` carries a 429's `Retry-After`,
    /// `remaining` what the key has left, `paid` the invoice's status.
    Answer { payer: usize, request: Request, limited: Option<u64>, remaining: u32, paid: bool },
}

struct Payer {
    state: State,
    pace: Pace,
    paid_at: u64,
    saw_paid_at: Option<u64>,
    /// A failure was shown while the invoice was followed.
    saw_error_following: bool,
    /// A 429 was shown before the invoice existed ("waiting N s").
    saw_wait_before: bool,
}

/// One run's figures.
#[derive(Default)]
struct Run {
    /// From paid to the answer that showed it, per payer, in ms.
    paid_to_seen: Vec<u64>,
    limited: u32,
    limited_checks: u32,
    errors_following: u32,
    waits_before: u32,
    /// Payers who never saw paid within [`GIVE_UP_MS`].
    stuck: u32,
}

fn coins() -> WidgetData {
    let network = NetworkInfo { id: 2, label: "TRC20".into() };
    let usdt = Method { id: 1, label: "USDT".into(), networks: OrderedMap(vec![("trc20".into(), network)]) };
    WidgetData {
        project_name: "Shop".into(),
        success_url: None,
        fail_url: None,
        methods: OrderedMap(vec![("usdt".into(), usdt)]),
        amounts: OrderedMap::default(),
    }
}

fn simulate(model: Model, seed: u64) -> Run {
    let mut rng = Rng::new(seed);
    let mut limiter = Limiter::per_minute(REQUESTS_PER_MINUTE);
    let start = Instant::now();
    let mut queue = BinaryHeap::new();
    let mut order = 0u64;
    // Events at the same moment run in the order they were planned.
    let mut plan = |queue: &mut BinaryHeap<_>, at: u64, event: Event| {
        order += 1;
        queue.push(Reverse((at, order, event)));
    };
    let mut payers: Vec<Payer> = (0..model.payers)
        .map(|_| Payer {
            state: State::default(),
            pace: Pace::default(),
            paid_at: u64::MAX,
            saw_paid_at: None,
            saw_error_following: false,
            saw_wait_before: false,
        })
        .collect();
    for i in 0..model.payers {
        let at = rng.between((0, model.arrive_ms));
        plan(&mut queue, at, Event::Send(i, Request::View));
    }
    let mut run = Run::default();
    while let Some(Reverse((now, _, event))) = queue.pop() {
        if now > GIVE_UP_MS {
            break;
        }
        match event {
            Event::Send(payer, request) => {
                let there = rng.between((40, 200));
                plan(&mut queue, now + there, Event::Arrive(payer, request));
            }
            Event::Arrive(payer, request) => {
                let (limited, remaining) = match limiter.hit(KEY, start + Duration::from_millis(now)) {
                    Verdict::Allowed { remaining } => (None, remaining),
                    Verdict::Limited { retry_after } => {
                        run.limited += 1;
                        run.limited_checks += u32::from(request == Request::Check);
                        (Some(retry_after), 0)
                    }
                };
                let paid = now >= payers[payer].paid_at;
                let back = rng.between((40, 200));
                plan(&mut queue, now + back, Event::Answer { payer, request, limited, remaining, paid });
            }
            Event::Answer { payer: i, request, limited, remaining, paid } => {
                let p = &mut payers[i];
                let refusal = limited.map(|secs| error_from(429, Some(&secs.to_string()), None));
                let wait = limited.unwrap_or(0) * 1000;
                match (request, refusal) {
                    (Request::View, Some(e)) => {
                        p.state = p.state.next(Action::LoadFailed(e));
                        p.saw_wait_before |= p.state.error().is_some();
                        plan(&mut queue, now + wait, Event::Send(i, Request::View));
                        p.state = p.state.next(Action::Reload);
                    }
                    (Request::View, None) => {
                        p.state = p.state.next(Action::Loaded(coins()));
                        let think = rng.between((2_000, 10_000));
                        plan(&mut queue, now + think, Event::Send(i, Request::Create));
                        p.state = p.state.next(Action::ChooseCoin("usdt".into())).next(Action::Confirm);
                    }
                    (Request::Create, Some(e)) => {
                        p.state = p.state.next(Action::CreateFailed(e));
                        p.saw_wait_before |= p.state.error().is_some();
                        plan(&mut queue, now + wait, Event::Send(i, Request::Create));
                        p.state = p.state.next(Action::Confirm);
                    }
                    (Request::Create, None) => {
                        p.state = p.state.next(Action::Created(invoice("pending")));
                        // As `poll::follow` seeds it from the create's answer.
                        p.pace = Pace::since(Some(remaining));
                        p.paid_at = now + rng.between(model.pay_ms);
                        let first = u64::from(first_delay(rng.unit()));
                        plan(&mut queue, now + first, Event::Send(i, Request::Check));
                    }
                    (Request::Check, refusal) => {
                        let result = match refusal {
                            Some(e) => Err(e),
                            None => Ok(invoice(if paid { "paid" } else { "pending" })),
                        };
                        let meta = Meta { rate: Some((remaining, REQUESTS_PER_MINUTE)), clock_offset: None };
                        let reply = Reply { result, meta };
                        let tell = match p.pace.after(&outcome(&reply), rng.unit()) {
                            Step::Stop => true,
                            Step::Again { after_ms, tell } => {
                                plan(&mut queue, now + u64::from(after_ms), Event::Send(i, Request::Check));
                                tell
                            }
                        };
                        if tell {
                            p.state = p.state.next(match reply.result {
                                Ok(invoice) => Action::Polled(invoice),
                                Err(e) => Action::PollFailed(e),
                            });
                            p.saw_error_following |= p.state.error().is_some();
                        }
                        if paid && limited.is_none() {
                            p.saw_paid_at = Some(now);
                        }
                    }
                }
            }
        }
    }
    for p in &payers {
        match p.saw_paid_at {
            Some(at) => run.paid_to_seen.push(at - p.paid_at),
            None => run.stuck += 1,
        }
        run.errors_following += u32::from(p.saw_error_following);
        run.waits_before += u32::from(p.saw_wait_before);
    }
    run
}

/// A model's figures over every seed.
struct Figures {
    median_ms: u64,
    p95_ms: u64,
    slowest_ms: u64,
    /// 429s a run, on average, and of them on status checks.
    limited: f64,
    limited_checks: f64,
    /// Payers, over all runs, who saw an error while following their
    /// invoice, and who saw a rate-limit wait before it existed.
    errors_following: u32,
    waits_before: u32,
    stuck: u32,
    /// Payers over all runs.
    payers: u64,
}

/// The nearest-rank percentile of sorted `values`.
fn percentile(values: &[u64], pct: usize) -> u64 {
    values.get((values.len() * pct).div_ceil(100).max(1) - 1).copied().unwrap_or(0)
}

fn measure(model: Model) -> Figures {
    let runs: Vec<Run> = (0..SEEDS).map(|seed| simulate(model, seed)).collect();
    let mut all: Vec<u64> = runs.iter().flat_map(|r| r.paid_to_seen.iter().copied()).collect();
    all.sort_unstable();
    let mean = |f: fn(&Run) -> u32| runs.iter().map(|r| f64::from(f(r))).sum::<f64>() / SEEDS as f64;
    let total = |f: fn(&Run) -> u32| runs.iter().map(f).sum::<u32>();
    Figures {
        median_ms: percentile(&all, 50),
        p95_ms: percentile(&all, 95),
        slowest_ms: all.last().copied().unwrap_or(0),
        limited: mean(|r| r.limited),
        limited_checks: mean(|r| r.limited_checks),
        errors_following: total(|r| r.errors_following),
        waits_before: total(|r| r.waits_before),
        stuck: total(|r| r.stuck),
        payers: model.payers as u64 * SEEDS,
    }
}

fn secs(ms: u64) -> String {
    format!("{:.1} s", ms as f64 / 1000.0)
}

fn row(first: &str, f: &Figures) -> String {
    let stuck = if f.stuck > 0 { format!(" ({} never saw paid)", f.stuck) } else { String::new() };
    format!(
        "| {first} | {} | {} | {}{stuck} | {:.1} ({:.1}) | {} of {} | {} of {} |",
        secs(f.median_ms),
        secs(f.p95_ms),
        secs(f.slowest_ms),
        f.limited,
        f.limited_checks,
        f.errors_following,
        f.payers,
        f.waits_before,
        f.payers,
    )
}

const HEADER: &str = "paid → paid seen, median | 95th percentile | slowest | 429s a run (on status checks) \
     | payers who saw an error while following | payers who saw a rate-limit wait before the invoice |";

#[test]
fn prints_the_tables() {
    println!("{SEEDS} runs per row (seeds 0 to {}), one key at {REQUESTS_PER_MINUTE} a minute\n", SEEDS - 1);
    println!("| payers | {HEADER}\n|---:|---:|---:|---:|---:|---:|---:|");
    for payers in [5, 10, 20, 40] {
        println!("{}", row(&payers.to_string(), &measure(Model::new(payers))));
    }
    println!("\n20 payers, other arrivals and payments:\n");
    println!("| model | {HEADER}\n|---|---:|---:|---:|---:|---:|---:|");
    let twenty = Model::new(20);
    let models = [
        ("checkouts over 20 s", Model { arrive_ms: 20_000, ..twenty }),
        ("checkouts over 45 s", Model { arrive_ms: 45_000, ..twenty }),
        ("paid 10 s to 1 min after the invoice", Model { pay_ms: (10_000, 60_000), ..twenty }),
        ("paid 1 to 5 min after the invoice", Model { pay_ms: (60_000, 300_000), ..twenty }),
    ];
    for (name, model) in models {
        println!("{}", row(name, &measure(model)));
    }
}

/// The goal for one key: 20 payers at once see no error and see paid
/// within 30 s (95th percentile).
#[test]
fn twenty_payers_on_one_key_see_paid_within_30_s_and_no_error() {
    let f = measure(Model::new(20));
    assert_eq!(f.stuck, 0, "every payer sees paid");
    assert_eq!(f.errors_following, 0, "no payer sees an error while following the invoice");
    assert_eq!(f.waits_before, 0, "no payer waits for the coins or the invoice");
    assert!(f.p95_ms <= 30_000, "paid shows within 30 s at the 95th percentile, not {}", secs(f.p95_ms));
}

/// Sharing the key fairly costs a few payers next to nothing: on a quiet
/// key a widget still asks at least every 5 s.
#[test]
fn five_payers_see_paid_within_about_a_poll_interval() {
    let f = measure(Model::new(5));
    assert_eq!((f.errors_following, f.waits_before, f.stuck), (0, 0, 0));
    assert!(f.median_ms <= 3_500 && f.p95_ms <= 6_000, "{} / {}", secs(f.median_ms), secs(f.p95_ms));
}
