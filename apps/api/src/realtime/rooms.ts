/** Room names, in one place so the server (joins) and the emitter (sends) can't disagree. */
export const rooms = {
  /** One user's sockets, on every device and API process. */
  user: (userId: string) => `user:${userId}`,
  /** Everyone of an organization. */
  organization: (organizationId: string) => `org:${organizationId}`,
  /** An organization's agents and admins: live ticket lists, never customers. */
  staff: (organizationId: string) => `org:${organizationId}:staff`,
};
