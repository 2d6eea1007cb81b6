import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { accountTokens } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { accountEmailJobsDone, awaitAccountLink, devEmailsTo } from "../testing/account-emails.ts";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { startTestServerWithWorkers, type TestServer } from "../testing/server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServerWithWorkers({
    PUBLIC_URL: "https://helpdesk.example.test",
    EMAIL_RATE_LIMIT_PER_SECOND: 100,
  });
  org = await createTestOrg(server.db, "Welcome Org");
});
afterAll(() => server.close());

const createUser = (body: Record<string, unknown>) =>
  server.request("POST", "/api/v1/users", { token: org.admin.token, body });
const logIn = (email: string, password: string) =>
  server.request("POST", "/api/v1/auth/login", { body: { organizationSlug: org.slug, email, password } });
const confirm = (token: string, password: string) =>
  server.request("POST", "/api/v1/auth/password-reset/confirm", { body: { token, password } });
const newEmail = () => `new-${crypto.randomUUID().slice(0, 8)}@welcome.test`;

describe("welcome e-mail", () => {
  test("a user created without a password is welcomed with a link that sets it", async () => {
    const email = newEmail();
    const created = await createUser({ name: "Noor", email, role: "agent", locale: "fr" });
    expect(created.status).toBe(201);
    const link = await awaitAccountLink(server, email);
    expect(link.url.startsWith("https://helpdesk.example.test/reset-password?token=")).toBe(true);
    expect(link.email.subject).toBe("Bienvenue dans Welcome Org sur Helpdesk");
    expect(link.email.text).toContain("Bonjour Noor,");
    const [job] = await accountEmailJobsDone(server, created.body.id);
    expect(job?.data.purpose).toBe("welcome");
    expect(await devEmailsTo(server, email)).toHaveLength(1);

    const [row] = await server.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.userId, created.body.id));
    expect(row?.purpose).toBe("welcome");
    expect(row?.tokenHash).not.toContain(link.token);

    const chosen = "my own chosen passphrase";
    expect((await confirm(link.token, chosen)).status).toBe(204);
    expect((await logIn(email, chosen)).status).toBe(200);
    expect((await confirm(link.token, "another chosen passphrase")).status).toBe(400);
  });

  test("a user created with a password is welcomed too, and that password works until they choose another", async () => {
    const email = newEmail();
    const given = "a password the admin chose";
    const created = await createUser({ name: "Ola", email, role: "customer", password: given });
    expect(created.status).toBe(201);
    const link = await awaitAccountLink(server, email);
    expect(link.email.subject).toBe("Welcome to Welcome Org on Helpdesk");
    expect((await logIn(email, given)).status).toBe(200);
    expect((await confirm(link.token, "the customer's own passphrase")).status).toBe(204);
    expect((await logIn(email, given)).status).toBe(401);
  });

  test("a refused creation (the e-mail is taken) writes no link and sends nothing", async () => {
    const before = await server.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.organizationId, org.id));
    const res = await createUser({ name: "Dup", email: org.agent.email, role: "agent" });
    expect(res.status).toBe(409);
    const after = await server.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.organizationId, org.id));
    expect(after).toHaveLength(before.length);
  });
});
