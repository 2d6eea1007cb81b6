/**
 * Every job id is made here. A tenant's job id starts with its organization id
 * (`<organizationId>_<key>`), so ownership is known from the id alone: an organization admin's
 * request for another organization's job answers 404 without loading it, and per-organization
 * counts need only the id lists. A platform job's id is its key alone. BullMQ forbids ':' in ids.
 */
const SEPARATOR = "_";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id of a job; `key` names it for good (default: a new UUIDv7, a job like no other). */
export function jobIdFor(
  organizationId: string | null | undefined,
  key: string = Bun.randomUUIDv7(),
): string {
  if (key.includes(":")) throw new Error(`A job key can't contain ':' (BullMQ's separator): ${key}`);
  // BullMQ refuses a custom id that reads as an integer (its own ids are): fail at the producer,
  // not in the relay, where one bad row would fail every pass that takes it.
  if (!organizationId && /^\d+$/.test(key)) throw new Error(`A platform job's key can't be a number: ${key}`);
  return organizationId ? `${organizationId}${SEPARATOR}${key}` : key;
}

export function organizationOfJobId(jobId: string): string | undefined {
  const prefix = jobId.split(SEPARATOR, 1)[0] ?? "";
  return jobId.includes(SEPARATOR) && UUID.test(prefix) ? prefix : undefined;
}

/** The organization a payload belongs to, if it names one. */
export function organizationOfPayload(payload: unknown): string | undefined {
  const value = (payload as { organizationId?: unknown } | null)?.organizationId;
  return typeof value === "string" && UUID.test(value) ? value : undefined;
}
