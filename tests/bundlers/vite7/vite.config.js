// Vite 7 reads wasm-pack's bundler package only through a plugin;
// `getcrypto-widget` needs none.
import wasm from "vite-plugin-wasm";

export default { plugins: [wasm()] };
