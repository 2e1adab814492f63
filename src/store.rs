//! The way to change the state from outside the runtime that holds it
//! (`runtime`): the requests' answers, the timers, and the payment's views
//! in their own chunk send their actions here.

use crate::http::Meta;
use crate::state::Action;
use std::rc::Rc;

/// Where actions go: the runtime's reducer.
#[derive(Clone)]
pub struct Dispatcher(Rc<dyn Fn(Action)>);

impl Dispatcher {
    pub fn new(dispatch: impl Fn(Action) + 'static) -> Dispatcher {
        Dispatcher(Rc::new(dispatch))
    }

    pub fn dispatch(&self, action: Action) {
        (self.0)(action)
    }

    /// Passes on what an answer said about the server's clock, so that the
    /// countdown renders from the state.
    pub fn heard(&self, meta: &Meta) {
        if let Some(offset) = meta.clock_offset {
            self.dispatch(Action::ServerClock(offset));
        }
    }
}
