import { expect, test } from "bun:test";
import { messageEmailDueAt } from "./queue-message-email.ts";

const pacing = { debounceMs: 60_000, maxWaitMs: 600_000 };
const queuedAt = 1_000_000;

test.each([
  ["a quiet ticket: due a window after its latest message", queuedAt - 5_000, queuedAt + 55_000],
  ["a message since it was queued pushes it back", queuedAt + 30_000, queuedAt + 90_000],
  ["a burst that never stops: due at the cap", queuedAt + 599_000, queuedAt + 600_000],
  ["no message visible to the recipient: due as queued", undefined, queuedAt],
])("%s", (_case, latestMessageAt, due) => {
  expect(messageEmailDueAt(latestMessageAt, queuedAt, pacing)).toBe(due);
});
