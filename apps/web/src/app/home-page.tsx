import { lazy } from "react";
import { isStaff, useMe } from "../auth/me-query.ts";

const InboxPage = lazy(() =>
  import("../features/inbox/inbox-page.tsx").then((m) => ({ default: m.InboxPage })),
);
const PortalPage = lazy(() =>
  import("../features/portal/portal-page.tsx").then((m) => ({ default: m.PortalPage })),
);

/** `/` is the inbox for agents and admins, the customer portal for customers. */
export function HomePage() {
  const me = useMe();
  return isStaff(me.user.role) ? <InboxPage /> : <PortalPage />;
}
