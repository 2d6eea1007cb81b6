import { devEmails } from "@helpdesk/db/schema";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import { asc, eq } from "drizzle-orm";
import type { TestServer } from "./server.ts";

/** The e-mails the development outbox holds for `address`, oldest first. */
export const devEmailsTo = (server: TestServer, address: string) =>
  server.db
    .select()
    .from(devEmails)
    .where(eq(devEmails.toAddress, address))
    .orderBy(asc(devEmails.createdAt));

/** Waits for the first e-mail to `address` and reads the token of its account link. */
export async function awaitAccountLink(server: TestServer, address: string) {
  const [email] = await waitFor(`an e-mail to ${address}`, async () => {
    const found = await devEmailsTo(server, address);
    return found.length ? found : undefined;
  });
  if (!email) throw new Error("unreachable");
  const url = email.text.match(/https?:\/\/\S+\/reset-password\?token=[\w-]+/)?.[0];
  if (!url) throw new Error(`no account link in the e-mail to ${address}: ${email.text}`);
  return { email, url, token: new URL(url).searchParams.get("token") ?? "" };
}

/** Waits until `count` account e-mail jobs of this user have finished, however they ended. */
export function accountEmailJobsDone(server: TestServer, userId: string, count = 1) {
  return waitFor("the account e-mail jobs to finish", async () => {
    const done = await server.jobs.queue("email").getJobs(["completed", "failed"]);
    const mine = done.filter((job) => job.name === "email.account" && job.data.userId === userId);
    return mine.length >= count ? mine : undefined;
  });
}
