import { useEffect } from "react";

/** The product's name, as index.html titles every page before the app names it. */
const product = typeof document === "undefined" ? "" : document.title;

/**
 * Names the browser tab after the page ("Inbox · Helpdesk"): the title is what a screen reader
 * announces first when the app moves to another page, and what tells tabs and history entries apart.
 */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = product ? `${title} · ${product}` : title;
  }, [title]);
}
