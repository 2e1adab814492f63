/**
 * Types of the GetCrypto payment widget: its parameters, handle, invoice
 * and events. Shared by the head script's declarations and the npm package.
 */

/** A cryptocurrency the API can be paid in. */
export type Cryptocurrency = "usdt" | "usdc" | "btc" | "eth";
/** A network a cryptocurrency travels on. */
export type Network = "bep20" | "trc20" | "erc20" | "btc" | "eth";
/** The currency of the order's amount. */
export type Currency = "usd" | "eur" | "rub" | Cryptocurrency;
/**
 * A language the widget ships: English is built in, each other one is a
 * file of its own fetched only for a payer who reads it. `pt` is Brazilian
 * Portuguese.
 */
export type ShippedLanguage =
  | "en" | "ru" | "uk" | "kk" | "uz" | "tr" | "es" | "pt" | "fr" | "de" | "it" | "pl" | "nl" | "ro" | "cs"
  | "ar" | "fa" | "he" | "ur" | "hi" | "bn" | "id" | "ms" | "vi" | "th" | "fil" | "zh-CN" | "zh-TW" | "ja" | "ko";

/**
 * The widget's language: a shipped tag, `"auto"` (the payer's browser
 * languages, English if none is shipped), or any other well-formed tag,
 * which falls back to its nearest shipped language (`pt-PT` → `pt`) and
 * then English, with a console warning. The API is asked in Russian for
 * Russian and in English otherwise.
 */
export type Language = ShippedLanguage | "auto" | (string & {});
/** An invoice's status; a newer API may send others, shown as they are. */
export type InvoiceStatus = "pending" | "confirming" | "underpaid" | "paid" | "expired" | (string & {});

/** The third argument of `GetCrypto.init`, with the API's own names. */
export interface InitParams {
  /** `pr_` and 13 characters. */
  project_id: string;
  /** From 0.00000001 to 1000000000. */
  amount: number | string;
  currency: Currency;
  /** 1 to 255 characters. */
  order_id: string;
  language: Language;
  /** Sent to `POST v1/invoices` as a JSON string. */
  custom_fields?: Record<string, unknown> | string;
  /** Default `https://api.getcrypto.finance`. */
  api_base?: string;
  /** What the paid view does: `"redirect"` (the default: `success_url`
   * after 5 s, with a button to go at once), `"button"` (the button only)
   * or `"stay"` (neither: your page takes over on `getcrypto:status` with
   * `status: "paid"`, which every tab hears; `getcrypto:paid` is told in
   * one tab only). */
  after_paid?: AfterPaid;
}

/** What the paid view does once the payer has paid. */
export type AfterPaid = "redirect" | "button" | "stay";

/** The stable `code` of a failure, in `getcrypto:error`, `onError` and
 * `init`'s rejected `Error`. */
export type ErrorCode =
  | "unsupported"
  | "load"
  | "integrity"
  | "csp"
  | "cors"
  | "network"
  | "params"
  | "unauthorized"
  | "rate_limited"
  | "rejected"
  | "server"
  | "timeout"
  | "unreadable"
  | "payment_chunk"
  | "wallet";

/** What `init` rejects with, but for an `AbortError` when cancelled. */
export interface GetCryptoError extends Error {
  code: ErrorCode;
}

/** The optional fourth argument of `GetCrypto.init`. */
export interface InitOptions {
  /** Aborting it cancels an init that has not resolved yet: its first
   * request is not sent or is aborted, and the init rejects with an
   * `AbortError`. For a component unmounted before the wasm arrived. */
  signal?: AbortSignal;
}

/** What `GetCrypto.init` resolves to. */
export interface WidgetHandle {
  /** Removes the widget and stops every timer and request it had. */
  destroy(): void;
}

/** An invoice, as `getcrypto:invoice`, `:status`, `:paid` and `:expired` carry it. */
export interface Invoice {
  id: string;
  status: InvoiceStatus;
  project_id: string;
  order_id: string;
  /** Amounts are decimal strings, digits exactly as the API sent them. */
  input_amount: string | null;
  currency: string;
  cryptocurrency: string;
  network: string;
  amount: string;
  amount_paid: string;
  address: string;
  confirmations: number;
  confirmations_required: number;
  created_at: string;
  expires_at: string;
  success_url: string | null;
  fail_url: string | null;
}

/** The detail of `getcrypto:invoice`, `:status`, `:paid` and `:expired`. */
export interface InvoiceDetail extends Invoice {
  /** `true`: a state found when the widget loaded (a reload, another tab,
   * the order opened again), not something that just happened. Always
   * `false` for `paid` and `expired`, which are told once per invoice. */
  resumed: boolean;
}

/** `getcrypto:ready`'s detail. */
export interface ReadyDetail {
  project_name: string;
  /** `true` when a kept invoice is shown again instead of the coins. */
  resumed: boolean;
}

/** `getcrypto:error`'s detail: every failure the payer can see. */
export interface ErrorDetail {
  code: ErrorCode;
  /** What the payer reads, in the widget's language. */
  message: string;
  /** The API's HTTP status, for a refused request. */
  status?: number;
  /** Seconds until the widget asks again by itself, for a 429. */
  retry_after?: number;
}

/** `getcrypto:transaction`'s detail: a browser wallet sent this. */
export interface TransactionDetail {
  invoice_id: string;
  hash: string;
  /** The wallet's name, as it announced itself. */
  wallet: string;
}

/** Every event, dispatched on the mount element, bubbling. */
export interface GetCryptoEventMap {
  "getcrypto:ready": CustomEvent<ReadyDetail>;
  "getcrypto:invoice": CustomEvent<InvoiceDetail>;
  "getcrypto:status": CustomEvent<InvoiceDetail>;
  "getcrypto:paid": CustomEvent<InvoiceDetail>;
  "getcrypto:expired": CustomEvent<InvoiceDetail>;
  "getcrypto:error": CustomEvent<ErrorDetail>;
  "getcrypto:transaction": CustomEvent<TransactionDetail>;
}


declare global {
  /** `el.addEventListener("getcrypto:paid", (e) => e.detail.amount)` is typed. */
  interface HTMLElementEventMap extends GetCryptoEventMap {}
}
