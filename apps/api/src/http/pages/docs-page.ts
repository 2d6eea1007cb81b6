import { Router } from "express";

/**
 * The interactive API reference (Scalar), served from the installed package rather than a CDN, so
 * /docs works on machines without internet access.
 */
export function docsRouter(openApiUrl: string): Router {
  const bundle = Bun.file(new URL("browser/standalone.js", import.meta.resolve("@scalar/api-reference")));
  const router = Router();
  router.get("/docs/scalar.js", async (_req, res) => {
    res.type("application/javascript").set("Cache-Control", "public, max-age=3600");
    res.send(await bundle.text());
  });
  router.get("/docs", (_req, res) => {
    // Scalar styles itself inline and runs in workers; the default CSP from helmet would blank the page.
    res.set(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:",
    );
    res.type("html").send(`<!doctype html>
<html>
  <head><title>Helpdesk API reference</title><meta charset="utf-8" /></head>
  <body>
    <script id="api-reference" data-url="${openApiUrl}" data-configuration='{"withDefaultFonts":false}'></script>
    <script src="/docs/scalar.js"></script>
  </body>
</html>`);
  });
  return router;
}
