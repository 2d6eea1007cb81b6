/**
 * Where export files live: a local directory or an S3-compatible bucket, behind one interface, so
 * the export job, the download route and retention never ask which.
 */
export interface ExportStorage {
  /**
   * Writes `body` to `key` as it is pulled, chunk by chunk: the file is never whole in memory. A
   * reader sees the file only once it is complete.
   */
  put(key: string, body: AsyncIterable<Uint8Array>, options: { contentType: string }): Promise<void>;
  /** The file's bytes as they are read; undefined when there is no such file. */
  openRead(key: string): Promise<ReadableStream<Uint8Array> | undefined>;
  /** Removes the file; a missing file is not an error. */
  delete(key: string): Promise<void>;
  /** A link that downloads the file, with no other credentials, until `expiresAt`. */
  signedUrl(key: string, options: { expiresAt: Date; filename: string }): string;
}

/** Keys are relative paths of plain segments: no `..`, no leading slash, nothing to escape. */
const SAFE_KEY = /^[\w-]+(?:\/[\w.-]+)*$/;

export function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.split("/").some((segment) => segment === ".." || segment === ".")) {
    throw new Error(`Unsafe export storage key: ${key}`);
  }
}
