//! The state as the payment's views have it: a snapshot, and the way to
//! change it. The state itself is the widget's runtime's (`runtime`), which
//! also runs the first view; the payment, in its own chunk, renders from
//! the snapshot it is handed and sends its actions back.

use crate::http::Meta;
use crate::state::{Action, State};
use std::ops::Deref;
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

impl PartialEq for Dispatcher {
    fn eq(&self, other: &Dispatcher) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The state as it was last rendered, and its dispatcher.
#[derive(Clone, PartialEq)]
pub struct Store {
    state: Rc<State>,
    dispatcher: Dispatcher,
}

impl Store {
    pub fn new(state: Rc<State>, dispatcher: Dispatcher) -> Store {
        Store { state, dispatcher }
    }

    pub fn dispatcher(&self) -> Dispatcher {
        self.dispatcher.clone()
    }
}

impl Deref for Store {
    type Target = State;

    fn deref(&self) -> &State {
        &self.state
    }
}
