/*
 * The tables of issue 7's KPIs and corrective actions, declared by module
 * augmentation so schema.ts stays untouched by parallel work. Import this
 * file wherever the tables are used.
 */

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

declare module "./schema" {
  interface Database {
    corrective_actions: CorrectiveActionTable;
    kpi_escalations: KpiEscalationTable;
  }
}
