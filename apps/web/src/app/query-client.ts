import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/errors.ts";

/**
 * Server state lives here, keyed by API path (`["/api/v1/tickets", params]`), so a socket event can
 * refresh every screen that shows what it changed (realtime/live-updates.ts).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will answer the same on a retry; a network blip or 5xx may not.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});
