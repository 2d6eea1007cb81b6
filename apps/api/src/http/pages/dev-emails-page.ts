import type { Database } from "@helpdesk/db/client";
import { type DevEmail, devEmails } from "@helpdesk/db/schema";
import { desc, eq } from "drizzle-orm";
import { type Response, Router } from "express";

const LIST_LIMIT = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The pages only style themselves inline, and the e-mail preview (an srcdoc iframe, which inherits
 * this policy) is all inline styles; nothing on them runs a script, so scripts stay forbidden.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data: https:",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The development outbox at /dev/emails: what the dev-outbox transport stored instead of sending.
 * It shows every organization's e-mails without authentication, so mount it only when that
 * transport is in use (no RESEND_API_KEY), never in production.
 */
export function devEmailsRouter(db: Database): Router {
  const router = Router();

  router.get("/dev/emails", async (_req, res) => {
    const emails = await db
      .select({
        id: devEmails.id,
        toAddress: devEmails.toAddress,
        subject: devEmails.subject,
        createdAt: devEmails.createdAt,
      })
      .from(devEmails)
      .orderBy(desc(devEmails.createdAt))
      .limit(LIST_LIMIT);
    const rows = emails
      .map(
        (email) => `<tr>
          <td><time datetime="${escapeHtml(email.createdAt.toISOString())}">${escapeHtml(formatTime(email.createdAt))}</time></td>
          <td>${escapeHtml(email.toAddress)}</td>
          <td><a href="/dev/emails/${escapeHtml(email.id)}">${escapeHtml(email.subject)}</a></td>
        </tr>`,
      )
      .join("");
    const body =
      emails.length === 0
        ? "<p>No e-mails yet. They appear here when the app sends one without RESEND_API_KEY.</p>"
        : `<p class="muted">The ${LIST_LIMIT} most recent, newest first.</p>
          <table><thead><tr><th>Time</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`;
    sendPage(res, 200, "Development outbox", `<h1>Development outbox</h1>${body}`);
  });

  router.get("/dev/emails/:id", async (req, res) => {
    const email = UUID.test(req.params.id) ? await findEmail(db, req.params.id) : undefined;
    if (!email) {
      sendPage(
        res,
        404,
        "E-mail not found",
        `<p><a href="/dev/emails">← All e-mails</a></p><h1>E-mail not found</h1><p>There is no stored e-mail with this id.</p>`,
      );
      return;
    }
    sendPage(res, 200, email.subject, emailPage(email));
  });

  return router;
}

async function findEmail(db: Database, id: string): Promise<DevEmail | undefined> {
  const [email] = await db.select().from(devEmails).where(eq(devEmails.id, id));
  return email;
}

function emailPage(email: DevEmail): string {
  const headers: [string, string][] = [
    ["From", email.fromAddress],
    ["To", email.toAddress],
    ["Subject", email.subject],
    ["Stored", formatTime(email.createdAt)],
    ["Idempotency key", email.idempotencyKey],
    ["Id", email.id],
  ];
  const headerRows = headers
    .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join("");
  // sandbox="" gives the e-mail an opaque origin with no scripts, forms or navigation of this page.
  return `<p><a href="/dev/emails">← All e-mails</a></p>
    <h1>${escapeHtml(email.subject)}</h1>
    <table class="headers"><tbody>${headerRows}</tbody></table>
    <h2>HTML</h2>
    <iframe title="HTML part" sandbox="" srcdoc="${escapeHtml(email.html)}"></iframe>
    <h2>Plain text</h2>
    <pre>${escapeHtml(email.text)}</pre>`;
}

function sendPage(res: Response, status: number, title: string, content: string): void {
  res.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  res.set("Cache-Control", "no-store");
  res
    .status(status)
    .type("html")
    .send(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)} · Helpdesk</title>
    <style>
      body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2933; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
      .headers th { width: 10rem; color: #616e7c; font-weight: normal; }
      .muted { color: #616e7c; }
      iframe { width: 100%; height: 40rem; border: 1px solid #e4e7eb; }
      pre { white-space: pre-wrap; background: #f5f7fa; padding: 1rem; border: 1px solid #e4e7eb; }
    </style>
  </head>
  <body>${content}</body>
</html>`);
}

function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
