import { afterAll, beforeAll, expect, test } from "bun:test";
import { env } from "@helpdesk/config/env";
import { createDatabase } from "@helpdesk/db/client";
import { uniquePrefix } from "@helpdesk/jobs/testing/wait-for";
import { createJobRuntime } from "../boot/jobs.ts";
import { logger } from "../logging/logger.ts";
import { createTestOrg } from "../testing/fixtures.ts";
import { type AppProcess, startAppProcess } from "../testing/processes.ts";
import { connectSocket } from "../testing/sockets.ts";

const prefix = uniquePrefix("multi");
const shared = { QUEUE_PREFIX: prefix, PORT: "0", WORKERS: "off", EMAIL_DEBOUNCE_MS: "60000" };
const database = createDatabase(env().DATABASE_URL, { max: 2 });
let api1: AppProcess;
let api2: AppProcess;
let worker: AppProcess;

const portOf = async (api: AppProcess) =>
  Number((await api.waitForLine((line) => line.msg === "API listening")).port);

beforeAll(async () => {
  api1 = startAppProcess("server.ts", shared);
  api2 = startAppProcess("server.ts", shared);
  worker = startAppProcess("worker.ts", shared);
  await worker.waitForLine((line) => line.msg === "workers started");
  // Each API process keeps users only once subscribed to their changes.
  await Promise.all([api1, api2].map((api) => api.waitForLine((line) => line.msg === "user cache on")));
});
afterAll(async () => {
  const codes = await Promise.all([api1.stop(), api2.stop(), worker.stop()]);
  expect(codes).toEqual([0, 0, 0]);
  const jobs = createJobRuntime({ ...env(), QUEUE_PREFIX: prefix }, database.db, logger);
  for (const queue of jobs.allQueues()) await queue.obliterate({ force: true });
  await jobs.close();
  await database.close();
});

test("a socket on API #2 receives a notification whose job ran in the worker process", async () => {
  const [port1, port2] = await Promise.all([portOf(api1), portOf(api2)]);
  const url1 = `http://127.0.0.1:${port1}`;
  const org = await createTestOrg(database.db);
  const assignee = await connectSocket(`http://127.0.0.1:${port2}`, org.agent.token);
  try {
    const call = (method: string, path: string, token: string, body: unknown) =>
      fetch(url1 + path, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((res) => res.json() as Promise<{ id: string }>);
    const ticket = await call("POST", "/api/v1/tickets", org.customer.token, {
      subject: "Across processes",
      body: "hi",
    });
    await call("PATCH", `/api/v1/tickets/${ticket.id}`, org.admin.token, { assigneeId: org.agent.id });

    const event = await assignee.next(
      "notification",
      (n) => n.ticketId === ticket.id && n.type === "ticket.assigned",
    );
    expect(event.data).toMatchObject({ subject: "Across processes" });

    // Neither API process runs workers (WORKERS=off): the fan-out job ran in the worker process.
    const ranIn = await worker.waitForLine(
      (line) =>
        line.msg === "job completed" && line.jobName === "ticket.event" && line.organizationId === org.id,
    );
    expect(ranIn.pid).toBe(worker.process.pid);
    for (const api of [api1, api2])
      expect(api.lines.some((line) => line.msg === "job completed")).toBe(false);
  } finally {
    assignee.close();
  }
});

test("a deactivation or role change made on API #1 holds on API #2's very next request", async () => {
  const [port1, port2] = await Promise.all([portOf(api1), portOf(api2)]);
  const org = await createTestOrg(database.db);
  const user = await org.addUser("agent");
  const call = (port: number, method: string, path: string, token: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as { user?: { role: string } } }));

  // API #2 has the user cached, as agent, from these requests.
  expect((await call(port2, "GET", "/api/v1/me", user.token)).body.user?.role).toBe("agent");
  expect((await call(port2, "GET", "/api/v1/admin/jobs/stats", user.token)).status).toBe(403);

  // The change is announced before API #1 answers, so no polling: the next request already sees it.
  expect(
    (await call(port1, "PATCH", `/api/v1/users/${user.id}`, org.admin.token, { role: "admin" })).status,
  ).toBe(200);
  expect((await call(port2, "GET", "/api/v1/me", user.token)).body.user?.role).toBe("admin");
  expect((await call(port2, "GET", "/api/v1/admin/jobs/stats", user.token)).status).toBe(200);

  expect(
    (await call(port1, "PATCH", `/api/v1/users/${user.id}`, org.admin.token, { active: false })).status,
  ).toBe(200);
  expect((await call(port2, "GET", "/api/v1/me", user.token)).status).toBe(401);
});
