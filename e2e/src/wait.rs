//! Waiting with a deadline, for everything a test waits on: a browser's
//! page, the sandbox's store, a server coming up. One loop, so that every
//! wait gives up the same way and says what it waited for.

use std::time::{Duration, Instant};

/// Tries `attempt` every `every` until it succeeds or `within` has passed,
/// and returns its last outcome: the caller knows best what to say about
/// a failure (the last error, what the page shows).
pub async fn poll<T, E>(
    within: Duration,
    every: Duration,
    mut attempt: impl AsyncFnMut() -> Result<T, E>,
) -> Result<T, E> {
    let deadline = Instant::now() + within;
    loop {
        let outcome = attempt().await;
        if outcome.is_ok() || Instant::now() > deadline {
            return outcome;
        }
        tokio::time::sleep(every).await;
    }
}

/// Waits, up to `within`, until `ready` holds; `what` names it when it
/// never does.
pub async fn until(what: &str, within: Duration, mut ready: impl AsyncFnMut() -> bool) {
    // Short: most conditions are a look at memory or one round trip.
    let every = Duration::from_millis(20);
    let held = poll(within, every, async || if ready().await { Ok(()) } else { Err(()) }).await;
    assert!(held.is_ok(), "timed out waiting for {what}");
}
