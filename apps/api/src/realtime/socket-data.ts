/** What a connected socket carries after authentication: who it is, for rooms and checks. */
export interface SocketData {
  userId: string;
  organizationId: string;
  role: "customer" | "agent" | "admin";
}
