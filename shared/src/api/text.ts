import { z } from "zod";
import { mustBe } from "../validation/mustBe";

/*
 * The one text rule of the public API. Every piece of free text or identifier
 * that reaches the store (import cells, entity ids, segment labels, run
 * labels, justifications and reasons, query parameters) passes it, so what
 * an import accepts the read API can also read back, and neither store sees
 * a character it would refuse (PostgreSQL refuses NUL in text: a 500 instead
 * of a 400 naming the field).
 */

/** C0 controls and DEL/C1, without tab, line feed and carriage return. */
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** Every control character (identifiers and labels are one line). */
const ANY_CONTROL = /\p{Cc}/u;

/** Longest identifier (entity id, segment label, run label), in characters. */
export const MAX_ID_LENGTH = 100;
/** Longest free text (justification, reason, note), in characters. */
export const MAX_FREE_TEXT_LENGTH = 2000;
/** Largest integer either store keeps in an `integer` column (PostgreSQL int4): versions, expected versions. */
export const MAX_STORED_INTEGER = 2_147_483_647;

export interface TextRuleOptions {
  /** at most this many characters (after trimming) */
  max: number;
  /** at least this many characters after trimming; default 1 */
  min?: number;
  /** allow tab and line breaks (free text); identifiers never */
  multiline?: boolean;
  /** characters refused besides control characters, e.g. "*" for segment labels */
  forbidden?: string;
  /** the message when shorter than `min` */
  minMessage?: string;
}

/** Why `value` breaks the text rule, or null when it keeps it. Used where no zod schema runs (CSV cells). */
export function textRuleViolation(value: string, options: TextRuleOptions): string | null {
  if (value.includes("\u0000")) return "may not contain the NUL character";
  if ((options.multiline ? CONTROL_BUT_LINE_BREAKS : ANY_CONTROL).test(value)) return "may not contain control characters";
  if (options.forbidden && [...options.forbidden].some((c) => value.includes(c))) return `may not contain ${[...options.forbidden].join(" or ")}`;
  const length = value.trim().length;
  if (length > options.max) return `at most ${options.max} characters`;
  if (length < (options.min ?? 1)) return options.minMessage ?? ((options.min ?? 1) === 1 ? "may not be blank" : `at least ${options.min} characters`);
  return null;
}

/** The text rule as a zod schema: trims, then refuses NUL, control characters, `forbidden` characters, and text shorter than `min` or longer than `max`. */
export function textField(options: TextRuleOptions) {
  const min = options.min ?? 1;
  const controls = options.multiline ? CONTROL_BUT_LINE_BREAKS : ANY_CONTROL;
  let schema = z
    .string()
    .trim()
    .refine((v) => !v.includes("\u0000"), { message: "may not contain the NUL character", abort: true })
    .refine((v) => !controls.test(v), { message: "may not contain control characters", abort: true });
  const forbidden = options.forbidden;
  if (forbidden) schema = schema.refine((v) => ![...forbidden].some((c) => v.includes(c)), { message: `may not contain ${[...forbidden].join(" or ")}`, abort: true });
  return schema.min(min, options.minMessage ?? (min === 1 ? "may not be blank" : `at least ${min} characters`)).max(options.max, `at most ${options.max} characters`);
}

/** Entity ids: one line, 1–100 characters, no control characters. */
export const idText = () => textField({ max: MAX_ID_LENGTH });
/** Segment labels: like ids, and no `*` (the wildcard of policy rows). */
export const labelText = () => textField({ max: MAX_ID_LENGTH, forbidden: "*" });
/** Justifications and reasons: line breaks allowed, 3–2000 characters. */
export const freeText = (minMessage = "at least 3 characters", max = MAX_FREE_TEXT_LENGTH) => textField({ max, min: 3, multiline: true, minMessage });
/** An optional filter in a query string: one line, at most `max` characters. */
export const queryText = (max: number) => textField({ max });

/** A version number (or expected version) as stored: a whole number 0 … 2³¹ − 1, checked before any SQL sees it. */
export const storedIntegerSchema = z.number("must be a number").int(mustBe.wholeNumber).min(0, mustBe.atLeast(0)).max(MAX_STORED_INTEGER, `must be ≤ ${MAX_STORED_INTEGER}`);

/**
 * The path of the first string holding NUL anywhere in a parsed value (JSON
 * body, query, params), or null. The last line of defence for fields whose
 * schema is a plain `z.string()`: PostgreSQL would refuse the character with
 * a 500.
 */
export function findNul(value: unknown, depth = 0): Array<string | number> | null {
  if (typeof value === "string") return value.includes("\u0000") ? [] : null;
  if (depth > 64 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], depth + 1);
      if (found) return [i, ...found];
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes("\u0000")) return [key];
    const found = findNul(inner, depth + 1);
    if (found) return [key, ...found];
  }
  return null;
}
