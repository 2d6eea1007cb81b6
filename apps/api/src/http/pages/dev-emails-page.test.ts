import { afterAll, beforeAll, expect, test } from "bun:test";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import { createTestOrg } from "../../testing/fixtures.ts";
import { startTestServerWithWorkers, type TestServer } from "../../testing/server.ts";

let server: TestServer;

beforeAll(async () => {
  // No RESEND_API_KEY: e-mails go to the development outbox.
  server = await startTestServerWithWorkers({
    QUEUE_PREFIX: uniquePrefix("dev-emails"),
    RESEND_API_KEY: undefined,
  });
});
afterAll(() => server.close());

test("without Resend, every e-mail the product sends is listed and previewed at /dev/emails", async () => {
  const org = await createTestOrg(server.db);
  await server.request("POST", "/api/v1/tickets", {
    token: org.agent.token,
    body: { subject: "Where is my <parcel>?", body: "Ordered last week", customerId: org.customer.id },
  });
  const page = await waitFor("the e-mail in the list", async () => {
    const html = await (await fetch(`${server.url}/dev/emails`)).text();
    return html.includes(org.customer.email) ? html : undefined;
  });
  const id = page.match(/href="\/dev\/emails\/([0-9a-f-]{36})"/)?.[1];
  expect(id).toBeString();
  const detail = await fetch(`${server.url}/dev/emails/${id}`);
  expect(detail.status).toBe(200);
  const html = await detail.text();
  expect(html).toContain("We received your request");
  expect(html).not.toContain("<parcel>"); // user text is escaped
  expect((await fetch(`${server.url}/dev/emails/${crypto.randomUUID()}`)).status).toBe(404);
});
