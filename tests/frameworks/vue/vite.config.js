// As create-vue makes it: nothing for the widget (Vite 8.4's dev server
// serves the package's wasm as it is).
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

export default defineConfig({ plugins: [vue()] });
