// webpack 5 reads wasm-pack's bundler package with `asyncWebAssembly`;
// `getcrypto-widget` needs nothing.
import { copyFileSync, cpSync, mkdirSync } from "node:fs";

mkdirSync("dist", { recursive: true });
copyFileSync("index.html", "dist/index.html");
cpSync("public", "dist", { recursive: true });

export default {
  mode: "production",
  entry: "./main.js",
  output: { filename: "main.js", path: new URL("dist", import.meta.url).pathname, publicPath: "auto", clean: false },
  experiments: { asyncWebAssembly: true },
  performance: { hints: false },
};
