import { describe, expect, test } from "bun:test";
import { renderEmail } from "../render.ts";
import { templateFixtures } from "../testing/template-fixtures.ts";

/** What each template says, beyond the checks every template gets in render.test.ts. */

describe("ticket-created", () => {
  const fixture = templateFixtures["ticket-created"];

  test("the customer gets a receipt, staff get the new ticket", async () => {
    const customer = await renderEmail("ticket-created", { ...fixture, audience: "customer" }, "en");
    expect(customer.subject).toBe("We received your request #42");
    const staff = await renderEmail("ticket-created", { ...fixture, audience: "staff" }, "en");
    expect(staff.subject).toBe("New ticket #42 from Dana Customer");
    const staffFr = await renderEmail("ticket-created", { ...fixture, audience: "staff" }, "fr");
    expect(staffFr.subject).toBe("Nouveau ticket #42 de Dana Customer");
  });

  test("quotes the first message with its line breaks", async () => {
    const email = await renderEmail("ticket-created", fixture, "en");
    expect(email.text).toContain("The printer in room 2 is on fire.\nPlease send help.");
    expect(email.html).toContain("The printer in room 2 is on fire.<br/>Please send help.");
  });
});

describe("new-message", () => {
  const fixture = templateFixtures["new-message"];

  test("the subject counts the messages when there are several", async () => {
    const many = await renderEmail("new-message", fixture, "en");
    expect(many.subject).toBe("2 new messages on ticket #42: Printer on fire");
    const one = await renderEmail(
      "new-message",
      { ...fixture, messages: fixture.messages.slice(0, 1) },
      "fr",
    );
    expect(one.subject).toBe("Nouveau message sur le ticket #42 : Printer on fire");
  });

  test("lists messages in order, internal notes marked, dates in the reader's language", async () => {
    const en = await renderEmail("new-message", fixture, "en");
    expect(en.text.indexOf("Still burning.")).toBeLessThan(en.text.indexOf("Fire brigade called."));
    expect(en.text).toContain("Sam Agent · March 5, 2025 at 03:00 PM UTC · Internal note");
    expect(en.text).not.toContain("Dana Customer · March 5, 2025 at 02:30 PM UTC · Internal note");
    const fr = await renderEmail("new-message", fixture, "fr");
    expect(fr.text).toContain("Sam Agent · 5 mars 2025 à 15:00 UTC · Note interne");
  });
});

describe("ticket-assigned", () => {
  test("names who assigned it, or says nothing about who", async () => {
    const fixture = templateFixtures["ticket-assigned"];
    const byPerson = await renderEmail("ticket-assigned", fixture, "fr");
    expect(byPerson.text).toContain("Sam Agent vous a attribué le ticket #42.");
    const byRule = await renderEmail("ticket-assigned", { ...fixture, assignedByName: null }, "en");
    expect(byRule.text).toContain("Ticket #42 has been assigned to you.");
  });
});

describe("status-changed", () => {
  test("shows both statuses translated", async () => {
    const fixture = templateFixtures["status-changed"];
    const fr = await renderEmail(
      "status-changed",
      { ...fixture, fromStatus: "pending", toStatus: "closed" },
      "fr",
    );
    expect(fr.text).toContain("Le statut du ticket #42 est passé de « En attente » à « Fermé ».");
    const en = await renderEmail("status-changed", fixture, "en");
    expect(en.subject).toBe("Ticket #42 is now Resolved: Printer on fire");
  });
});

describe("ticket-closed", () => {
  test("an automatic close explains the inactivity", async () => {
    const fixture = templateFixtures["ticket-closed"];
    const auto = await renderEmail("ticket-closed", { ...fixture, reason: "auto" }, "fr");
    expect(auto.text).toContain("fermé automatiquement après une période d’inactivité");
    const manual = await renderEmail("ticket-closed", { ...fixture, reason: "manual" }, "en");
    expect(manual.text).toContain("Ticket #42 has been closed.");
    expect(manual.text).not.toContain("inactivity");
  });
});

describe("SLA e-mails", () => {
  test("the warning names the target and the due time", async () => {
    const fixture = templateFixtures["sla-warning"];
    const en = await renderEmail("sla-warning", fixture, "en");
    expect(en.subject).toBe("SLA warning: first response due soon on ticket #42");
    expect(en.text).toContain("The first response to ticket #42 is due by March 5, 2025 at 02:30 PM UTC.");
    const fr = await renderEmail("sla-warning", { ...fixture, target: "resolution" }, "fr");
    expect(fr.text).toContain("Le ticket #42 doit être résolu avant le 5 mars 2025 à 14:30 UTC.");
  });

  test("the breach says it is overdue", async () => {
    const fixture = templateFixtures["sla-breach"];
    const fr = await renderEmail("sla-breach", { ...fixture, target: "first_response" }, "fr");
    expect(fr.subject).toBe("SLA dépassé : première réponse en retard sur le ticket #42");
    const en = await renderEmail("sla-breach", fixture, "en");
    expect(en.text).toContain(
      "should have been resolved by March 5, 2025 at 02:30 PM UTC and is now overdue",
    );
  });
});

describe("daily-digest", () => {
  const fixture = templateFixtures["daily-digest"];

  test("shows the counts and the tickets, formatted for the reader", async () => {
    const fr = await renderEmail("daily-digest", fixture, "fr");
    expect(fr.subject).toBe("Votre récapitulatif quotidien pour Acme : 5 mars 2025");
    expect(fr.text).toContain("mercredi 5 mars 2025");
    expect(fr.text).toMatch(/Ouverts\s+1\s200/);
    expect(fr.text).toMatch(/#42 Printer on fire https:\/\/helpdesk\.test\/tickets\/42\s+En attente/);
    const en = await renderEmail("daily-digest", fixture, "en");
    expect(en.text).toMatch(/Open\s+1,200/);
  });

  test("says so when no ticket needs attention", async () => {
    const email = await renderEmail("daily-digest", { ...fixture, tickets: [] }, "en");
    expect(email.text).toContain("No tickets need your attention today.");
  });
});

describe("weekly-report", () => {
  test("shows the median response time, or that there was none", async () => {
    const fixture = templateFixtures["weekly-report"];
    const fr = await renderEmail("weekly-report", fixture, "fr");
    expect(fr.subject).toBe("Rapport hebdomadaire pour Acme : semaine du 3 mars 2025");
    expect(fr.text).toMatch(/Délai médian de première réponse\s+3,5\sheures/);
    const en = await renderEmail(
      "weekly-report",
      { ...fixture, stats: { ...fixture.stats, medianFirstResponseMinutes: null } },
      "en",
    );
    expect(en.text).toMatch(/Median first response time\s+No first response this week/);
  });
});

describe("report-ready", () => {
  test("links the download and says when it expires", async () => {
    const fixture = templateFixtures["report-ready"];
    const fr = await renderEmail("report-ready", fixture, "fr");
    expect(fr.subject).toBe("Votre rapport « Tickets by tag, March » est prêt");
    expect(fr.text).toContain("Le lien de téléchargement expire le 5 mars 2025 à 14:30 UTC.");
    expect(fr.html).toContain(`href="${fixture.downloadUrl}"`);
  });
});
