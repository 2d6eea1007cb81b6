import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rm } from "node:fs/promises";
import S3rver from "s3rver";
import { exportDir, exportWhenReady, parseCsv, requestExport, seedTickets } from "../testing/exports.ts";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { startTestServerWithWorkers, type TestServer } from "../testing/server.ts";
import { presignedSignatureIsValid } from "../testing/sigv4.ts";

// s3rver's one account.
const ACCESS_KEY = "S3RVER";
const SECRET_KEY = "S3RVER";

let s3: S3rver;
let s3Dir: string;
let server: TestServer;
let org: TestOrg;

beforeAll(async () => {
  s3Dir = await exportDir();
  s3 = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: "exports", configs: [] }],
  });
  const { port } = (await s3.run()) as { port: number };
  server = await startTestServerWithWorkers({
    S3_BUCKET: "exports",
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: ACCESS_KEY,
    S3_SECRET_ACCESS_KEY: SECRET_KEY,
  });
  org = await createTestOrg(server.db, "S3 exports");
  await seedTickets(server.db, org, 3);
});
afterAll(async () => {
  await server?.close();
  await s3?.close();
  await rm(s3Dir, { recursive: true, force: true });
});

describe("exports on S3-compatible storage", () => {
  test("the presigned link downloads the file", async () => {
    const ready = await exportWhenReady(server, org.agent, await requestExport(server, org.agent, {}));
    const link = ready.downloadUrl ?? "";
    expect(link).toContain("X-Amz-Signature=");
    expect(new URL(link).searchParams.get("X-Amz-Expires")).toBe("3600");
    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("tickets_2026-01-01_2026-02-01.csv");
    const [header, ...rows] = parseCsv(await res.text());
    expect(header?.[0]).toBe("number");
    expect(rows.length).toBe(3);
    expect(presignedSignatureIsValid(link, SECRET_KEY)).toBe(true);
  });

  test("an altered presigned link is refused", async () => {
    const ready = await exportWhenReady(server, org.agent, await requestExport(server, org.agent, {}));
    const link = new URL(ready.downloadUrl ?? "");
    const altered = (change: (u: URL) => void) => {
      const copy = new URL(link);
      change(copy);
      return copy.toString();
    };
    // What the stand-in itself checks: the credential and the expiry.
    const otherKey = altered((u) =>
      u.searchParams.set(
        "X-Amz-Credential",
        (u.searchParams.get("X-Amz-Credential") ?? "").replace(ACCESS_KEY, "SOMEONE"),
      ),
    );
    const backdated = altered((u) => u.searchParams.set("X-Amz-Date", "20200101T000000Z"));
    for (const url of [otherKey, backdated]) expect((await fetch(url)).status).toBe(403);
    // What only real S3 checks (s3rver skips V4 signatures): the signature covers path, expiry and headers.
    const forged = [
      altered((u) => u.searchParams.set("X-Amz-Signature", "0".repeat(64))),
      altered((u) => u.searchParams.set("X-Amz-Expires", "604800")),
      altered((u) => {
        u.pathname = u.pathname.replace(ready.id, crypto.randomUUID());
      }),
      altered((u) => u.searchParams.set("response-content-disposition", "inline")),
    ];
    for (const url of forged) expect(presignedSignatureIsValid(url, SECRET_KEY)).toBe(false);
    expect(presignedSignatureIsValid(link.toString(), SECRET_KEY)).toBe(true);
  });
});
