import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { notifications } from "@helpdesk/db/schema";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import { and, eq, sql } from "drizzle-orm";
import { createTestOrg, type TestOrg, tokenFor } from "../testing/fixtures.ts";
import { startTestServerWithWorkers, type TestServer } from "../testing/server.ts";
import { connectSocket, refusal, type TestSocket } from "../testing/sockets.ts";

let server: TestServer;
let orgA: TestOrg;
let orgB: TestOrg;
const sockets: TestSocket[] = [];
const connect = async (token: string) => {
  const socket = await connectSocket(server.url, token);
  sockets.push(socket);
  return socket;
};

beforeAll(async () => {
  server = await startTestServerWithWorkers({ QUEUE_PREFIX: uniquePrefix("notify") });
  orgA = await createTestOrg(server.db, "Org A");
  orgB = await createTestOrg(server.db, "Org B");
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.close();
});

/** A user's `message.added` notification rows for one ticket. */
const messageNotifications = (ticketId: string, userId: string) =>
  server.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.ticketId, ticketId),
        eq(notifications.userId, userId),
        eq(notifications.type, "message.added"),
      ),
    );

async function assignedTicket(org: TestOrg) {
  const created = await server.request("POST", "/api/v1/tickets", {
    token: org.customer.token,
    body: { subject: "Printer on fire", body: "It smells." },
  });
  await server.request("PATCH", `/api/v1/tickets/${created.body.id}`, {
    token: org.admin.token,
    body: { assigneeId: org.agent.id },
  });
  return created.body.id as string;
}

describe("Socket.IO handshake", () => {
  test("a missing, malformed, forged or expired token is refused with the reason", async () => {
    expect(await refusal(server.url, undefined)).toContain("Missing token");
    expect(await refusal(server.url, "not-a-jwt")).toBe("Invalid token");
    const expired = await tokenFor(orgA.agent, "-1s");
    expect(await refusal(server.url, expired)).toBe("Token expired");
  });

  test("deactivating a connected user closes their sockets at once", async () => {
    const agent = await orgA.addUser("agent");
    const socket = await connect(agent.token);
    const closed = new Promise<string>((resolve) =>
      socket.socket.once("disconnect", (reason) => resolve(reason)),
    );
    const res = await server.request("PATCH", `/api/v1/users/${agent.id}`, {
      token: orgA.admin.token,
      body: { active: false },
    });
    expect(res.status).toBe(200);
    expect(await closed).toBe("io server disconnect");
    expect(await refusal(server.url, agent.token)).toContain("not active");
  });

  test("a deactivated user's token is refused", async () => {
    const gone = await orgA.addUser("agent", { active: false });
    expect(await refusal(server.url, gone.token)).toContain("not active");
  });
});

