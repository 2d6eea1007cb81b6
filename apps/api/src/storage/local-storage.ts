import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertSafeKey, type ExportStorage } from "./export-storage.ts";
import { signDownload } from "./url-signature.ts";

export interface LocalStorageOptions {
  dir: string;
  /** Signs the links (storage/url-signature.ts). */
  secret: string;
  /** The API route that serves a key's file (it checks the signature against the link's `key`). */
  downloadUrl: (key: string) => string;
}

/** Files under one directory; the API streams them through its HMAC-signed download route. */
export function createLocalStorage(options: LocalStorageOptions): ExportStorage {
  const pathOf = (key: string) => {
    assertSafeKey(key);
    return join(options.dir, key);
  };
  return {
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written aside and renamed when complete: a download never sees half a file.
      const partial = `${path}.${crypto.randomUUID().slice(0, 8)}.part`;
      try {
        await pipeline(Readable.from(body), createWriteStream(partial));
        await rename(partial, path);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async openRead(key) {
      const file = Bun.file(pathOf(key));
      return (await file.exists()) ? file.stream() : undefined;
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    signedUrl(key, { expiresAt }) {
      const expires = Math.floor(expiresAt.getTime() / 1000);
      // The link names the key it was signed for, so the route checks the signature before it
      // reads anything.
      const query = new URLSearchParams({
        key,
        expires: String(expires),
        signature: signDownload(options.secret, key, expires),
      });
      return `${options.downloadUrl(key)}?${query}`;
    },
  };
}
