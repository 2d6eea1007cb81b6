import { shellMessages } from "../../src/app/messages.ts";
import { authMessages } from "../../src/features/auth/messages.ts";
import { jobsMessages } from "../../src/features/jobs/messages.ts";

/**
 * The app's English strings, from its own catalogs: a test looks for what the page says, and a
 * change of wording changes the test with it.
 */
export const shellText = shellMessages.en;
export const authText = authMessages.en;
export const jobsText = jobsMessages.en;

/** A pattern matching exactly this text (a button's, a heading's). */
export const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