describe("live notifications", () => {
  test("the assignee is notified live of a customer's reply; the customer (actor) is not", async () => {
    const ticketId = await assignedTicket(orgA);
    const assignee = await connect(orgA.agent.token);
    const customer = await connect(orgA.customer.token);
    await server.request("POST", `/api/v1/tickets/${ticketId}/messages`, {
      token: orgA.customer.token,
      body: { body: "Still burning" },
    });
    const event = await assignee.next(
      "notification",
      (n) => n.ticketId === ticketId && n.type === "message.added",
      5_000,
    );
    expect(event.data).toMatchObject({ subject: "Printer on fire", actorId: orgA.customer.id });
    // The staff room gets the live ticket-list update too; the customer gets neither.
    await assignee.next("ticket:updated", (t) => t.ticketId === ticketId && t.eventType === "message.added");
    await waitFor("the fan-out to finish", async () => {
      const rows = await server.db.select().from(notifications).where(eq(notifications.ticketId, ticketId));
      return rows.some((row) => row.type === "message.added");
    });
    expect(
      customer.received.filter(
        (r) => r.event === "notification" && (r.payload as { type: string }).type === "message.added",
      ),
    ).toEqual([]);
    expect(customer.received.filter((r) => r.event === "ticket:updated")).toEqual([]);
  });

  test("another organization's sockets never receive these events", async () => {
    const spies = await Promise.all([
      connect(orgB.agent.token),
      connect(orgB.admin.token),
      connect(orgB.customer.token),
    ]);
    const watcher = await connect(orgA.agent.token);
    const ticketId = await assignedTicket(orgA);
    await server.request("POST", `/api/v1/tickets/${ticketId}/messages`, {
      token: orgA.customer.token,
      body: { body: "Anyone?" },
    });
    await watcher.next("notification", (n) => n.ticketId === ticketId && n.type === "message.added");
    await watcher.next("ticket:updated", (t) => t.ticketId === ticketId && t.eventType === "message.added");
    // A marker in org B, emitted after A's events through the same path: once B's sockets have it,
    // anything of A's that was going to reach them would have arrived first.
    const marker = await assignedTicket(orgB);
    await server.request("POST", `/api/v1/tickets/${marker}/messages`, {
      token: orgB.agent.token,
      body: { body: "On it" },
    });
    const [agentSpy, adminSpy, customerSpy] = spies;
    const markerReply = (ticket: string, type: string) => ticket === marker && type === "message.added";
    await agentSpy?.next("ticket:updated", (t) => markerReply(t.ticketId, t.eventType));
    await adminSpy?.next("ticket:updated", (t) => markerReply(t.ticketId, t.eventType));
    await customerSpy?.next("notification", (n) => markerReply(n.ticketId ?? "", n.type));
    for (const spy of spies) {
      expect(spy.received.filter((r) => JSON.stringify(r.payload).includes(ticketId))).toEqual([]);
    }
  });

  test("a recipient whose row can't be written fails the job; the others are pushed at once, and only once", async () => {
    const ticketId = await assignedTicket(orgA);
    const follower = await orgA.addUser("agent");
    await server.request("POST", `/api/v1/tickets/${ticketId}/followers`, { token: follower.token });
    const assignee = await connect(orgA.agent.token);
    const followerSocket = await connect(follower.token);
    // A real failure in the database, for this one recipient: the trigger refuses their rows.
    const trigger = `fail_notifications_${follower.id.replaceAll("-", "_")}`;
    // Only this reply's events: the ticket's creation and assignment may still be fanning out.
    let messageId = "";
    const forMessage = (n: { data: Record<string, unknown> }) => n.data.messageId === messageId;
    const isMessageEvent = (r: { event: string; payload: unknown }) =>
      r.event === "notification" && forMessage(r.payload as { data: Record<string, unknown> });
    await server.db.execute(
      sql.raw(`create function ${trigger}() returns trigger language plpgsql as $$
        begin raise exception 'injected failure'; end $$;
        create trigger ${trigger} before insert or update on notifications for each row
        when (new.user_id = '${follower.id}') execute function ${trigger}()`),
    );
    try {
      const reply = await server.request("POST", `/api/v1/tickets/${ticketId}/messages`, {
        token: orgA.customer.token,
        body: { body: "Half of you will hear this now" },
      });
      messageId = reply.body.id;
      await assignee.next("notification", forMessage, 5_000);
      await waitFor("the fan-out to fail on the follower's row", async () => {
        const jobs = await server.jobs.queue("ticket-notifications").getJobs(["delayed", "failed"]);
        return jobs.some((job) => job.data.messageId === messageId && job.attemptsMade >= 1);
      });
      expect(followerSocket.received.filter(isMessageEvent)).toEqual([]);
    } finally {
      await server.db.execute(
        sql.raw(`drop trigger ${trigger} on notifications; drop function ${trigger}()`),
      );
    }
    // The retry (2 s later) records and pushes the follower's; the assignee's row already has the
    // event, so they are not pushed it again.
    await followerSocket.next("notification", forMessage, 10_000);
    expect(await messageNotifications(ticketId, follower.id)).toHaveLength(1);
    await waitFor("the retried fan-out to complete", async () => {
      const done = await server.jobs.queue("ticket-notifications").getJobs(["completed"]);
      return done.some((job) => job.data.messageId === messageId);
    });
    // A socket gets its events in order: once a later reply's push is here, a second push of the
    // first one would have arrived before it.
    const marker = await server.request("POST", `/api/v1/tickets/${ticketId}/messages`, {
      token: orgA.customer.token,
      body: { body: "marker" },
    });
    await assignee.next("notification", (n) => n.data.messageId === marker.body.id, 5_000);
    const pushed = assignee.received.filter(isMessageEvent);
    expect(pushed).toHaveLength(1);
  }, 20_000);

  test("replies within 5 minutes collapse into one in-app notification with a count", async () => {
    const ticketId = await assignedTicket(orgA);
    for (const body of ["one", "two", "three"]) {
      await server.request("POST", `/api/v1/tickets/${ticketId}/messages`, {
        token: orgA.customer.token,
        body: { body },
      });
    }
    const row = await waitFor("three replies counted", async () => {
      const [found] = await messageNotifications(ticketId, orgA.agent.id);
      return found?.count === 3 ? found : undefined;
    });
    expect(row.eventIds).toHaveLength(3);
    const rows = await messageNotifications(ticketId, orgA.agent.id);
    expect(rows).toHaveLength(1);
  });

  test("followers hear of public replies, not of internal notes", async () => {
    const ticketId = await assignedTicket(orgA);
    const follow = await server.request("POST", `/api/v1/tickets/${ticketId}/followers`, {
      token: orgA.agent2.token,
    });
    expect(follow.status).toBe(200);
    expect(follow.body.followers.map((f: { id: string }) => f.id)).toEqual([orgA.agent2.id]);
    const follower = await connect(orgA.agent2.token);
    await server.request("POST", `/api/v1/tickets/${ticketId}/messages`, {
      token: orgA.agent.token,
      body: { body: "internal: checking with @nobody", internal: true },
    });
    await server.request("POST", `/api/v1/tickets/${ticketId}/messages`, {
      token: orgA.customer.token,
      body: { body: "public reply" },
    });
    const event = await follower.next("notification", (n) => n.ticketId === ticketId);
    expect(event.type).toBe("message.added");
    const rows = await messageNotifications(ticketId, orgA.agent2.id);
    // One public reply counted; the internal note (also message.added) would have made it 2.
    expect(rows.map((r) => r.count)).toEqual([1]);
    const customerFollow = await server.request("POST", `/api/v1/tickets/${ticketId}/followers`, {
      token: orgA.customer.token,
    });
    expect(customerFollow.status).toBe(403);
    const unfollow = await server.request("DELETE", `/api/v1/tickets/${ticketId}/followers`, {
      token: orgA.agent2.token,
    });
    expect(unfollow.body.followers).toEqual([]);
  });
});

