// The one line a Vite app needs, for its dev server only: the widget's
// packages are served as they are, not pre-bundled, so that each finds its
// wasm beside itself.
export default { optimizeDeps: { exclude: ["getcrypto-widget", "@getcrypto/getcrypto-widget"] } };
