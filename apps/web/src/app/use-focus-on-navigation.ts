import { useLocation } from "@tanstack/react-router";
import { type RefObject, useEffect, useRef } from "react";

/**
 * After the app moves to another page, focus goes to the page's main region: a screen reader then
 * reads the new page from its start, and the keyboard carries on from there, instead of staying on
 * the link that was followed (or on nothing, when that link is gone). A change of search parameters
 * only (a filter) is not a new page and leaves focus where it is; so is the first load.
 */
export function useFocusOnNavigation(target: RefObject<HTMLElement | null>) {
  const pathname = useLocation({ select: (location) => location.pathname });
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    target.current?.focus({ preventScroll: true });
  }, [pathname, target]);
}
