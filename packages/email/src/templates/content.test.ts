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

  test("shows the day's counts and the reader's open tickets, formatted for the reader", async () => {
    const fr = await renderEmail("daily-digest", fixture, "fr");
    expect(fr.subject).toBe("Votre récapitulatif quotidien pour Acme : 5 mars 2025");
    expect(fr.text).toContain("mercredi 5 mars 2025");
    expect(fr.text).toMatch(/Nouveaux tickets\s+1\s200/);
    expect(fr.text).toMatch(/#42 Printer on fire https:\/\/helpdesk\.test\/tickets\/42\s+En attente/);
    const en = await renderEmail("daily-digest", fixture, "en");
    expect(en.text).toMatch(/New tickets\s+1,200/);
    expect(en.text).toMatch(/Resolved\s+3/);
    expect(en.text).toMatch(/SLA breaches\s+1/);
    expect(en.text).not.toContain("more.");
  });

  test("a digest of several days names them; a long list says how many more", async () => {
    const email = await renderEmail(
      "daily-digest",
      { ...fixture, from: "2025-03-07", to: "2025-03-09", moreTickets: 12 },
      "en",
    );
    expect(email.subject).toBe("Your daily digest for Acme: March 7, 2025 to March 9, 2025");
    expect(email.text).toContain("And 12 more.");
  });

  test("says so when the reader has no open ticket", async () => {
    const email = await renderEmail("daily-digest", { ...fixture, tickets: [] }, "en");
    expect(email.text).toContain("You have no open tickets.");
  });
});

describe("weekly-report", () => {
  const fixture = templateFixtures["weekly-report"];

  test("shows volume by status and priority, SLA compliance and median times", async () => {
    const fr = await renderEmail("weekly-report", fixture, "fr");
    expect(fr.subject).toBe("Rapport hebdomadaire pour Acme : semaine du 3 mars 2025");
    expect(fr.text).toContain("du 3 mars 2025 au 9 mars 2025");
    expect(fr.text).toMatch(/Délai médian de première réponse\s+3,5\sheures/);
    expect(fr.text).toMatch(/Premières réponses dans les délais\s+66,7\s%/);
    const en = await renderEmail("weekly-report", fixture, "en");
    expect(en.text).toMatch(/Tickets created\s+12/);
    expect(en.text).toMatch(/Closed\s+5/);
    expect(en.text).toMatch(/Urgent\s+1/);
    expect(en.text).toMatch(/Resolutions on time\s+None this week/);
    expect(en.text).toMatch(/Median resolution time\s+25 hours/);
  });

  test("has a row per agent", async () => {
    const en = await renderEmail("weekly-report", fixture, "en");
    expect(en.text).toMatch(/Sam Agent\s+1,234\s+50%\s+–\s+45 minutes/);
    const none = await renderEmail("weekly-report", { ...fixture, agents: [] }, "en");
    expect(none.text).toContain("No agent activity this week.");
  });
});

describe("report-ready", () => {
  test("links the export's page in the app and says until when the file is kept", async () => {
    const fixture = templateFixtures["report-ready"];
    const en = await renderEmail("report-ready", fixture, "en");
    expect(en.subject).toBe("Your report “Tickets by tag, March” is ready");
    expect(en.text).toContain("The file is kept until March 5, 2025 at 02:30 PM UTC.");
    expect(en.html).toContain(`href="${fixture.exportUrl}"`);
    const fr = await renderEmail("report-ready", fixture, "fr");
    expect(fr.subject).toBe("Votre rapport « Tickets by tag, March » est prêt");
    expect(fr.text).toContain("Le fichier est conservé jusqu’au 5 mars 2025 à 14:30 UTC.");
    expect(fr.text).toContain("Ouvrir le rapport");
    expect(fr.html).toContain(`href="${fixture.exportUrl}"`);
  });
});

describe("welcome", () => {
  test("links to choosing a password, and says the link expires", async () => {
    const fixture = templateFixtures.welcome;
    const en = await renderEmail("welcome", fixture, "en");
    expect(en.subject).toBe("Welcome to Acme on Helpdesk");
    expect(en.html).toContain(`href="${fixture.setPasswordUrl}"`);
    expect(en.text).toContain("The link works once and expires on March 12, 2025 at 02:30 PM UTC.");
    const fr = await renderEmail("welcome", fixture, "fr");
    expect(fr.text).toContain("Choisir mon mot de passe");
    expect(fr.text).toContain("expire le 12 mars 2025 à 14:30 UTC");
  });
});

describe("password-reset", () => {
  test("links to the reset, says when it expires, and what to do if it was not asked for", async () => {
    const fixture = templateFixtures["password-reset"];
    const en = await renderEmail("password-reset", fixture, "en");
    expect(en.subject).toBe("Reset your Helpdesk password for Acme");
    expect(en.html).toContain(`href="${fixture.resetUrl}"`);
    expect(en.text).toContain("The link works once and expires on March 5, 2025 at 02:30 PM UTC.");
    expect(en.text).toContain("If you did not ask for this, ignore this e-mail");
    const fr = await renderEmail("password-reset", fixture, "fr");
    expect(fr.subject).toBe("Réinitialisez votre mot de passe Helpdesk pour Acme");
    expect(fr.text).toContain("Le lien ne sert qu’une fois et expire le 5 mars 2025 à 14:30 UTC.");
  });
});
