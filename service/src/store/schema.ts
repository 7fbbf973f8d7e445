import type { Generated } from "kysely";

/*
 * The tables of the system of record. Timestamps are ISO-8601 text and JSON
 * is text, so one schema serves SQLite and PostgreSQL alike.
 */

export interface EntityTable {
  dimension: string;
  id: string;
  name: string;
  /** JSON object of the entity's attributes (category, region, strategic, nps…) */
  attributes: string;
  updated_at: string;
}

export interface OrderLineTable {
  customer_id: string;
  product_id: string;
  week: number;
  qty: number;
  price: number;
  cost: number;
  lines: number;
  deliveries: number;
  returns: number;
}

export interface ActivityCountTable {
  customer_id: string;
  /** JSON object driver → volume */
  drivers: string;
}

export interface SupplierPerformanceTable {
  supplier_id: string;
  period: string;
  /** JSON object metric → value */
  metrics: string;
}

export interface VersionTable {
  dimension: string;
  version: number;
  effective_at: string;
  created_at: string;
  created_by: string;
  change_request_id: string | null;
  note: string;
}

export interface AssignmentTable {
  dimension: string;
  version: number;
  entity_id: string;
  segment: string;
  /** JSON object of the segment's parts, e.g. {"abc":"A","xyz":"X"} */
  detail: string;
}

export interface ChangeRequestTable {
  id: string;
  /** "assignments" | "policies" | "definition" */
  kind: string;
  dimension: string;
  status: string;
  source: string;
  justification: string;
  /** JSON: the proposed assignments / policy rows / definition */
  payload: string;
  base_version: number;
  created_by: string;
  created_at: string;
  expires_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  applied_version: number | null;
  /** number of changes (or policy rows) in the payload, so lists never parse payloads; null only before migration 0004 filled it */
  size: number | null;
  /** the raiser's stable subject (null for requests raised before migration 0005: four-eyes falls back to the name) */
  created_by_subject?: string | null;
  /** pending assignment requests: the hash of their entity → segment moves (migration 0007), unique among the pending ones of a dimension */
  fingerprint?: string | null;
  /** JSON array of the roles that must approve, in order, fixed when raised (migration 0010); null on older requests: one approver */
  approval_steps?: string | null;
}

/** One approved step of a change request (migration 0010): the primary key (request, step) lets a step be approved once; (request, subject) lets a person approve one step. */
export interface ChangeRequestApprovalTable {
  change_request_id: string;
  /** 1-based */
  step: number;
  role: string;
  decided_by: string;
  decided_by_subject: string;
  reason: string;
  decided_at: string;
}

/** The approval rules (migration 0010), replaced as a whole; `position` keeps the order they were given in. */
export interface ApprovalRuleTable {
  position: number;
  dimension: string;
  segment: string | null;
  /** JSON array of roles */
  steps: string;
  updated_at: string;
  updated_by: string;
}

export interface AuditTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  dimension: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  /** the hash of the entry before (the chain's genesis for the first) */
  prev_hash: string | null;
  /** SHA-256 of this entry's canonical content chained to prev_hash (store/auditChain.ts) */
  hash: string | null;
}

/** One row: how long the audit chain is and where it ends, so a log cut short is detected. */
export interface AuditHeadTable {
  id: number;
  entries: number;
  last_seq: number;
  last_hash: string;
}

export interface TokenTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  created_at: string;
  /** the owner four-eyes compares: an IdP user id, or the owner named at issue; the name before migration 0005 */
  subject: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  /** updated at most once a minute: a read costs no write */
  last_used_at: string | null;
  /** JSON array of the permissions the token is limited to; null: its role's every permission */
  scopes: string | null;
}

export interface PolicyVersionTable {
  version: number;
  rows: string;
  created_at: string;
  created_by: string;
  change_request_id: string | null;
}

export interface DefinitionTable {
  dimension: string;
  /** JSON: the segmentation method and options that produced the current assignments */
  definition: string;
  version: number;
  updated_at: string;
}

export interface FreezeWindowTable {
  id: string;
  dimension: string | null;
  starts_at: string;
  ends_at: string;
  reason: string;
}

