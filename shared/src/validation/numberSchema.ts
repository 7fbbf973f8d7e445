import { z } from "zod";
import { mustBe, type NumberRule } from "./mustBe";

/**
 * A zod number bounded at both ends whose every failed check says the whole
 * rule (`must be between 0 and 1`), as checkNumber and the worksheet
 * functions word it; zod alone would name only the bound that failed.
 */
export function numberSchema(rule: NumberRule): z.ZodNumber {
  const words = mustBe.inRange(rule);
  let schema = z.number(mustBe.number);
  if (rule.integer) schema = schema.int(mustBe.wholeNumber);
  if (rule.greaterThan !== undefined) schema = schema.gt(rule.greaterThan, words);
  if (rule.min !== undefined) schema = schema.min(rule.min, words);
  if (rule.lessThan !== undefined) schema = schema.lt(rule.lessThan, words);
  if (rule.max !== undefined) schema = schema.max(rule.max, words);
  return schema;
}
