import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import { sql } from "drizzle-orm";
import type { TestOrg, TestUser } from "./fixtures.ts";
import type { TestServer } from "./server.ts";

/** An export as the API answers it (dates as ISO strings). */
export interface ExportBody {
  id: string;
  type: string;
  status: "queued" | "running" | "ready" | "failed" | "expired";
  progress: number;
  rowCount: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
  downloadUrl: string | null;
}

/** A directory of the test's own for local export files. */
export const exportDir = () => mkdtemp(join(tmpdir(), "helpdesk-exports-test-"));

/**
 * `count` tickets of the organization's customer, created at `createdAt` plus i milliseconds,
 * written set-based (generate_series); `subject` is an SQL expression of `i`.
 */
export async function seedTickets(
  db: TestServer["db"],
  org: TestOrg,
  count: number,
  options: { createdAt?: Date; subject?: ReturnType<typeof sql>; assignee?: TestUser; status?: string } = {},
) {
  const createdAt = (options.createdAt ?? new Date("2026-01-15T00:00:00.000Z")).toISOString();
  await db.execute(sql`
    insert into tickets (organization_id, id, number, subject, status, priority, customer_id, assignee_id,
                         created_at, updated_at)
    select ${org.id}::uuid, gen_random_uuid(), coalesce((select max(number) from tickets where organization_id = ${org.id}::uuid), 0) + i,
           ${options.subject ?? sql`'Ticket ' || i`}, ${options.status ?? "open"}::ticket_status, 'normal',
           ${org.customer.id}::uuid, ${options.assignee?.id ?? null}::uuid,
           ${createdAt}::timestamptz + i * interval '1 millisecond', now()
    from generate_series(1, ${count}) as i`);
}

/** Asks for an export as `user`, failing loudly unless it is accepted. */
export async function requestExport(server: TestServer, user: TestUser, body: Record<string, unknown>) {
  const res = await server.request<{ id: string; status: string }>("POST", "/api/v1/reports/exports", {
    token: user.token,
    body: { type: "tickets", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", ...body },
  });
  if (res.status !== 202)
    throw new Error(`export request answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Polls the export until it is ready (or failed, which throws). */
export async function exportWhenReady(server: TestServer, user: TestUser, id: string, timeoutMs = 20_000) {
  return waitFor(
    `export ${id} ready`,
    async () => {
      const res = await server.request<ExportBody>("GET", `/api/v1/reports/exports/${id}`, {
        token: user.token,
      });
      if (res.body.status === "failed") throw new Error(`export failed: ${res.body.error}`);
      return res.body.status === "ready" ? res.body : undefined;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF records) into records of fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || record.length > 0) throw new Error("CSV does not end with CRLF");
  return records;
}