describe("in-app notifications API", () => {
  test("lists unread first with the unread count; read, read-all; others' notifications are 404", async () => {
    const org = await createTestOrg(server.db, "Org C");
    const first = await assignedTicket(org);
    const second = await assignedTicket(org);
    // Two tickets, each created (agents hear of it) and assigned to this agent: four notifications.
    await waitFor("four notifications", async () => {
      const res = await server.request("GET", "/api/v1/notifications", { token: org.agent.token });
      return res.body.unreadCount === 4;
    });
    const list = await server.request("GET", "/api/v1/notifications?limit=1", { token: org.agent.token });
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.nextCursor).toBeString();
    const nextPage = await server.request(
      "GET",
      `/api/v1/notifications?limit=1&cursor=${list.body.nextCursor}`,
      {
        token: org.agent.token,
      },
    );
    expect(nextPage.status).toBe(200);
    const oldest = nextPage.body.data[0];
    expect([first, second]).toContain(oldest.ticketId);

    const read = await server.request("POST", `/api/v1/notifications/${oldest.id}/read`, {
      token: org.agent.token,
    });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBeString();
    const after = await server.request("GET", "/api/v1/notifications", { token: org.agent.token });
    expect(after.body.data.at(-1).id).toBe(oldest.id); // read ones sort after unread ones
    expect(after.body.unreadCount).toBe(list.body.unreadCount - 1);

    expect(
      (await server.request("POST", `/api/v1/notifications/${oldest.id}/read`, { token: orgA.agent.token }))
        .status,
    ).toBe(404);
    expect(
      (await server.request("POST", `/api/v1/notifications/${oldest.id}/read`, { token: org.agent2.token }))
        .status,
    ).toBe(404);

    for (const forged of [
      Buffer.from(JSON.stringify([1, "-000001-01-01T00:00:00.000Z", crypto.randomUUID()])).toString(
        "base64url",
      ),
      Buffer.from(JSON.stringify([1, new Date().toISOString(), "-".repeat(36)])).toString("base64url"),
      "not-a-cursor",
    ]) {
      const res = await server.request("GET", `/api/v1/notifications?cursor=${forged}`, {
        token: org.agent.token,
      });
      expect(res.status).toBe(400);
    }

    const all = await server.request("POST", "/api/v1/notifications/read-all", { token: org.agent.token });
    expect(all.body.updated).toBe(after.body.unreadCount);
    expect(
      (await server.request("GET", "/api/v1/notifications", { token: org.agent.token })).body.unreadCount,
    ).toBe(0);
  });

  test("preferences: defaults per role, a change is kept, unknown types are refused", async () => {
    const res = await server.request("GET", "/api/v1/me/notification-preferences", {
      token: orgA.agent.token,
    });
    const byType = Object.fromEntries(
      res.body.preferences.map((p: { type: string; email: boolean }) => [p.type, p.email]),
    );
    expect(byType).toMatchObject({ "ticket.created": false, "message.added": true, "ticket.assigned": true });
    const customer = await server.request("GET", "/api/v1/me/notification-preferences", {
      token: orgA.customer.token,
    });
    expect(customer.body.preferences.find((p: { type: string }) => p.type === "ticket.created").email).toBe(
      true,
    );

    const put = await server.request("PUT", "/api/v1/me/notification-preferences", {
      token: orgA.agent.token,
      body: { preferences: [{ type: "message.added", email: false }] },
    });
    expect(put.status).toBe(200);
    expect(put.body.preferences.find((p: { type: string }) => p.type === "message.added")).toMatchObject({
      email: false,
      isDefault: false,
    });
    const bad = await server.request("PUT", "/api/v1/me/notification-preferences", {
      token: orgA.agent.token,
      body: { preferences: [{ type: "ticket.exploded", email: true }] },
    });
    expect(bad.status).toBe(400);
    await server.request("PUT", "/api/v1/me/notification-preferences", {
      token: orgA.agent.token,
      body: { preferences: [{ type: "message.added", email: true }] },
    });
  });
});
