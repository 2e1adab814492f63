/**
 * Types for the GetCrypto payment widget's head script (`getcrypto.js`),
 * which defines the global `GetCrypto`.
 */
/*@types@*/
export interface GetCryptoApi {
  /**
   * Mounts the payment widget in the element with id `elementId`. May be
   * called before the widget or the element has loaded. Rejects with an
   * `Error` naming the parameter when the input is wrong.
   */
  init(apiKey: string, elementId: string, params: InitParams, options?: InitOptions): Promise<WidgetHandle>;
}

declare global {
  /** Defined by `getcrypto.js`. */
  const GetCrypto: GetCryptoApi;
  interface Window {
    GetCrypto: GetCryptoApi;
  }
}
