import { describe, expect, test } from "bun:test";
import { ZodError } from "zod";
import { renderEmail } from "./render.ts";
import { type Locale, locales, templateNames } from "./templates/index.ts";
import { preferencesUrl, templateFixtures } from "./testing/template-fixtures.ts";

const preferencesLabel: Record<Locale, string> = {
  en: "Manage notification preferences",
  fr: "Gérer les préférences de notification",
};

describe("renderEmail: every template in every locale", () => {
  for (const name of templateNames) {
    for (const locale of locales) {
      test(`${name} (${locale})`, async () => {
        const email = await renderEmail(name, templateFixtures[name], locale);

        expect(email.subject.trim().length).toBeGreaterThan(0);
        expect(email.subject).not.toMatch(/[\r\n]/);
        expect(email.html.startsWith("<!DOCTYPE html")).toBe(true);
        expect(email.html).toContain(`<html dir="ltr" lang="${locale}">`);
        expect(email.html.trimEnd().endsWith("</html>")).toBe(true);
        expect(email.html).toContain("Helpdesk");
        // The plain-text part is text: no markup left, but the product name and the content are.
        expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
        expect(email.text).toContain("Helpdesk");

        // Every e-mail can be turned off from the e-mail itself, in both parts.
        expect(email.html).toContain(`href="${preferencesUrl}"`);
        expect(email.html).toContain(preferencesLabel[locale]);
        expect(email.text).toContain(`${preferencesLabel[locale]} ${preferencesUrl}`);

        if (locale === "fr") {
          expect(email.text).toContain("Bonjour Camille,");
          expect(email.text).toMatch(/[éèàêç]/);
          expect(email.text).not.toContain("Hello");
        } else {
          expect(email.text).toContain("Hello Camille,");
          expect(email.text).not.toContain("Bonjour");
        }
      });
    }
  }

  test("the French subject is not the English one", async () => {
    for (const name of templateNames) {
      const en = await renderEmail(name, templateFixtures[name], "en");
      const fr = await renderEmail(name, templateFixtures[name], "fr");
      expect({ name, subject: fr.subject }).not.toEqual({ name, subject: en.subject });
    }
  });
});

describe("renderEmail: props are validated", () => {
  test("a missing prop is a ZodError naming it", async () => {
    const { recipientName: _, ...withoutName } = templateFixtures.welcome;
    // @ts-expect-error the point of the test: props that do not fit the schema
    const rendering = renderEmail("welcome", withoutName, "en");
    const error = await rendering.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ZodError);
    expect(error).toMatchObject({ issues: [{ path: ["recipientName"] }] });
  });

  test("links must be absolute http(s) URLs", async () => {
    for (const setPasswordUrl of ["javascript:alert(1)", "/login", "not a url"]) {
      await expect(
        renderEmail("welcome", { ...templateFixtures.welcome, setPasswordUrl }, "en"),
      ).rejects.toBeInstanceOf(ZodError);
    }
  });

  test("new-message takes 1 to 50 messages", async () => {
    const fixture = templateFixtures["new-message"];
    const message = (n: number) => ({
      id: `message-${n}`,
      authorName: "A",
      body: "b",
      createdAt: "2025-03-05T14:30:00.000Z",
      internal: false,
    });
    await expect(renderEmail("new-message", { ...fixture, messages: [] }, "en")).rejects.toBeInstanceOf(
      ZodError,
    );
    const tooMany = Array.from({ length: 51 }, (_, n) => message(n));
    await expect(renderEmail("new-message", { ...fixture, messages: tooMany }, "en")).rejects.toBeInstanceOf(
      ZodError,
    );
    const fifty = Array.from({ length: 50 }, (_, n) => message(n));
    const email = await renderEmail("new-message", { ...fixture, messages: fifty }, "en");
    expect(email.subject).toStartWith("50 new messages");
  });

  test("dates, statuses and counts are checked", async () => {
    const sla = templateFixtures["sla-warning"];
    await expect(renderEmail("sla-warning", { ...sla, dueAt: "tomorrow" }, "en")).rejects.toBeInstanceOf(
      ZodError,
    );
    const digest = templateFixtures["daily-digest"];
    await expect(renderEmail("daily-digest", { ...digest, from: "05/03/2025" }, "en")).rejects.toBeInstanceOf(
      ZodError,
    );
    await expect(
      renderEmail("daily-digest", { ...digest, counts: { ...digest.counts, resolved: 1.5 } }, "en"),
    ).rejects.toBeInstanceOf(ZodError);
    const status = templateFixtures["status-changed"];
    // @ts-expect-error "archived" is not a ticket status
    const rendering = renderEmail("status-changed", { ...status, toStatus: "archived" }, "en");
    await expect(rendering).rejects.toBeInstanceOf(ZodError);
  });
});

describe("renderEmail: user-written content", () => {
  test("is escaped in the HTML part and kept verbatim in the text part", async () => {
    const body = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const email = await renderEmail(
      "ticket-created",
      { ...templateFixtures["ticket-created"], body, customerName: "<b>Eve</b>" },
      "en",
    );
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain("<img src=x");
    expect(email.html).toContain("&lt;script&gt;");
    expect(email.text).toContain(body);
  });

  test("line breaks in a ticket subject do not reach the subject line", async () => {
    const email = await renderEmail(
      "ticket-assigned",
      { ...templateFixtures["ticket-assigned"], subject: "Printer\r\non fire\nBcc: x@example.com" },
      "en",
    );
    expect(email.subject).toBe("Ticket #42 assigned to you: Printer on fire Bcc: x@example.com");
  });
});
