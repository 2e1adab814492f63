//! What one change of the state tells the page (the `getcrypto:*` events
//! listed in `events`, each once per change it reports), and the memory
//! that makes each of the runtime's effects run only when its value
//! changes, as a Yew effect did with its dependencies.

use crate::chunk::Chunk;
use crate::events::Failure;
use crate::i18n::Lang;
use crate::paying::Entry;
use crate::state::{Phase, State, WalletStep};
use getcrypto_api::Status;

/// The last value each effect ran for: an effect runs again only when its
/// value changes, as a Yew effect does with its dependencies.
#[derive(Default)]
pub struct Ran {
    pub attempt: Option<u32>,
    pub load_wait: Option<Option<u32>>,
    pub create_wait: Option<Option<u32>>,
    pub create: Option<(Option<(String, String)>, bool)>,
    pub focus: Option<(Option<String>, bool)>,
    pub ready: Option<bool>,
    pub invoice: Option<Option<(String, Status)>>,
    pub announced: Option<String>,
    pub sent: Option<Option<(String, String, String)>>,
    pub failure: Option<Option<Told>>,
}

/// A failure as `getcrypto:error` tells it: code, message, status, retry.
pub type Told = (&'static str, String, Option<u16>, Option<u32>);

/// Whether `value` differs from what `slot` last ran for; remembers it.
pub fn changed<K: PartialEq>(slot: &mut Option<K>, value: K) -> bool {
    if slot.as_ref() == Some(&value) {
        return false;
    }
    *slot = Some(value);
    true
}

/// What the page is to be told about one change.
#[derive(Default)]
pub struct News {
    /// `ready`: the project's name, and whether the invoice shown was
    /// found again.
    pub ready: Option<(String, bool)>,
    /// The invoice's events: whether this invoice is new to the page, and
    /// whether it was found again.
    pub invoice: Option<(bool, bool)>,
    pub sent: Option<(String, String, String)>,
    pub failure: Option<Told>,
}

/// The `getcrypto:*` events (listed in `events`) a change makes, each once
/// per change it reports.
pub fn page_news(ran: &mut Ran, state: &State, chunk: &Chunk<Entry>, lang: Lang) -> News {
    let mut news = News::default();
    let shown = match &state.phase {
        Phase::Choosing(c) | Phase::Creating(c) => Some((&c.data.project_name, false)),
        Phase::Tracking(t) => Some((&t.project_name, t.resumed)),
        _ => None,
    };
    if changed(&mut ran.ready, shown.is_some()) {
        news.ready = shown.map(|(project, resumed)| (project.clone(), resumed));
    }
    let tracked = match &state.phase {
        Phase::Tracking(t) => Some((t.invoice.id.clone(), t.invoice.status.clone())),
        _ => None,
    };
    if changed(&mut ran.invoice, tracked.clone()) {
        if let (Some((id, _)), Phase::Tracking(t)) = (tracked, &state.phase) {
            let first = ran.announced.as_deref() != Some(id.as_str());
            ran.announced = Some(id);
            news.invoice = Some((first, t.resumed));
        }
    }
    let sent = match &state.phase {
        Phase::Tracking(t) => match &t.wallet {
            WalletStep::Sent { name, hash } => Some((t.invoice.id.clone(), hash.clone(), name.clone())),
            _ => None,
        },
        _ => None,
    };
    if changed(&mut ran.sent, sent.clone()) {
        news.sent = sent;
    }
    // One failure at a time is what the payer sees: the API's, a wallet's,
    // or the payment's part that could not be loaded.
    let wallet = match &state.phase {
        Phase::Tracking(t) => match &t.wallet {
            WalletStep::Failed(message) => Some(message.clone()),
            _ => None,
        },
        _ => None,
    };
    let chunk_failure = match chunk {
        Chunk::Failed { reason } => Some(reason),
        _ => None,
    };
    let failure = match (state.error(), wallet, chunk_failure) {
        // Also where a kept invoice could not be read for want of the
        // chunk: the payer reads about the chunk.
        (e, None, Some(reason)) if e.is_none() || matches!(state.phase, Phase::LoadFailed(_)) => {
            Some(("payment_chunk", format!("{} {reason}", lang.payment_unavailable()), None, None))
        }
        (Some(e), _, _) => {
            let f = Failure::api(e, "");
            Some((f.code, lang.describe(e), f.status, f.retry_after))
        }
        (None, Some(message), _) => Some(("wallet", message, None, None)),
        _ => None,
    };
    if changed(&mut ran.failure, failure.clone()) {
        news.failure = failure;
    }
    news
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;
    use crate::state::Action;
    use getcrypto_api::{OrderedMap, WidgetData};

    fn choosing() -> State {
        let data = WidgetData {
            project_name: "Shop".into(),
            success_url: None,
            fail_url: None,
            methods: OrderedMap::default(),
            amounts: OrderedMap::default(),
        };
        State::default().next(Action::Loaded(data))
    }

    #[test]
    fn an_effect_runs_again_only_for_a_new_value() {
        let mut slot = None;
        assert!(changed(&mut slot, 1));
        assert!(!changed(&mut slot, 1));
        assert!(changed(&mut slot, 2));
    }

    #[test]
    fn ready_is_told_once_as_the_coins_show() {
        let mut ran = Ran::default();
        let lang = Lang::default();
        assert_eq!(page_news(&mut ran, &State::default(), &Chunk::Idle, lang).ready, None);
        let shown = choosing();
        assert_eq!(page_news(&mut ran, &shown, &Chunk::Idle, lang).ready, Some(("Shop".into(), false)));
        assert_eq!(
            page_news(&mut ran, &shown.next(Action::ChooseCoin("usdt".into())), &Chunk::Loading, lang).ready,
            None
        );
    }

    #[test]
    fn a_failure_is_told_once_and_the_chunk_s_by_its_own_code() {
        let mut ran = Ran::default();
        let lang = Lang::default();
        let failed = State::default().next(Action::LoadFailed(ApiError::Offline));
        let first = page_news(&mut ran, &failed, &Chunk::Idle, lang).failure.expect("told");
        assert_eq!((first.0, first.1), (ApiError::Offline.code(), lang.describe(&ApiError::Offline)));
        assert!(page_news(&mut ran, &failed, &Chunk::Idle, lang).failure.is_none(), "told once");
        let chunk = Chunk::Failed { reason: "the chunk did not arrive".into() };
        let told = page_news(&mut ran, &choosing(), &chunk, lang).failure.expect("told");
        assert_eq!(told.0, "payment_chunk");
        assert!(told.1.ends_with("the chunk did not arrive"), "{}", told.1);
    }
}
