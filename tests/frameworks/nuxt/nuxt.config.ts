// https://nuxt.com/docs/api/configuration/nuxt-config
export default defineNuxtConfig({
  compatibilityDate: "2025-07-15",
  devtools: { enabled: true },
  app: { head: { title: "Shop", script: [{ src: "/getcrypto/getcrypto.js" }] } },
  // As docs/merchants.md says for Nuxt. Warming up the entry made `nuxt
  // dev` print a red `Failed to resolve import "./getcrypto_bg.js"` at
  // every start (the page worked).
  vite: { warmupEntry: false },
  // The production build prefetches each wasm without `crossorigin`, which
  // the widget's own CORS fetch cannot reuse: each wasm downloaded twice.
  hooks: {
    "build:manifest": (manifest) => {
      for (const file of Object.values(manifest)) {
        if (file.assets) file.assets = file.assets.filter((asset) => !asset.endsWith(".wasm"));
      }
    },
  },
});
