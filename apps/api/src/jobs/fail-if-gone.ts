import { UnrecoverableError } from "bullmq";
import { NotFoundError } from "../lib/errors.ts";

/**
 * A job about a row that no longer exists can never succeed: fail it at once (dead letter, no
 * retries) instead of burning its attempts.
 */
export async function failPermanentlyIfGone<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NotFoundError) throw new UnrecoverableError(error.message);
    throw error;
  }
}
