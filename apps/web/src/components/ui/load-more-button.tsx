import { Button } from "./button.tsx";

/** The part of an infinite query (TanStack Query) that pages on. */
interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** Loads the list's next page; absent once there is none, and saying so while one loads. */
export function LoadMoreButton(props: {
  list: PagedList;
  label: string;
  loadingLabel: string;
  size?: "sm" | "md";
  className?: string;
}) {
  const { list } = props;
  if (!list.hasNextPage) return null;
  return (
    <Button
      variant="secondary"
      size={props.size ?? "md"}
      className={props.className}
      disabled={list.isFetchingNextPage}
      onClick={() => void list.fetchNextPage()}
    >
      {list.isFetchingNextPage ? props.loadingLabel : props.label}
    </Button>
  );
}
