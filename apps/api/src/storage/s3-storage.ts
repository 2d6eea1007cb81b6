import { S3Client } from "bun";
import { contentDisposition } from "./content-disposition.ts";
import { assertSafeKey, type ExportStorage } from "./export-storage.ts";

export interface S3StorageOptions {
  bucket: string;
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** Parts are uploaded as they fill, two at a time: memory holds a few parts, whatever the file's size. */
const PART_SIZE = 5 * 1024 * 1024;

/** An S3-compatible bucket through Bun's S3 client; links are presigned GETs. */
export function createS3Storage(options: S3StorageOptions): ExportStorage {
  const client = new S3Client(options);
  const file = (key: string) => {
    assertSafeKey(key);
    return client.file(key);
  };
  return {
    async put(key, body, { contentType }) {
      const writer = file(key).writer({ type: contentType, partSize: PART_SIZE, queueSize: 2 });
      try {
        for await (const chunk of body) await writer.write(chunk);
      } catch (error) {
        // Ending with the error abandons the multipart upload: no partial object is left.
        await Promise.resolve(writer.end(error instanceof Error ? error : new Error(String(error)))).catch(
          () => {},
        );
        throw error;
      }
      await writer.end();
    },
    async openRead(key) {
      const target = file(key);
      return (await target.exists()) ? target.stream() : undefined;
    },
    async delete(key) {
      await file(key).delete();
    },
    signedUrl(key, { expiresAt, filename }) {
      return file(key).presign({
        method: "GET",
        expiresIn: Math.max(1, Math.round((expiresAt.getTime() - Date.now()) / 1000)),
        contentDisposition: contentDisposition(filename),
        type: "text/csv; charset=utf-8",
      });
    },
  };
}
