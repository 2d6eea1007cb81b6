import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rm } from "node:fs/promises";
import { devEmails, emailLog, outboxEvents, reportExports } from "@helpdesk/db/schema";
import { jobIdFor } from "@helpdesk/jobs/job-ids";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import { and, count, eq, like, sql } from "drizzle-orm";
import { deriveDownloadSecret, signDownload } from "../storage/url-signature.ts";
import {
  type ExportBody,
  exportDir,
  exportWhenReady,
  parseCsv,
  requestExport,
  seedTickets,
} from "../testing/exports.ts";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { startTestServerWithWorkers, type TestServer } from "../testing/server.ts";
import { connectSocket } from "../testing/sockets.ts";

let server: TestServer;
let dir: string;
let org: TestOrg;
let other: TestOrg;

/** Subjects a CSV must carry through intact, and the cell each must come out as. */
const tricky: [subject: string, cell: string][] = [
  ['=HYPERLINK("http://evil.test","click")', `'=HYPERLINK("http://evil.test","click")`],
  ["+1 555 0100", "'+1 555 0100"],
  ["-2 degrees", "'-2 degrees"],
  ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
  ["\tindented", "'\tindented"],
  ["commas, in, subject", "commas, in, subject"],
  ['a "quoted" word', 'a "quoted" word'],
  ["two\r\nlines\nand a bare one", "two\r\nlines\nand a bare one"],
  ["plain", "plain"],
];

