import { useEffect, useRef } from "react";

/**
 * Focus for what replaces the control that was used (a form opening in place of a list, a message in
 * place of a form): without it, focus falls back to the document's start when that control is gone.
 * Focused once, when it appears; later renders leave focus alone.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
