import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, call } from "../../api/client.ts";
import { useMe } from "../../auth/me-query.ts";
import { Button } from "../../components/ui/button.tsx";
import { Card, ErrorMessage } from "../../components/ui/card.tsx";
import { SelectField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "./messages.ts";
import { followersQuery } from "./ticket-queries.ts";
import { useUserDirectory } from "./user-directory.ts";

/** Staff who hear of the ticket's public messages: follow it yourself, or add and remove colleagues. */
export function FollowersCard(props: { ticketId: string }) {
  const t = useT(ticketMessages);
  const me = useMe();
  const queryClient = useQueryClient();
  const directory = useUserDirectory();
  const followers = useQuery(followersQuery(props.ticketId));
  const [candidate, setCandidate] = useState("");
  const change = useMutation({
    mutationFn: ({ follow, userId }: { follow: boolean; userId: string }) => {
      const options = { params: { path: { id: props.ticketId } }, body: { userId } };
      return call(
        follow
          ? api.POST("/api/v1/tickets/{id}/followers", options)
          : api.DELETE("/api/v1/tickets/{id}/followers", options),
      );
    },
    onSuccess: (answer) => {
      queryClient.setQueryData(followersQuery(props.ticketId).queryKey, answer);
      setCandidate("");
    },
  });
  const list = followers.data?.followers ?? [];
  const following = list.some((f) => f.id === me.user.id);
  const others = directory.staff.filter((user) => !list.some((f) => f.id === user.id));
  return (
    <Card
      title={t("followersTitle")}
      actions={
        <Button
          variant="secondary"
          size="sm"
          disabled={change.isPending || !followers.data}
          onClick={() => change.mutate({ follow: !following, userId: me.user.id })}
        >
          {following ? t("unfollow") : t("follow")}
        </Button>
      }
    >
      {followers.isError && <ErrorMessage error={followers.error} />}
      {followers.data && list.length === 0 && <p className="text-sm text-slate-700">{t("noFollowers")}</p>}
      <ul className="space-y-1">
        {list.map((follower) => (
          <li key={follower.id} className="flex items-center justify-between gap-2 text-sm">
            <span>{follower.id === me.user.id ? t("you", { name: follower.name }) : follower.name}</span>
            <Button
              variant="ghost"
              size="sm"
              disabled={change.isPending}
              onClick={() => change.mutate({ follow: false, userId: follower.id })}
            >
              {t("remove")} <span className="sr-only">{follower.name}</span>
            </Button>
          </li>
        ))}
      </ul>
      {others.length > 0 && (
        <form
          className="mt-3 flex items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (candidate) change.mutate({ follow: true, userId: candidate });
          }}
        >
          <SelectField
            label={t("addFollower")}
            name="userId"
            value={candidate}
            onChange={(event) => setCandidate(event.currentTarget.value)}
            fieldClassName="flex-1"
          >
            <option value="">{t("chooseColleague")}</option>
            {others.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </SelectField>
          <Button type="submit" size="sm" disabled={!candidate || change.isPending}>
            {t("add")}
          </Button>
        </form>
      )}
      {change.isError && <ErrorMessage error={change.error} />}
    </Card>
  );
}
