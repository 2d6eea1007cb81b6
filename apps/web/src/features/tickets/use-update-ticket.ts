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
      queryClient.setQueryData<TicketDetail>(["/api/v1/tickets/{id}", ticketId], (old) =>
        old ? { ...old, ...updated } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/tickets"] });
    },
  });
}
