/**
 * What a first visit to the login page downloads before it can render: the JavaScript index.html
 * loads (its entry scripts and modulepreload links) plus the login page's lazy chunk and the chunks
 * it imports statically, found through Vite's manifest. Sizes are gzip level 9, as a server or CDN
 * would send them. `bun apps/web/scripts/bundle-size.ts` prints the figure; bundle-size.test.ts
 * holds it under budget.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** Where the build is: WEB_DIST_DIR, as for the API that serves it, or apps/web/dist. */
export const defaultDistDir = resolve(process.env.WEB_DIST_DIR ?? resolve(import.meta.dir, "../dist"));
const LOGIN_PAGE = "src/features/auth/login-page.tsx";

interface ManifestChunk {
  file: string;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface BundleSize {
  /** Each file once, in the order it was found, with its gzipped size in bytes. */
  files: { file: string; gzipBytes: number }[];
  gzipBytes: number;
}

/** `/assets/index-abc.js` (as index.html links it) → `assets/index-abc.js` (relative to dist). */
const distPath = (url: string) => url.split(/[?#]/)[0]?.replace(/^\//, "") ?? url;

/** The JavaScript index.html loads at once: `<script src>` and `<link rel="modulepreload" href>`. */
export function initialScripts(html: string): string[] {
  const attribute = (tag: string, name: string) =>
    tag.match(new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, "i"))?.[1];
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    const url = isScript
      ? attribute(tag, "src")
      : attribute(tag, "rel")?.toLowerCase() === "modulepreload"
        ? attribute(tag, "href")
        : undefined;
    // A `data:` or another origin's URL is not part of this build.
    if (url && !/^([a-z][\w+.-]*:|\/\/)/i.test(url)) found.push(distPath(url));
  }
  return found;
}

/** A manifest chunk's file and, transitively, those of the chunks it imports statically. */
function withStaticImports(manifest: Manifest, key: string, seen = new Set<string>()): string[] {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return [];
  seen.add(key);
  return [chunk.file, ...(chunk.imports ?? []).flatMap((child) => withStaticImports(manifest, child, seen))];
}

function built(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`${what} not found at ${path}: run \`bun run build\` first`);
  return path;
}

export function loginPageBundleSize(distDir = defaultDistDir): BundleSize {
  const html = readFileSync(built(join(distDir, "index.html"), "The web app's build (index.html)"), "utf8");
  const manifest: Manifest = JSON.parse(
    readFileSync(built(join(distDir, ".vite/manifest.json"), "Vite's manifest (build.manifest)"), "utf8"),
  );
  if (!manifest[LOGIN_PAGE]) {
    throw new Error(`${LOGIN_PAGE} has no chunk of its own in the manifest: is it still lazy-loaded?`);
  }
  const files = [...new Set([...initialScripts(html), ...withStaticImports(manifest, LOGIN_PAGE)])];
  const sizes = files.map((file) => {
    const bytes = new Uint8Array(readFileSync(built(join(distDir, file), file)));
    return { file, gzipBytes: Bun.gzipSync(bytes, { level: 9 }).byteLength };
  });
  return { files: sizes, gzipBytes: sizes.reduce((sum, { gzipBytes }) => sum + gzipBytes, 0) };
}

export const formatBundleSize = ({ files, gzipBytes }: BundleSize) =>
  [
    ...files.map(({ file, gzipBytes }) => `${String(gzipBytes).padStart(9)}  ${file}`),
    `${String(gzipBytes).padStart(9)}  bytes gzipped, login page's initial JavaScript`,
  ].join("\n");

if (import.meta.main) {
  const distDir = process.argv[2] ? resolve(process.argv[2]) : defaultDistDir;
  console.log(formatBundleSize(loginPageBundleSize(distDir)));
}
