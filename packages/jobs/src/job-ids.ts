/**
 * Tenant job ids start with the organization id (`<orgId>_<uuid>`), so ownership is known from the
 * id alone: an org admin's request for another organization's job answers 404 without loading it,
 * and per-organization counts need only the id lists. BullMQ forbids ':' in custom ids.
 */
const SEPARATOR = "_";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function jobIdFor(organizationId: string | null | undefined, id: string = Bun.randomUUIDv7()): string {
  return organizationId ? `${organizationId}${SEPARATOR}${id}` : id;
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
