/**
 * Types for `getcrypto-widget` as an ES module (`import { init } from
 * "getcrypto-widget"`).
 */
/*@types@*/
/**
 * Mounts the payment widget in the element with id `elementId`; loads the
 * WebAssembly on the first call. Rejects with an `Error` naming the
 * parameter when the input is wrong, and when called outside a browser.
 */
export declare function init(apiKey: string, elementId: string, params: InitParams, options?: InitOptions): Promise<WidgetHandle>;
