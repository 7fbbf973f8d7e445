import { z } from "zod";

/*
 * Keyset pagination for lists that grow without bound (change requests):
 * the client passes back the opaque `nextCursor` of the previous page, so a
 * page costs an index range scan however deep it is, and rows inserted
 * meanwhile neither repeat nor vanish.
 */

/** `cursor` in a query string: the opaque `nextCursor` of the previous page (base64url). */
export const cursorSchema = z
  .string()
  .max(1000, "at most 1000 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "is not a cursor this service handed out (pass back nextCursor unchanged)");

/** Page size of the change-request list: the add-in's default view fits in one page. */
export const CHANGE_REQUEST_PAGE_DEFAULT = 200;
export const CHANGE_REQUEST_PAGE_MAX = 1000;

/** One page of a list: the rows, how many match the filter in all, and the cursor of the next page (null on the last). */
export interface Page<T> {
  total: number;
  nextCursor: string | null;
  items: T[];
}
