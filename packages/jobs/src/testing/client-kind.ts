import type { QueueClientKind } from "../queue-connection.ts";

/** Job-subsystem tests run on the client VALKEY_CLIENT names, so the suite can vouch for either. */
export const testClient: QueueClientKind = process.env.VALKEY_CLIENT === "bun" ? "bun" : "iovalkey";
