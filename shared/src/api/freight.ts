import { z } from "zod";

/* Stored freight spread over customers and segments, on the wire. */

/** The drivers stored freight can be spread by, each read from the stored order history. */
export const FREIGHT_DRIVERS = ["weight", "lines", "shipments"] as const;
export type FreightDriver = (typeof FREIGHT_DRIVERS)[number];

/** What each driver counts, in the words the pane and the sheet print. */
export const FREIGHT_DRIVER_WORDS: Record<FreightDriver, string> = {
  weight: "kg shipped (units × product weight_kg)",
  lines: "order lines",
  shipments: "deliveries (shipments)",
};

export const freightQuerySchema = z.object({
  method: z.enum(FREIGHT_DRIVERS, "must be weight, lines or shipments").default("weight"),
});
export type FreightQuery = z.output<typeof freightQuerySchema>;

const freightLine = {
  /** billed to the customer on its own shipments */
  direct: z.number(),
  /** its share of lane bills by the driver */
  allocated: z.number(),
  /** direct + allocated */
  freight: z.number(),
};

export const freightAllocationSchema = z.object({
  method: z.enum(FREIGHT_DRIVERS),
  /** what the driver counts, e.g. "kg shipped (units × product weight_kg)" */
  driver: z.string(),
  invoices: z.number().int(),
  /** every stored invoice's cost */
  total: z.number(),
  /** what reached a customer: total − unallocated */
  allocated: z.number(),
  /** lane bills no customer of the region had any driver for in the bill's weeks: left out of every P&L, listed here */
  unallocated: z.array(z.object({ invoiceId: z.string(), region: z.string(), fromWeek: z.number(), toWeek: z.number(), cost: z.number(), reason: z.string() })),
  /** products ordered in the bills' weeks that carry no weight_kg (counted as 0 kg); only for weight */
  productsWithoutWeight: z.array(z.string()),
  customers: z.array(z.object({ customerId: z.string(), segment: z.string().nullable(), driverQty: z.number(), ...freightLine })),
  /** the same summed over the customers' current segment (customer dimension) */
  segments: z.array(z.object({ segment: z.string(), customers: z.number().int(), ...freightLine })),
});
export type FreightAllocation = z.output<typeof freightAllocationSchema>;
