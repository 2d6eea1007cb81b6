import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../api/client.ts";

/**
 * Every notification query is keyed under "/api/v1/notifications", which the live `notification`
 * socket event invalidates (realtime/live-updates.ts): the bell and the list update without a reload.
 */
export const NOTIFICATIONS = "/api/v1/notifications";

/** The latest few and the unread count, for the bell. */
export const latestNotificationsQuery = queryOptions({
  queryKey: [NOTIFICATIONS, { limit: 5 }],
  queryFn: () => call(api.GET("/api/v1/notifications", { params: { query: { limit: 5 } } })),
});

export const listNotifications = (query: { limit: number; unread?: "true"; cursor?: string }) =>
  call(api.GET("/api/v1/notifications", { params: { query } }));

export type NotificationPage = Awaited<ReturnType<typeof listNotifications>>;
export type Notification = NotificationPage["data"][number];

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      call(api.POST("/api/v1/notifications/{id}/read", { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS] }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST("/api/v1/notifications/read-all")),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS] }),
  });
}