/** Recommendations (migration 0002): one per segment-change proposal the engines raise. */
export interface RecommendationTable {
  id: string;
  change_request_id: string;
  dimension: string;
  /** "recommendation-rule" | "recommendation-model" */
  source: string;
  entity_id: string;
  from_segment: string;
  to_segment: string;
  confidence: number;
  /** JSON: the features that drove it, each against the target segment's typical range */
  rationale: string;
  /** JSON: safety-stock value, service level and cost-to-serve changes */
  impact: string;
  /** JSON: { fromWeek, toWeek, periodWeeks, periods } */
  data_window: string;
  model_id: string | null;
  created_at: string;
  /** JSON array of the sources that fired ("rule", "model"), the request's own first; null on rows before migration 0007 (one source: the column) */
  sources?: string | null;
  /** JSON array of { source, kind, value, to }, the request's own source first; null on rows before migration 0007 */
  confidences?: string | null;
  /** "upgrade" | "downgrade" | "lateral" (segmentDirection of from → to) */
  direction?: string | null;
}

export interface ModelTable {
  id: string;
  dimension: string;
  /** 1, 2, … per dimension */
  version: number;
  /** the dimension's part the model predicts: "abc", "tier" */
  target: string;
  seed: number;
  /** JSON */
  data_window: string;
  features: string;
  classes: string;
  /** JSON: standardisation, layer weights */
  weights: string;
  evaluation: string;
  thresholds: string;
  created_at: string;
  created_by: string;
}

