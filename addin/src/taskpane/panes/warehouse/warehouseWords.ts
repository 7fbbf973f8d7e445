/* Numbers as a planner reads them in the Warehouse pane: thousands separators, few decimals, percentages. */

export const count = (x: number, digits = 0) => x.toLocaleString("en-US", { maximumFractionDigits: digits });
export const amount = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : `${(x * 100).toLocaleString("en-US", { maximumFractionDigits: 0 })} %`);

export const ACTION_WORDS: Record<string, string> = {
  stop_replenishment: "stop replenishing",
  promote: "promote",
  return_to_supplier: "return to supplier",
  write_down: "write down",
};

export const STRATEGY_WORDS = { push: "push (make to stock)", pull: "pull (make to order)", push_pull: "push-pull (stock upstream, finish to order)" } as const;

export const MODEL_WORDS = { poisson: "Poisson", negative_binomial: "negative binomial", normal: "normal" } as const;
