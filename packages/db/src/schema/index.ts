export * from "./dead-letter-jobs.ts";
export * from "./notifications.ts";
export * from "./organizations.ts";
export * from "./outbox-events.ts";
export * from "./ticket-messages.ts";
export * from "./tickets.ts";
export * from "./users.ts";