/** KPI governance (migration 0003): corrective actions and escalation paths. */
export interface CorrectiveActionTable {
  id: string;
  title: string;
  /** the person or function responsible */
  owner: string;
  /** YYYY-MM-DD */
  due_date: string;
  /** "open" | "in_progress" | "done" | "cancelled" */
  status: string;
  dimension: string | null;
  segment: string | null;
  /** the KPI of the linked breach, with dimension and segment */
  kpi: string | null;
  notes: string;
  /** incremented on every update: the optimistic-concurrency token of PATCH */
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface KpiEscalationTable {
  owner_function: string;
  /** JSON array of { level, contact, afterDays } */
  levels: string;
  updated_at: string;
}

export interface Database {
  entities: EntityTable;
  order_lines: OrderLineTable;
  activity_counts: ActivityCountTable;
  supplier_performance: SupplierPerformanceTable;
  versions: VersionTable;
  assignments: AssignmentTable;
  change_requests: ChangeRequestTable;
  change_request_approvals: ChangeRequestApprovalTable;
  approval_rules: ApprovalRuleTable;
  audit_log: AuditTable;
  audit_head: AuditHeadTable;
  tokens: TokenTable;
  policy_versions: PolicyVersionTable;
  definitions: DefinitionTable;
  freeze_windows: FreezeWindowTable;
  recommendations: RecommendationTable;
  ml_models: ModelTable;
  corrective_actions: CorrectiveActionTable;
  kpi_escalations: KpiEscalationTable;
  jobs: JobTable;
  reclassification_schedules: ReclassificationScheduleTable;
  schedule_kpi_observations: ScheduleKpiObservationTable;
  deliveries: DeliveryTable;
  stock_snapshots: StockSnapshotTable;
  activity_rates: ActivityRateTable;
  rate_versions: RateVersionTable;
  escalation_paths: EscalationPathTable;
  forecast_overrides: ForecastOverrideTable;
  kpi_data_version: KpiDataVersionTable;
  forecast_runs: ForecastRunTable;
  forecasts: ForecastTable;
  forecast_families: ForecastFamilyTable;
  forecast_family_members: ForecastFamilyMemberTable;
  import_files: ImportFileTable;
  supplier_terms: SupplierTermsTable;
  dc_candidates: DcCandidateTable;
  open_orders: OpenOrderTable;
  scheduled_receipts: ScheduledReceiptTable;
  fulfilment_rules: FulfilmentRulesTable;
  freight_costs: FreightCostTable;
  supplier_settings: SupplierSettingsTable;
  incentive_plan: IncentivePlanTable;
  forecast_reviews: ForecastReviewTable;
  forecast_review_lines: ForecastReviewLineTable;
  sell_through: SellThroughTable;
}

export interface ImportFileTable {
  id: string;
  kind: string;
  name: string;
  data: Uint8Array;
  created_at: string;
}

/** A candidate distribution centre for network design (migration 0016). */
export interface DcCandidateTable {
  dc_id: string;
  name: string;
  lat: number;
  lon: number;
  /** per year */
  fixed_cost: number;
  /** units per year; null when unlimited */
  capacity: number | null;
  /** 1 when open in today's network */
  current: number;
  handling_cost_per_unit: number;
  /** this DC's outbound rate, money per unit-km; null to use the run's rate */
  cost_per_unit_km: number | null;
  /** row of the import, so designs list DCs in the planner's order */
  position: number;
}

export interface JobTable {
  id: string;
  kind: string;
  /** JSON: the validated request body of the kind */
  params: string;
  /** queued, running, succeeded, failed or cancelled */
  status: string;
  progress_done: number | null;
  progress_total: number | null;
  progress_label: string | null;
  /** JSON, when succeeded */
  result: string | null;
  error: string | null;
  created_by: string;
  created_by_subject: string;
  created_by_role: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** the process that ran (or runs) it */
  instance: string | null;
  attempts: Generated<number>;
}

export interface ReclassificationScheduleTable {
  id: string;
  /** product or customer */
  dimension: string;
  /** JSON { every, unit, anchor }; null: KPI trigger only */
  cadence: string | null;
  /** JSON: the generation thresholds (generateRecommendations' body less dimension and source) */
  thresholds: string;
  /** rule, model or both */
  source: string;
  /** JSON array of roles; null: the approval rules decide */
  approval_steps: string | null;
  /** JSON { kpi, threshold?, periods, periodUnit, segment? } */
  kpi_trigger: string | null;
  /** 1 or 0 */
  enabled: number;
  next_run_at: string | null;
  last_run_at: string | null;
  last_job_id: string | null;
  /** JSON { segment: period start } of the KPI trigger's last firing per segment */
  kpi_fired: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export interface ScheduleKpiObservationTable {
  schedule_id: string;
  /** the period's start, ISO */
  period: string;
  /** JSON array of the segments that breached */
  breached: string;
  observed_at: string;
}

/* Data for measured KPIs (migration 0013). Dates are ISO YYYY-MM-DD text. */

export interface DeliveryTable {
  customer_id: string;
  product_id: string;
  week: number;
  promised_date: string;
  delivered_date: string | null;
  qty_ordered: number;
  qty_delivered: number;
  miss_cause: string | null;
}

export interface StockSnapshotTable {
  product_id: string;
  location: string;
  date: string;
  qty: number;
  value: number;
}

export interface ActivityRateTable {
  version: number;
  activity: string;
  driver: string;
  rate: number;
  valid_from: string;
}

export interface RateVersionTable {
  version: number;
  created_at: string;
  created_by: string;
  change_request_id: string | null;
  note: string;
}

export interface EscalationPathTable {
  segment: string;
  kpi: string;
  owner: string;
  /** JSON [{level, afterDays, to}] in ascending level */
  levels: string;
  updated_at: string;
}

export interface ForecastOverrideTable {
  product_id: string;
  week: number;
  from_qty: number;
  to_qty: number;
  changed_by: string;
  changed_at: string;
  reason: string;
}

export interface KpiDataVersionTable {
  id: number;
  version: number;
}

export interface ForecastRunTable {
  id: string;
  version: number;
  job_id: string;
  horizon: number;
  /** JSON of the job's params (product filter, segment pattern, chunk size) */
  params: string;
  /** the history window read (null when there was none) */
  first_week: number | null;
  last_week: number | null;
  series_count: number;
  chunks_total: number;
  chunks_done: number;
  /** running, succeeded, failed, cancelled */
  status: string;
  error: string | null;
  created_at: string;
  created_by: string;
  finished_at: string | null;
}

export interface ForecastTable {
  run_id: string;
  product_id: string;
  segment: string | null;
  /** the segment policy's forecastMethod ("auto" when unset) */
  policy_method: string;
  method: string;
  pattern: string;
  /** JSON array of the horizon's forecasts */
  forecast: string;
  sigma: number | null;
  mase: number | null;
  wape: number | null;
  /** CFE / MAD of the last in-sample weeks (migration 0020); null before it and when every error was 0 */
  tracking_signal?: number | null;
  /** "item" or "family" (migration 0024); null for rows written before it (item by item) */
  level?: string | null;
  /** the family (category) a family-level row was forecast within */
  family?: string | null;
  /** in-sample Σ|y − ŷ| and Σ|y| over the fitted periods, to pool a segment's WAPE (migration 0024) */
  abs_error?: number | null;
  abs_actual?: number | null;
  /** "shipments", "sell-through" or "mixed" (migration 0022); null before it */
  signal?: string | null;
  /** JSON array: the forecast-error sd for h = 1 … horizon (migration 0025); null before it or when no spread could be measured */
  error_sd?: string | null;
}

/** A run's family forecast: the category aggregate of its family-level products (migration 0024). */
export interface ForecastFamilyTable {
  run_id: string;
  family: string;
  products: number;
  method: string;
  pattern: string;
  /** JSON arrays: the horizon's forecasts, the in-sample one-step fitted values (null before the model has one) */
  forecast: string;
  fitted: string;
  sigma: number | null;
  mase: number | null;
  wape: number | null;
  abs_error: number;
  abs_actual: number;
  /** JSON array: the family forecast's error sd per step (migration 0025) */
  error_sd?: string | null;
}

/** A family-level product's family and historical share in a run (migration 0024). */
export interface ForecastFamilyMemberTable {
  run_id: string;
  product_id: string;
  family: string;
  share: number;
}

/** A supplier's contract terms from a date (migration 0015). */
export interface SupplierTermsTable {
  supplier_id: string;
  /** YYYY-MM-DD */
  valid_from: string;
  moq: number;
  contracted_lead_time_days: number;
  penalty_per_late_line: number;
  /** JSON array of {minQty, unitPrice}, ascending minQty */
  price_breaks: string;
}

/** A line of the open order book (migration 0017). */
export interface OpenOrderTable {
  order_id: string;
  line: number;
  customer_id: string;
  product_id: string;
  quantity: number;
  /** YYYY-MM-DD */
  requested_date: string;
  weight_kg: number | null;
}

/** Units of a product due in on a date (migration 0017). */
export interface ScheduledReceiptTable {
  product_id: string;
  /** YYYY-MM-DD */
  date: string;
  quantity: number;
}

/** The planner's allocation and fulfilment-path tables, one row (id 1), each a JSON array (migration 0017). */
export interface FulfilmentRulesTable {
  id: number;
  allocation: string;
  paths: string;
  updated_at: string;
  updated_by: string;
}

/** A carrier's freight invoice (migration 0019): a shipment bill names its customer, a lane bill its region. */
export interface FreightCostTable {
  invoice_id: string;
  carrier: string | null;
  from_week: number;
  to_week: number;
  customer_id: string | null;
  region: string | null;
  cost: number;
  /** row of the import, so lists keep the planner's order */
  position: number;
}

/** The one row of supplier scoring and sourcing settings (migration 0019); JSON as the API's supplierSettingsSchema. */
export interface SupplierSettingsTable {
  /** always 1 */
  id: number;
  settings: string;
  updated_by: string;
  updated_at: string;
}

/** The one row of the incentive plan finance set (migration 0021); JSON as the API's incentivePlanSchema. */
export interface IncentivePlanTable {
  /** always 1 */
  id: number;
  plan: string;
  updated_by: string;
  updated_at: string;
}

/** A forecast review published to sales (migration 0023); status open or closed. */
export interface ForecastReviewTable {
  id: string;
  run_id: string;
  run_version: number;
  first_week: number;
  last_week: number;
  status: string;
  created_by: string;
  created_at: string;
  closed_by: string | null;
  closed_at: string | null;
}

/** One product × week of a forecast review; status pending, accepted or adjusted; version counts decisions. */
export interface ForecastReviewLineTable {
  review_id: string;
  product_id: string;
  week: number;
  segment: string;
  statistical: number;
  status: string;
  quantity: number | null;
  assumption: string | null;
  decided_by: string | null;
  decided_at: string | null;
  version: number;
}

/** Units a customer sold on of a product in a week: its POS / sell-through feed (migration 0022). */
export interface SellThroughTable {
  customer_id: string;
  product_id: string;
  week: number;
  units: number;
}
