/** Types of `getcrypto-widget/react`. */
import type { CSSProperties, ReactElement } from "react";
import type { AfterPaid, Currency, ErrorDetail, InvoiceDetail, Language, ReadyDetail, TransactionDetail } from "./index";

export interface GetCryptoCheckoutProps {
  /** The merchant's GetCrypto API key. */
  apiKey: string;
  /** `pr_` and 13 characters. */
  projectId: string;
  /** From 0.00000001 to 1000000000. */
  amount: number | string;
  currency: Currency;
  /** 1 to 255 characters. */
  orderId: string;
  /** Default `en`. */
  language?: Language;
  /** Sent to `POST v1/invoices` as a JSON string. */
  customFields?: Record<string, unknown> | string;
  /** Default `https://api.getcrypto.finance`. */
  apiBase?: string;
  /** Default `"redirect"`; see `InitParams.after_paid`. */
  afterPaid?: AfterPaid;
  /** Fixes the colour scheme (`data-scheme` on the element); by default it
   * follows the payer's system. */
  scheme?: "light" | "dark";
  onReady?: (detail: ReadyDetail) => void;
  onInvoice?: (invoice: InvoiceDetail) => void;
  onStatus?: (invoice: InvoiceDetail) => void;
  /** Once per invoice, in one tab, when the widget sees it paid. */
  onPaid?: (invoice: InvoiceDetail) => void;
  onExpired?: (invoice: InvoiceDetail) => void;
  /** A browser wallet sent the payment; the invoice's status still comes from the API. */
  onTransaction?: (detail: TransactionDetail) => void;
  /** Every failure the payer can see, with its stable `code`. */
  onError?: (detail: ErrorDetail) => void;
  className?: string;
  style?: CSSProperties;
}

/** The payment widget, mounted in a `<div>` this component renders. */
export declare function GetCryptoCheckout(props: GetCryptoCheckoutProps): ReactElement;
