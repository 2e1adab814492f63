//! A button that copies a value and says so, visibly and to screen readers.

use crate::i18n::Lang;
use crate::vnode::{class, V};

/// How the last copy of a value went, while it is said.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Copied {
    Idle,
    Done,
    Failed,
}

/// Which value a copy button copies: the button carries its name
/// (`data-copy`), and the payment copies that value as it holds it, never
/// what the page's DOM says.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Copyable {
    Amount,
    Address,
    Invoice,
    Hash,
}

impl Copyable {
    pub const ALL: [Copyable; 4] = [Copyable::Amount, Copyable::Address, Copyable::Invoice, Copyable::Hash];

    pub fn name(self) -> &'static str {
        match self {
            Copyable::Amount => "amount",
            Copyable::Address => "address",
            Copyable::Invoice => "invoice",
            Copyable::Hash => "hash",
        }
    }
}

/// What [`copy_button`] shows.
pub struct CopyArgs<'a> {
    pub what: Copyable,
    /// `Copy the address`, for screen readers.
    pub aria_label: &'a str,
    pub copied: Copied,
    pub t: Lang,
}

/// The copy button.
pub fn copy_button(args: CopyArgs) -> V {
    let t = args.t;
    let (text, status) = match args.copied {
        Copied::Idle => (t.copy(), ""),
        Copied::Done => (t.copied(), t.copied()),
        Copied::Failed => (t.copy(), t.copy_failed()),
    };
    class("span", "gc-copy")
        .child(
            class("button", "gc-copy-button")
                .attr("type", "button")
                .attr("data-copied", (args.copied == Copied::Done).to_string())
                .attr("aria-label", args.aria_label)
                .attr("data-copy", args.what.name())
                .text(text),
        )
        .child(class("span", "gc-copy-status").attr("role", "status").attr("aria-live", "polite").text(status))
        .into()
}

/// A value shown with its copy button beside it.
pub fn with_copy(value: impl Into<V>, copy: CopyArgs) -> V {
    class("div", "gc-field-row").child(value).child(copy_button(copy)).into()
}
