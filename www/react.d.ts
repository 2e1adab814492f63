/** Types of `getcrypto-widget/react`. */
import type { CSSProperties, ReactElement } from "react";
import type { Currency, Invoice, Language, TransactionDetail } from "./index";

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
  onReady?: (detail: { project_name: string | null }) => void;
  onInvoice?: (invoice: Invoice) => void;
  onStatus?: (invoice: Invoice) => void;
  onPaid?: (invoice: Invoice) => void;
  onExpired?: (invoice: Invoice) => void;
  /** A browser wallet sent the payment; the invoice's status still comes from the API. */
  onTransaction?: (detail: TransactionDetail) => void;
  /** A failed call, a bad parameter, or a widget that could not load. */
  onError?: (detail: { message: string }) => void;
  className?: string;
  style?: CSSProperties;
}

/** The payment widget, mounted in a `<div>` this component renders. */
export declare function GetCryptoCheckout(props: GetCryptoCheckoutProps): ReactElement;
