//! The payment's concerns, one to a hook: the payment's view
//! (`components::payment_phase`) composes them. Each hook reads the state,
//! starts or stops what that concern needs (polling, storage, wallets,
//! focus), and changes the state only through the runtime's actions. What
//! runs before the payment is the runtime's own (`runtime`).

mod focus;
mod follow;
mod kept_invoice;
mod wallets;

pub use focus::use_focus;
pub use follow::use_follow;
pub use kept_invoice::use_keep_invoice;
pub use wallets::use_wallets;
