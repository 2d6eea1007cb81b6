import { existsSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "../logging/logger.ts";

/** apps/web of this checkout: its Vite config (development) and its build (dist/). */
export const webRoot = resolve(import.meta.dir, "../../../web");

/**
 * Paths the server owns; everything else that asks for HTML is a page of the web app. Without case,
 * as Express matches routes: `/API/v1/x` reaches the API router, so its 404 must stay JSON.
 */
const serverPaths = /^\/(api|admin|docs|dev|health|metrics|socket\.io|assets)(\/|$)/i;

/** A browser navigating (it asks for HTML by name), not an API client or a missing asset. */
const wantsPage = (req: Request) =>
  (req.method === "GET" || req.method === "HEAD") &&
  !serverPaths.test(req.path) &&
  (req.headers.accept ?? "").includes("text/html");

/**
 * The built web app on the API's origin: hashed files under /assets are cached for a year (a new
 * build has new names), index.html never (so a deploy is picked up on the next visit), and every
 * other page path answers index.html, where the app's router takes over.
 */
export function builtWebApp(dir: string, log: Logger) {
  const router = express.Router();
  // Absolute, as res.sendFile requires and as express.static hands paths to setHeaders.
  const distDir = resolve(dir);
  const assetsDir = join(distDir, "assets") + sep;
  const index = join(distDir, "index.html");
  if (!existsSync(index)) {
    log.warn({ distDir }, "the web app is not built (bun run build): pages answer 503");
    router.use((req, res, next) => {
      if (!wantsPage(req)) return next();
      res.status(503).type("text/plain").send("The web app is not built: run `bun run build`.");
    });
    return router;
  }
  router.use(
    express.static(distDir, {
      index: false,
      setHeaders(res, path) {
        const hashed = path.startsWith(assetsDir);
        res.setHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
      },
    }),
  );
  router.use((req, res, next) => {
    if (!wantsPage(req)) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}

interface ViteDevServer {
  middlewares: (req: Request, res: Response, next: NextFunction) => void;
}

/**
 * Development: Vite in middleware mode serves the app from source with hot reload, in the same
 * process and on the same origin as the API. Vite is the web app's own dependency, loaded from there.
 * It starts with the first page request, whose socket names the HTTP server: the hot-reload
 * WebSocket shares the API's port (beside Socket.IO's path) instead of taking a fixed one.
 */
export function viteWebApp(log: Logger) {
  let server: Promise<ViteDevServer> | undefined;
  const start = async (httpServer: unknown) => {
    const vite = (await import(Bun.resolveSync("vite", webRoot))) as {
      createServer(config: object): Promise<ViteDevServer>;
    };
    const dev = await vite.createServer({
      configFile: join(webRoot, "vite.config.ts"),
      server: { middlewareMode: true, hmr: httpServer ? { server: httpServer } : true },
      appType: "spa",
    });
    log.info("web app served by Vite with hot reload");
    return dev;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (serverPaths.test(req.path) && !req.path.startsWith("/assets")) return next();
    server ??= start((req.socket as { server?: unknown }).server);
    server.then((dev) => dev.middlewares(req, res, next), next);
  };
}
