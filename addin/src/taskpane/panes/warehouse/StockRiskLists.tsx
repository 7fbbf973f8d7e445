import { Text } from "@fluentui/react-components";
import type { AgingReport, PushPullReport, SlowMoverReport } from "../../../../../shared/src/api";
import { ACTION_WORDS, amount, count, MODEL_WORDS, STRATEGY_WORDS } from "./warehouseWords";

/** Rows the pane lists before "write to sheet" takes over: a screenful at 350 px. */
export const SHOWN = 5;

export function AgingList({ report }: { report: AgingReport }) {
  if (report.total === 0) return <Text size={200}>{report.snapshotDate ? "No product holds stock on the latest snapshot." : "No stock snapshots are stored: import stock_snapshots."}</Text>;
  return (
    <>
      <Text block size={200}>
        Snapshot {report.snapshotDate}, demand over {count(report.weeks)} weeks: {count(report.withActions)} of {count(report.total)} stocked products need action; excess worth {amount(report.excessValue)}.
      </Text>
      <ol className="tl-rec-list" aria-label="Aging actions">
        {report.items.slice(0, SHOWN).map((i) => (
          <li key={i.productId}>
            <strong>
              {i.productId} {i.segment}
            </strong>
            : {i.actions.length ? i.actions.map((a) => ACTION_WORDS[a] ?? a).join(", ") : "no action"}
            <span className="tl-request-meta">{i.reason}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

export function SlowMoverList({ report }: { report: SlowMoverReport }) {
  return (
    <>
      <Text block size={200}>
        {count(report.total)} intermittent product{report.total === 1 ? "" : "s"} (an order every {report.adiCutoff} weeks or rarer, over {count(report.weeks)} weeks)
        {report.skipped.length ? `; ${count(report.skipped.length)} skipped: ${report.skipped[0].reason}${report.skipped.length > 1 ? " …" : ""}` : ""}.
      </Text>
      <ul className="tl-rec-list" aria-label="Slow-mover reorder points">
        {report.items.slice(0, SHOWN).map((i) => (
          <li key={i.productId}>
            <strong>
              {i.productId} {i.segment}: reorder at {count(i.reorderPoint, 1)}
            </strong>{" "}
            ({MODEL_WORDS[i.distribution]})<span className="tl-request-meta">{i.reason}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function PushPullList({ report }: { report: PushPullReport }) {
  return (
    <>
      <Text block size={200}>
        {count(report.push)} push, {count(report.pull)} pull of {count(report.total)} products; the push/pull rule decided {count(report.derived)} where the policy says derive
        {report.skipped.length ? `; ${count(report.skipped.length)} skipped` : ""}.
      </Text>
      <ul className="tl-rec-list" aria-label="Push or pull per product">
        {report.items.slice(0, SHOWN).map((i) => (
          <li key={i.productId}>
            <strong>
              {i.productId} {i.segment}: {i.supplyMode}
            </strong>{" "}
            ({i.source === "derived" ? `derived: ${STRATEGY_WORDS[i.strategy]}` : "set by the policy"})<span className="tl-request-meta">{i.reason}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
