/** Joins class names, skipping the false ones: `cn("a", active && "b")`. */
export const cn = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(" ");