beforeAll(async () => {
  dir = await exportDir();
  server = await startTestServerWithWorkers({ EXPORT_DIR: dir });
  [org, other] = await Promise.all([createTestOrg(server.db, "Exports"), createTestOrg(server.db, "Other")]);
  const subjects = sql.join(
    tricky.map(([subject]) => sql`${subject}`),
    sql`, `,
  );
  // One ticket per tricky subject, then a few plain ones assigned to agent2 and closed.
  await seedTickets(server.db, org, tricky.length, { subject: sql`(array[${subjects}])[i]` });
  await seedTickets(server.db, org, 5, {
    createdAt: new Date("2026-01-20T00:00:00Z"),
    assignee: org.agent2,
    status: "closed",
  });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (token: string, body: unknown) =>
  server.request("POST", "/api/v1/reports/exports", { token, body });
const get = <T = ExportBody>(token: string, path: string) =>
  server.request<T>("GET", `/api/v1/reports/exports${path}`, { token });

/** Fetches a download link from this test's server (links name PUBLIC_URL, which tests don't listen on). */
async function download(link: string) {
  const url = new URL(link);
  const res = await fetch(`${server.url}${url.pathname}${url.search}`);
  return { res, text: await res.text() };
}

describe("POST /reports/exports", () => {
  test("answers 202 queued, and the row and its reports.export job (bulk) exist", async () => {
    const res = await post(org.agent.token, {
      type: "tickets",
      from: "2026-01-01T00:00:00Z",
      to: "2026-02-01T00:00:00Z",
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: "queued" });
    const [row] = await server.db.select().from(reportExports).where(eq(reportExports.id, res.body.id));
    expect(row).toMatchObject({ organizationId: org.id, requesterId: org.agent.id, type: "tickets" });
    const job = await waitFor("the export job", () =>
      server.jobs.queue("reports").getJob(jobIdFor(org.id, `export-${res.body.id}`)),
    );
    expect(job.name).toBe("reports.export");
    expect(job.data).toEqual({ organizationId: org.id, exportId: res.body.id });
    expect(job.opts.priority).toBe(1);
    await exportWhenReady(server, org.agent, res.body.id);
  });

  const invalid: [name: string, body: Record<string, unknown>, field: string][] = [
    ["an unknown type", { type: "users" }, "type"],
    ["no `from`", { from: undefined }, "from"],
    ["a `from` that is no date", { from: "yesterday" }, "from"],
    ["`to` before `from`", { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }, "to"],
    ["an unknown status", { filters: { status: "lost" } }, "filters.status"],
    ["an unknown priority", { filters: { priority: "meh" } }, "filters.priority"],
    ["an assignee that is no id", { filters: { assigneeId: "bob" } }, "filters.assigneeId"],
    ["an unknown filter", { filters: { customerId: crypto.randomUUID() } }, "filters.customerId"],
    ["an unknown field", { format: "xlsx" }, "format"],
  ];
  for (const [name, change, field] of invalid) {
    test(`${name} → 400 naming ${field}, nothing written`, async () => {
      const footprint = async () => {
        const [[exports], [outbox], jobs] = await Promise.all([
          server.db
            .select({ n: count() })
            .from(reportExports)
            .where(eq(reportExports.organizationId, org.id)),
          server.db
            .select({ n: count() })
            .from(outboxEvents)
            .where(eq(outboxEvents.jobName, "reports.export")),
          server.jobs.queue("reports").getJobCountByTypes(),
        ]);
        return { exports: exports?.n, outbox: outbox?.n, jobs };
      };
      const before = await footprint();
      const res = await post(org.admin.token, {
        type: "tickets",
        from: "2026-01-01T00:00:00Z",
        to: "2026-02-01T00:00:00Z",
        ...change,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(res.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain(field);
      expect(await footprint()).toEqual(before);
    });
  }

  test("customers may not export (403)", async () => {
    const res = await post(org.customer.token, {
      type: "tickets",
      from: "2026-01-01T00:00:00Z",
      to: "2026-02-01T00:00:00Z",
    });
    expect(res.status).toBe(403);
  });
});

describe("GET /reports/exports/:id and the list", () => {
  let agentExport: string;
  let adminExport: string;
  beforeAll(async () => {
    agentExport = await requestExport(server, org.agent, {});
    adminExport = await requestExport(server, org.admin, { type: "messages" });
    await exportWhenReady(server, org.agent, agentExport);
    await exportWhenReady(server, org.admin, adminExport);
  });

  test("the requester sees it ready, with its row count and a link", async () => {
    const res = await get(org.agent.token, `/${agentExport}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: agentExport,
      type: "tickets",
      status: "ready",
      progress: 100,
      rowCount: tricky.length + 5,
      finishedAt: expect.any(String),
      downloadUrl: expect.stringContaining(`/api/v1/reports/exports/${agentExport}/download?`),
    });
  });

  test("another organization's export is not found, even for its admin", async () => {
    expect((await get(other.admin.token, `/${agentExport}`)).status).toBe(404);
  });

  test("an agent can't see another agent's export; an admin sees everyone's", async () => {
    expect((await get(org.agent2.token, `/${agentExport}`)).status).toBe(404);
    expect((await get(org.agent.token, `/${adminExport}`)).status).toBe(404);
    expect((await get(org.admin.token, `/${agentExport}`)).status).toBe(200);
  });

  test("the list holds the caller's exports (an admin's: the organization's), keyset-paged", async () => {
    const ids = async (token: string) =>
      (await get<{ data: ExportBody[] }>(token, "?limit=100")).body.data.map((e) => e.id);
    expect(await ids(org.agent.token)).toContain(agentExport);
    expect(await ids(org.agent.token)).not.toContain(adminExport);
    expect(await ids(org.agent2.token)).toEqual([]);
    expect(await ids(other.admin.token)).toEqual([]);
    const all = await ids(org.admin.token);
    expect(all).toContain(agentExport);
    expect(all).toContain(adminExport);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=1${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await get<{ data: ExportBody[]; nextCursor: string | null }>(org.admin.token, query);
      seen.push(...page.body.data.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  test("a customer can neither list nor read exports (403)", async () => {
    expect((await get(org.customer.token, "")).status).toBe(403);
    expect((await get(org.customer.token, `/${agentExport}`)).status).toBe(403);
  });
});

describe("the file", () => {
  let ready: ExportBody;
  beforeAll(async () => {
    ready = await exportWhenReady(server, org.agent, await requestExport(server, org.agent, {}));
  });

  test("downloads as CSV, RFC 4180-quoted, with formulas neutralised", async () => {
    const { res, text } = await download(ready.downloadUrl ?? "");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain(
      'attachment; filename="tickets_2026-01-01_2026-02-01.csv"',
    );
    const [header, ...rows] = parseCsv(text);
    expect(header?.slice(0, 5)).toEqual(["number", "id", "subject", "status", "priority"]);
    expect(rows.length).toBe(tricky.length + 5);
    expect(rows.slice(0, tricky.length).map((row) => row[2])).toEqual(tricky.map(([, cell]) => cell));
    // The neutralised formula, byte for byte as a spreadsheet reads it.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(text).toContain(`"commas, in, subject"`);
    expect(rows[0]?.[9]).toMatch(/^2026-01-15T00:00:00\.001Z$/);
  });

  test("filters keep only the matching tickets", async () => {
    const id = await requestExport(server, org.admin, {
      filters: { status: "closed", assigneeId: org.agent2.id },
    });
    const filtered = await exportWhenReady(server, org.admin, id);
    expect(filtered.rowCount).toBe(5);
    const [, ...rows] = parseCsv((await download(filtered.downloadUrl ?? "")).text);
    expect(new Set(rows.map((row) => row[3]))).toEqual(new Set(["closed"]));
  });

  test("an altered, forged or expired link is refused with 403, and an unknown export too", async () => {
    const url = new URL(ready.downloadUrl ?? "");
    const signature = url.searchParams.get("signature") ?? "";
    const expires = Number(url.searchParams.get("expires"));
    const key = url.searchParams.get("key") ?? "";
    const [row] = await server.db.select().from(reportExports).where(eq(reportExports.id, ready.id));
    expect(key).toBe(row?.storageKey ?? "");
    const variant = (change: (u: URL) => void) => {
      const copy = new URL(url);
      change(copy);
      return copy.toString();
    };
    const secret = deriveDownloadSecret(server.config.JWT_SECRET);
    const otherKey = key.replace(ready.id, crypto.randomUUID());
    const refused = [
      variant((u) => u.searchParams.set("signature", `${signature.slice(0, -2)}AA`)),
      variant((u) => u.searchParams.set("expires", String(expires + 3600))),
      variant((u) => u.searchParams.delete("signature")),
      // Signed with another key (JWT_SECRET itself, not the derived one).
      variant((u) => u.searchParams.set("signature", signDownload(server.config.JWT_SECRET, key, expires))),
      // Correctly signed, but expired a second ago.
      variant((u) => {
        const past = Math.floor(Date.now() / 1000) - 1;
        u.searchParams.set("expires", String(past));
        u.searchParams.set("signature", signDownload(secret, key, past));
      }),
      // Another export's path with this export's signature.
      variant((u) => {
        u.pathname = u.pathname.replace(ready.id, crypto.randomUUID());
      }),
      // Another key with this export's signature, or no key.
      variant((u) => u.searchParams.set("key", otherKey)),
      variant((u) => u.searchParams.delete("key")),
      // A key correctly signed, but for another export than the path's.
      variant((u) => {
        u.searchParams.set("key", otherKey);
        u.searchParams.set("signature", signDownload(secret, otherKey, expires));
      }),
    ];
    for (const link of refused) {
      const { res, text } = await download(link);
      expect({ link, status: res.status }).toEqual({ link, status: 403 });
      expect(JSON.parse(text).error.code).toBe("forbidden");
    }
    expect((await download(url.toString())).res.status).toBe(200);
  });

  test("the requester is e-mailed once, with a link to the export's page in the app", async () => {
    const jobId = jobIdFor(org.id, `export-ready-${ready.id}`);
    const [logged] = await waitFor("the report-ready e-mail", async () => {
      const rows = await server.db
        .select()
        .from(emailLog)
        .where(and(eq(emailLog.template, "report-ready"), eq(emailLog.jobId, jobId)));
      return rows.length > 0 && rows;
    });
    expect(logged).toMatchObject({ status: "sent", recipientId: org.agent.id });
    expect(logged?.subject).toContain("is ready");
    // Nothing left to send for this export, under any job id: then it is still the one e-mail.
    await waitFor("the e-mail queue to drain", async () => {
      const pending = await server.jobs
        .queue("email")
        .getJobs(["waiting", "active", "delayed", "prioritized"]);
      return !pending.some((job) => job.data?.exportId === ready.id);
    });
    const page = `${server.config.APP_URL}/reports/exports/${ready.id}`;
    const mails = await server.db
      .select()
      .from(devEmails)
      .where(and(eq(devEmails.toAddress, org.agent.email), like(devEmails.text, `%${page}%`)));
    expect(mails.length).toBe(1);
    expect(mails[0]?.text).not.toContain("/download?");
    expect(mails[0]?.text).toContain("The file is kept until");
  });
});

describe("other export types", () => {
  test("SLA breaches and messages export their rows", async () => {
    const ticketId = (
      await server.db.execute<{ id: string }>(
        sql`select id from tickets where organization_id = ${org.id} order by number limit 1`,
      )
    )[0]?.id;
    await server.db.execute(sql`
      insert into sla_breaches (id, organization_id, ticket_id, target, due_at, breached_at, priority)
      values (gen_random_uuid(), ${org.id}, ${ticketId}, 'first_response', '2026-01-10T00:00:00Z', '2026-01-10T00:01:00Z', 'high')`);
    await server.db.execute(sql`
      insert into ticket_messages (id, organization_id, ticket_id, author_id, body, internal, created_at)
      values (gen_random_uuid(), ${org.id}, ${ticketId}, ${org.agent.id}, '=1+1, said the note', true, '2026-01-16T00:00:00Z')`);
    const breaches = await exportWhenReady(
      server,
      org.agent,
      await requestExport(server, org.agent, { type: "sla_breaches" }),
    );
    const [breachHeader, breach] = parseCsv((await download(breaches.downloadUrl ?? "")).text);
    expect(breachHeader).toContain("breached_at");
    expect(breach?.slice(4, 6)).toEqual(["first_response", "high"]);
    const messages = await exportWhenReady(
      server,
      org.agent,
      await requestExport(server, org.agent, { type: "messages" }),
    );
    const [, message] = parseCsv((await download(messages.downloadUrl ?? "")).text);
    expect(message?.slice(5)).toEqual(["true", "'=1+1, said the note", "2026-01-16T00:00:00.000Z"]);
  });
});

describe("socket events", () => {
  test("the requester's socket hears export:progress and export:ready", async () => {
    const socket = await connectSocket(server.url, org.agent.token);
    try {
      const id = await requestExport(server, org.agent, {});
      const progress = await socket.next("export:progress", (event) => event.id === id);
      expect(progress).toMatchObject({ id, total: tricky.length + 5 });
      const ready = await socket.next("export:ready", (event) => event.id === id);
      expect({ id: ready.id, rowCount: ready.rowCount }).toEqual({ id, rowCount: tricky.length + 5 });
      expect(ready.byteSize).toBeGreaterThan(0);
      expect((await download(ready.downloadUrl)).res.status).toBe(200);
    } finally {
      socket.close();
    }
  });
});
