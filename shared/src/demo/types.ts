import type { DemoCompanySettings } from "./options";

export type Lifecycle = "active" | "new" | "dying";
/** Syntetos–Boylan demand classes; on products it is the class the generator aimed for, not a measurement. */
export type DemandProfile = "smooth" | "erratic" | "intermittent" | "lumpy";
export type Region = "North" | "South" | "West";
export type Channel = "wholesale" | "retail" | "e-commerce" | "industrial";

/** A row of `suppliers.csv`. */
export interface Supplier {
  /** `S01`, `S02`, … */
  supplierId: string;
  name: string;
  /** mean replenishment lead time L, days */
  leadTimeMeanDays: number;
  /** standard deviation of the lead time σ_L, days */
  leadTimeSdDays: number;
  /** share of purchase orders received by the confirmed date */
  onTimeRate: number;
  /** share of ordered units delivered in the first shipment */
  fillRate: number;
  /** defective units per million received */
  qualityPpm: number;
}

/** A row of `products.csv`. */
export interface Product {
  /** `P0001`, `P0002`, … */
  productId: string;
  name: string;
  category: string;
  /** list price per unit, before customer discounts */
  unitPrice: number;
  unitCost: number;
  supplierId: string;
  /** `new`: no demand in the first fifth of the horizon; `dying`: none in the last fifth */
  lifecycle: Lifecycle;
  demandProfile: DemandProfile;
  /** demand follows a 52-week cycle */
  seasonal: boolean;
  weightKg: number;
}

/** A row of `customers.csv`. */
export interface Customer {
  /** `C001`, `C002`, … */
  customerId: string;
  name: string;
  region: Region;
  channel: Channel;
  /** a key account the business serves first, whatever it earns */
  strategic: boolean;
  /** the longest delivery lead time the customer accepts before buying elsewhere, days */
  toleratedLeadTimeDays: number;
  /** the sales rep who owns the account (null: a house account); absent before owners are assigned */
  accountOwner?: string | null;
}

/**
 * A row of `order_lines.csv`: everything one customer bought of one product
 * in one week (CSV columns customer_id, product_id, week, qty, price, cost,
 * lines, deliveries, returns).
 */
export interface OrderLine {
  customerId: string;
  productId: string;
  /** 1 … weeks */
  week: number;
  /** units ordered (`qty`) */
  quantity: number;
  /** net selling price per unit after the customer's discount (`price`); revenue is quantity × unitPrice */
  unitPrice: number;
  /** cost of goods per unit (`cost`) */
  unitCost: number;
  /** order lines aggregated into this row */
  lines: number;
  /** shipments that carried them: lines plus back-order splits */
  deliveries: number;
  /** units sent back (`returns`) */
  returnedUnits: number;
}

/**
 * A row of `activity_counts.csv`: the cost drivers of one customer over the
 * whole horizon, the input of activity-based cost-to-serve. A dormant account
 * (now and then one with no order lines) has only sales visits.
 */
export interface ActivityCount {
  customerId: string;
  /** orders placed; each order has one or more order lines */
  orders: number;
  /** sum of `lines` over the customer's order lines */
  orderLines: number;
  /** drops at the customer: one per order plus one per back-order split */
  deliveries: number;
  /** sum of `qty` over the customer's order lines */
  unitsPicked: number;
  /** return events (`returns`): order-line rows with at least one unit returned */
  returns: number;
  salesVisits: number;
  /** orders that needed manual handling: rush, custom labels, special packing */
  specialHandling: number;
  /** transport effort: Σ units × weight (kg) × distance to the customer (km), rounded */
  kgKm: number;
}

/** The whole demo company: every table as an array of rows, in file order. */
export interface DemoCompany {
  /** the settings it was generated with, defaults filled in */
  settings: DemoCompanySettings;
  suppliers: Supplier[];
  products: Product[];
  customers: Customer[];
  /** sorted by week, then customer, then product */
  orderLines: OrderLine[];
  /** one row per customer, in customer order */
  activityCounts: ActivityCount[];
}
