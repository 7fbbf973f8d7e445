export { generateDemoCompany } from "./generateDemoCompany";
export { toCsvFiles } from "./toCsvFiles";
export { toCsv, fixed } from "./toCsv";
export type { CsvColumn } from "./toCsv";
export { demoCompanyOptionsSchema } from "./options";
export type { DemoCompanyOptions, DemoCompanySettings } from "./options";
export type { ActivityCount, Channel, Customer, DemandProfile, DemoCompany, Lifecycle, OrderLine, Product, Region, Supplier } from "./types";
export { plantDrift, plantDriftOptionsSchema } from "./plantDrift";
export type { PlantDriftOptions } from "./plantDrift";
