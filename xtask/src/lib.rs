//! What the build computes about the files it ships, in one place: the
//! build (`cargo xtask dist`) writes names, integrity values and compressed
//! copies with these functions, and the size tests (`e2e/tests/size.rs`)
//! check `dist/` with the same ones.

pub mod compress;
pub mod digest;
pub mod languages;
pub mod names;
pub mod ship;
pub mod sizes;
pub mod template;

/// Every step's failure is a message for the person who ran the command.
pub type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;
