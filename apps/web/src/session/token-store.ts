/**
 * The bearer token of this browser's session. localStorage shares it between tabs, and the
 * `storage` event tells the other tabs of a log-out so they leave too.
 */
const KEY = "helpdesk.token";
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) notify();
  });
}

export const tokenStore = {
  token: (): string | null => localStorage.getItem(KEY),
  set(token: string) {
    localStorage.setItem(KEY, token);
    notify();
  },
  clear() {
    if (localStorage.getItem(KEY) === null) return;
    localStorage.removeItem(KEY);
    notify();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
