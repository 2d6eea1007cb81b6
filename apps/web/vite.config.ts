import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The API process serves this app on the same origin: the built files in production
 * (apps/api/src/http/web-app.ts), Vite's middleware with hot reload in development.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), tailwindcss()],
  build: {
    outDir: "dist",
    // Hashed names under assets/ are what the server caches for a year.
    assetsDir: "assets",
    sourcemap: true,
    // dist/.vite/manifest.json maps source files to chunks: the bundle-size check reads it.
    manifest: true,
  },
});
