import { z } from "zod";
import { mustBe } from "../validation";

/** An item id as a planner types it: text or a number, never blank. */
export const itemIdSchema = z.union([z.string().trim().min(1, "an id may not be blank"), z.number(mustBe.number).finite()]).transform(String);

/**
 * A list of item rows with unique ids; a duplicate is reported on its own row
 * (`items[7].id`) with the row it repeats.
 */
export function itemRowsSchema<T extends z.ZodType<{ id: string }>>(row: T) {
  return z
    .array(row)
    .min(1, "give at least one item")
    .superRefine((rows, ctx) => {
      const seen = new Map<string, number>();
      rows.forEach((r, i) => {
        const first = seen.get(r.id);
        if (first !== undefined) ctx.addIssue({ code: "custom", path: [i, "id"], message: `duplicate id "${r.id}" (also in row ${first})` });
        else seen.set(r.id, i);
      });
    });
}
