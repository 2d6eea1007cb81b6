import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../api/client.ts";
import type { paths } from "../../api/schema.gen.ts";
import type { TicketDetail } from "./ticket-queries.ts";

export type TicketChanges = NonNullable<
  paths["/api/v1/tickets/{id}"]["patch"]["requestBody"]
>["content"]["application/json"];

/**
 * PATCH the ticket; its answer replaces the ticket's fields on screen at once (the thread stays),
 * and the lists showing it are read again.
 */
export function useUpdateTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: TicketChanges) =>
      call(api.PATCH("/api/v1/tickets/{id}", { params: { path: { id: ticketId } }, body: changes })),
    onSuccess: (updated) => {
      const key = ["/api/v1/tickets/{id}", ticketId];
      queryClient.setQueryData<TicketDetail>(key, (old) => (old ? { ...old, ...updated } : old));
      // A read already under way predates the change and would land on top of it: invalidating
      // cancels it and reads again.
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/tickets"] });
    },
  });
}
