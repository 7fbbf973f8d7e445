export { allocateAtp, allocationRuleSchema, receiptSchema } from "./allocateAtp";
export type { AtpOrder, AllocationRule, Receipt, AtpOptions, AtpPromise, AtpResult } from "./allocateAtp";
export { chooseFulfilment, fulfilmentRuleSchema, FULFILMENT_PATHS, TRANSPORT_MODES, LAST_MILE_OPTIONS } from "./chooseFulfilment";
export type { FulfilmentRule, FulfilmentLine, FulfilmentDecision } from "./chooseFulfilment";
export { prioritiseShipments, shipmentSchema, shippingPrioritySchema, departureSchema } from "./prioritiseShipments";
export type { Shipment, ShippingPriority, Departure, ShipmentPlanOptions, PlannedShipment, ShipmentPlan } from "./prioritiseShipments";
export { promiseOrderBook } from "./promiseOrderBook";
export type { BookLine, BookAllocationRow, BookResult } from "./promiseOrderBook";
