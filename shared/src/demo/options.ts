import { z } from "zod";
import { mustBe } from "../validation";

/**
 * Sizes are capped so a typo cannot ask for billions of rows; the lower bound
 * on weeks leaves room for the new/dying windows (a fifth of the horizon each).
 */
export const demoCompanyOptionsSchema = z.object({
  seed: z.number(mustBe.number).int(mustBe.wholeNumber).min(0).max(0xffffffff).default(20261125),
  products: z.number(mustBe.number).int(mustBe.wholeNumber).min(1).max(50_000).default(2000),
  customers: z.number(mustBe.number).int(mustBe.wholeNumber).min(1).max(20_000).default(500),
  weeks: z.number(mustBe.number).int(mustBe.wholeNumber).min(10).max(520).default(104),
  suppliers: z.number(mustBe.number).int(mustBe.wholeNumber).min(1).max(5000).default(40),
});

export type DemoCompanyOptions = z.input<typeof demoCompanyOptionsSchema>;
export type DemoCompanySettings = z.output<typeof demoCompanyOptionsSchema>;
