/**
 * `bun run db:seed`: a demo organization to try the product with. Idempotent: an existing `demo`
 * organization is left as it is. Rows are inserted directly (not through services) so seeding
 * fires no notifications or e-mails.
 */
import { env } from "@helpdesk/config/env";
import { createDatabase } from "@helpdesk/db/client";
import {
  type NewTicketSeed,
  organizations,
  type TicketPriority,
  type TicketStatus,
  ticketMessages,
  tickets,
  users,
} from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { hashPassword } from "../auth/passwords.ts";

const SLUG = "demo";
const PASSWORD = "demo-password";
const people = [
  { role: "admin", name: "Ada Admin", email: "admin@demo.test" },
  { role: "agent", name: "Alice Agent", email: "alice@demo.test" },
  { role: "agent", name: "Bob Agent", email: "bob@demo.test" },
  { role: "customer", name: "Carol Customer", email: "carol@demo.test", locale: "fr" },
  { role: "customer", name: "Dave Customer", email: "dave@demo.test" },
  { role: "customer", name: "Erin Customer", email: "erin@demo.test" },
] as const;

const subjects = [
  "Cannot log in after password reset",
  "Invoice shows the wrong VAT number",
  "Export to CSV times out",
  "How do I add a second admin?",
  "Mobile app crashes on launch",
  "Feature request: dark mode",
  "Webhook deliveries are delayed",
  "Refund for duplicate charge",
  "SSO with Okta returns an error",
  "Attachments over 10 MB fail",
];
const statuses: TicketStatus[] = ["new", "open", "pending", "resolved", "closed"];
const priorities: TicketPriority[] = ["low", "normal", "high", "urgent"];

export async function seedDemo(databaseUrl: string) {
  const { db, close } = createDatabase(databaseUrl, { max: 2 });
  try {
    const existing = await db.query.organizations.findFirst({ where: (o, { eq }) => eq(o.slug, SLUG) });
    if (existing) return { created: false };
    const passwordHash = await hashPassword(PASSWORD);
    await db.transaction(async (tx) => {
      const [org] = await tx.insert(organizations).values({ name: "Demo Support", slug: SLUG }).returning();
      if (!org) throw new Error("demo organization insert returned nothing");
      const created = await tx
        .insert(users)
        .values(people.map((p) => ({ ...p, organizationId: org.id, passwordHash })))
        .returning();
      const agents = created.filter((u) => u.role !== "customer");
      const customers = created.filter((u) => u.role === "customer");
      const day = 86_400_000;
      for (let i = 0; i < 20; i++) {
        const status = statuses[i % statuses.length] as TicketStatus;
        const customer = customers[i % customers.length];
        const agent = agents[(i % (agents.length - 1)) + 1];
        if (!customer || !agent) throw new Error("demo users missing");
        const createdAt = new Date(Date.now() - (23 - i) * day * 1.5); // oldest ~5 weeks ago, newest ~6 days ago
        const answered = status !== "new";
        const ticket: NewTicketSeed = {
          organizationId: org.id,
          number: i + 1,
          subject: subjects[i % subjects.length] as string,
          status,
          priority: priorities[i % priorities.length] as TicketPriority,
          customerId: customer.id,
          assigneeId: answered ? agent.id : null,
          createdAt,
          updatedAt: createdAt,
          firstResponseAt: answered ? new Date(createdAt.getTime() + 3_600_000) : null,
          resolvedAt:
            status === "resolved" || status === "closed" ? new Date(createdAt.getTime() + day) : null,
          closedAt: status === "closed" ? new Date(createdAt.getTime() + 2 * day) : null,
          closedReason: status === "closed" ? "manual" : null,
        };
        const [row] = await tx.insert(tickets).values(ticket).returning();
        if (!row) throw new Error("demo ticket insert returned nothing");
        const messages = [
          {
            authorId: customer.id,
            body: `Hello, ${row.subject.toLowerCase()}. Can you help?`,
            internal: false,
            createdAt,
          },
        ];
        if (answered) {
          messages.push(
            {
              authorId: agent.id,
              body: "Checking the logs for this account.",
              internal: true,
              createdAt: new Date(createdAt.getTime() + 1_800_000),
            },
            {
              authorId: agent.id,
              body: "Thanks for reaching out, we're looking into it.",
              internal: false,
              createdAt: new Date(createdAt.getTime() + 3_600_000),
            },
          );
        }
        await tx
          .insert(ticketMessages)
          .values(messages.map((m) => ({ ...m, organizationId: org.id, ticketId: row.id })));
      }
      await tx.update(organizations).set({ ticketCounter: 20 }).where(eq(organizations.id, org.id));
    });
    return { created: true };
  } finally {
    await close();
  }
}

if (import.meta.main) {
  const config = env();
  const { created } = await seedDemo(config.DATABASE_URL);
  const base = config.PUBLIC_URL;
  console.log(`
${created ? "Demo organization created." : "Demo organization already present."}
  Organization slug: ${SLUG}     password for everyone: ${PASSWORD}
  Admin:     ${people[0].email}
  Agents:    ${people[1].email}, ${people[2].email}
  Customers: ${people[3].email} (French), ${people[4].email}, ${people[5].email}

  API:       ${base}/api/v1          reference: ${base}/docs
  Try:       curl -s ${base}/api/v1/auth/login -H 'content-type: application/json' \\
               -d '{"organizationSlug":"${SLUG}","email":"${people[1].email}","password":"${PASSWORD}"}'
`);
}
