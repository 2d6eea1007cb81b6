import { readFileSync } from "node:fs";

/**
 * The most common passwords (the 10,000 most frequent of the list in @zxcvbn-ts/language-common
 * 4.1.3, MIT), one per line, lower-cased: the ones a guessing attack tries first.
 */
const common = new Set(
  readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
    .split("\n")
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean),
);

export const MIN_PASSWORD_LENGTH = 10;

/**
 * Why a new password is refused, or undefined when it is acceptable: at least 10 characters, not
 * only whitespace, and not one of the most common passwords (compared ignoring case and the
 * surrounding spaces). For every password a person chooses: sign-up, new users, password changes.
 */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.trim() === "") return "must not be only spaces";
  if (common.has(password.trim().toLowerCase())) return "is one of the most common passwords; choose another";
  return undefined;
}
