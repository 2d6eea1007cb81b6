import { createDatabase, type DatabaseHandle } from "@helpdesk/db/client";
import { users } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "puppeteer-core";
import { createTestOrg, type TestOrg, type TestUser } from "../../../api/src/testing/fixtures.ts";
import { startWebApp, type WebAppServer } from "./app-server.ts";
import { openPage } from "./browser.ts";
import { launchBrowser } from "./chromium.ts";

export { TEST_PASSWORD } from "../../../api/src/testing/fixtures.ts";
export type { TestOrg, TestUser };

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** One test file's world: the server under test, one chromium, and the file's database. */
export interface E2E {
  server: WebAppServer;
  url: string;
  browser: Browser;
  db: DatabaseHandle["db"];
  /** A call to the API of the server under test, as `token`'s holder. */
  request<T = unknown>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<ApiAnswer<T>>;
  /** A page in a browser context of its own, signed in as `user` (signed out without one). */
  pageAs(user?: Pick<TestUser, "token">): Promise<Page>;
  /** An organization of its own with people who have names, for pages (and screenshots) that read well. */
  createOrg(name?: string): Promise<TestOrg>;
  close(): Promise<void>;
}

const NAMES = {
  admin: "Amira Haddad",
  agent: "Alice Martin",
  agent2: "Bruno Costa",
  customer: "Carol Dupont",
  customer2: "Dev Patel",
} as const;

export async function startE2E(env: Record<string, string> = {}): Promise<E2E> {
  const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 3 });
  let server: WebAppServer | undefined;
  let browser: Browser | undefined;
  try {
    [server, browser] = await Promise.all([startWebApp(env), launchBrowser()]);
  } catch (error) {
    await Promise.allSettled([server?.stop(), browser?.close(), database.close()]);
    throw error;
  }
  const url = server.url;
  const openBrowser = browser;
  const runningServer = server;
  return {
    server,
    url,
    browser,
    db: database.db,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = {};
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers["content-type"] = "application/json";
      const response = await fetch(url + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async pageAs(user) {
      return (await openPage(openBrowser, user?.token)).page;
    },
    async createOrg(name = "Acme Support") {
      const org = await createTestOrg(database.db, name);
      for (const [key, fullName] of Object.entries(NAMES)) {
        const user = org[key as keyof typeof NAMES];
        await database.db.update(users).set({ name: fullName }).where(eq(users.id, user.id));
        user.name = fullName;
      }
      return org;
    },
    async close() {
      // A 5xx the pages survived is still a bug: show it with the file's output.
      const errors = runningServer.process.lines.filter((line) => Number(line.level) >= 50);
      for (const line of errors) console.error("server error:", JSON.stringify(line).slice(0, 2_000));
      // The browser first: its sockets would otherwise hold the server's shutdown open.
      await Promise.allSettled([openBrowser.close()]);
      await Promise.allSettled([runningServer.stop()]);
      await database.close();
    },
  };
}

/** Fails with the API's answer unless it has the expected status. */
export function expectStatus<T>(answer: ApiAnswer<T>, status: number, what: string): T {
  if (answer.status !== status)
    throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
