import type { EmailTransport } from "@helpdesk/email/transport";
import type { SystemContext } from "../../context/service-context.ts";
import type { MessageEmailWaits } from "./message-email-waits.ts";

/** Where e-mails go out and how they are paced (from the app's config). */
export interface EmailSettings {
  transport: EmailTransport;
  from: string;
  /** Base of the links in e-mails (the web app). */
  appUrl: string;
  /** Base of the account links (welcome, password reset): PUBLIC_URL. */
  publicUrl: string;
  /** Keys the account links' tokens (auth/account-tokens.ts): JWT_SECRET. */
  accountTokenSecret: string;
  /** Quiet time before a burst of replies is e-mailed, and the longest a burst may wait. */
  debounceMs: number;
  maxWaitMs: number;
}

/** What job handlers get: the system context plus e-mail. */
export interface EmailContext extends SystemContext {
  email: EmailSettings;
  /** This process's knowledge of pending message-e-mail waits (message-email-waits.ts). */
  messageEmailWaits: MessageEmailWaits;
}
