//! A deposit address shown in full, grouped in fours for reading. The
//! groups are separate elements, so selecting and copying by hand yields
//! the address without spaces.

use crate::vnode::{class, V};

/// The grouped address.
pub fn address(value: &str) -> V {
    let chars: Vec<char> = value.chars().collect();
    class("code", "gc-address")
        .attr("dir", "ltr")
        .attr("data-address", value)
        .children(chars.chunks(4).map(|group| class("span", "gc-group").text(group.iter().collect::<String>()).into()))
        .into()
}
