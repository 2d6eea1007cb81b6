export * from "./organizations.ts";
export * from "./ticket-messages.ts";
export * from "./tickets.ts";
export * from "./users.ts";
