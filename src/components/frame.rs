//! The widget's frame around every view it draws itself: the payer's
//! language and its direction, and the stylesheet where the browser could
//! not share one.

use crate::i18n::Lang;
use crate::style::STYLE;
use crate::vnode::{class, el, V};

/// `body` in the widget's frame.
pub fn frame(t: Lang, own_style: bool, body: Vec<V>) -> V {
    class("div", "gc-widget")
        .attr("lang", t.tag)
        .attr("dir", if t.rtl { "rtl" } else { "ltr" })
        .maybe(own_style.then(|| el("style").text(STYLE)))
        .children(body)
        .into()
}
