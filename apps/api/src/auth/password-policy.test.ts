import { expect, test } from "bun:test";
import { passwordProblem } from "./password-policy.ts";

test.each([
  ["8 spaces", " ".repeat(8), "at least 10"],
  ["only whitespace", " \t".repeat(6), "only spaces"],
  ["too short", "abc", "at least 10"],
  ["a common one", "1234567890", "most common"],
  ["a common one in another case", "QWERTYUIOP", "most common"],
  ["a common one with spaces around", "  1q2w3e4r5t  ", "most common"],
])("refused: %s", (_case, password, reason) => {
  expect(passwordProblem(password)).toContain(reason);
});

test.each([
  ["a long passphrase", "correct horse battery staple"],
  ["ten characters, uncommon", "x7#kq!2vLm"],
])("accepted: %s", (_case, password) => {
  expect(passwordProblem(password)).toBeUndefined();
});
