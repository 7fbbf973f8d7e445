/*
 * Row types of the recommendation tables (migration 0002), added to the
 * store's Database by module augmentation so schema.ts stays untouched.
 */

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

declare module "./schema" {
  interface Database {
    recommendations: RecommendationTable;
    ml_models: ModelTable;
  }
}
