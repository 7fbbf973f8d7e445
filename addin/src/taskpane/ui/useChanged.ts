import { useState } from "react";

/**
 * True on the render where one of `values` differs (Object.is) from the last
 * render's, so a pane can reset state that follows an input (the column picks
 * when another table is chosen) while rendering: React's "adjusting state when
 * a prop changes", which unlike an effect never paints the stale state first.
 * The caller's setState must be conditional on the result.
 */
export function useChanged(values: readonly unknown[]): boolean {
  const [seen, setSeen] = useState(values);
  if (seen.length === values.length && seen.every((v, i) => Object.is(v, values[i]))) return false;
  setSeen(values);
  return true;
}
