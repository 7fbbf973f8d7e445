import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { ScorecardReport, SourcingReport } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";
import type { Workbook } from "../../workbook/workbook";
import { TextField } from "../ui/fields";
import { goToActions } from "../ui/goToActions";
import { OperationStatus, useOperation } from "../ui/useOperation";
import { ScorecardList } from "./suppliers/ScorecardList";
import { SourcingList } from "./suppliers/SourcingList";
import { SupplierAssumptions } from "./suppliers/SupplierAssumptions";
import { SCORECARD_TABLE, scorecardTableData, SOURCING_TABLE, sourcingTableData } from "./suppliers/supplierSheets";
import { money, pct } from "./suppliers/supplierWords";

/** Products per sourcing page: enough to scan, small enough for 350 px. */
const SOURCING_PAGE = 50;

/**
 * Suppliers for buyers: scorecards from the stored performance history, each
 * supplier weighted by the product segments it serves, and sourcing
 * recommendations per product with their reasons; both can be written to a
 * sheet. TIER.SCORECARD stays the tool for scoring a range in a cell.
 */
export function SuppliersPane({ workbook, client }: { workbook: Workbook; client: ServiceClient | undefined }) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [product, setProduct] = useState("");
  const [scorecards, setScorecards] = useState<ScorecardReport | undefined>();
  const [sourcing, setSourcing] = useState<SourcingReport | undefined>();
  const operation = useOperation();

  if (!client) {
    return (
      <section aria-labelledby="suppliers-heading" className="tl-pane">
        <h2 id="suppliers-heading">Suppliers</h2>
        <Text block>Sign in under Settings to score suppliers.</Text>
      </section>
    );
  }

  const score = () =>
    operation.run("Scoring suppliers", async () => {
      const report = await client.call("readSupplierScorecards", { query: { ...(from.trim() ? { from: from.trim() } : {}), ...(to.trim() ? { to: to.trim() } : {}) } });
      setScorecards(report);
      if (!report.suppliers.length)
        return { intent: "warning", title: "No supplier could be scored", text: report.unscored.map((u) => `${u.supplierId}: ${u.reason}`).join("\n") || "Import suppliers and their performance history first." };
    });

  const recommend = () =>
    operation.run("Recommending sourcing", async () => {
      setSourcing(await client.call("readSourcing", { query: { limit: SOURCING_PAGE, ...(product.trim() ? { product: product.trim() } : {}) } }));
    });

  const write = (what: "scorecards" | "sourcing") =>
    operation.run("Writing to the sheet", async () => {
      const table = what === "scorecards" ? scorecardTableData(scorecards!) : sourcingTableData(sourcing!);
      await workbook.writeTable(table);
      return {
        intent: "success",
        title: what === "scorecards" ? "Scorecards written" : "Sourcing written",
        text: `${table.rows.length} rows are on the sheet ${table.name}.`,
        actions: goToActions(workbook, [[what === "scorecards" ? SCORECARD_TABLE : SOURCING_TABLE, what === "scorecards" ? "scorecards" : "sourcing"]], operation.post),
      };
    });

  const periodProblem = from.trim() && to.trim() && from.trim() > to.trim() ? "must not be before From" : undefined;

  return (
    <section aria-labelledby="suppliers-heading" className="tl-pane">
      <h2 id="suppliers-heading">Suppliers</h2>
      <h3>Scorecards</h3>
      <Text block size={200}>
        On time, quality and lead time from the imported history; each supplier weighted by the segments its products sell in. Periods as imported (e.g. 2026-01); blank for all.
      </Text>
      <SupplierAssumptions
        client={client}
        operation={operation}
        onSaved={() => {
          // Results computed under the old assumptions would now mislead.
          setScorecards(undefined);
          setSourcing(undefined);
        }}
      />
      <TextField label="From period" value={from} onChange={setFrom} placeholder="first" />
      <TextField label="To period" value={to} onChange={setTo} placeholder="last" validation={periodProblem} />
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void score()} disabled={operation.busy || !!periodProblem}>
          Score suppliers
        </Button>
        <Button onClick={() => void write("scorecards")} disabled={!scorecards?.suppliers.length || operation.busy}>
          Write to sheet
        </Button>
      </div>
      <OperationStatus operation={operation} />
      {scorecards && (
        <>
          <Text block size={200}>
            {scorecards.suppliers.length} scored{scorecards.window ? `, periods ${scorecards.window.from} to ${scorecards.window.to}` : ""}
            {scorecards.unscored.length ? `; not scored: ${scorecards.unscored.map((u) => `${u.supplierId} (${u.reason})`).join(", ")}` : ""}.
          </Text>
          <ScorecardList report={scorecards} />
        </>
      )}
      <h3>Sourcing per product</h3>
      <TextField label="Product (blank for all)" value={product} onChange={setProduct} placeholder="e.g. P0001" />
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void recommend()} disabled={operation.busy}>
          Recommend sourcing
        </Button>
        <Button onClick={() => void write("sourcing")} disabled={!sourcing?.items.length || operation.busy}>
          Write sourcing to sheet
        </Button>
      </div>
      {sourcing && (
        <>
          <Text block size={200}>
            {sourcing.items.length < sourcing.total ? `First ${sourcing.items.length} of ${sourcing.total} products` : `${sourcing.total} product${sourcing.total === 1 ? "" : "s"}`}.
          </Text>
          <SourcingList report={sourcing} />
          <h3>Supplier development</h3>
          {sourcing.developmentShortlist.length ? (
            <ul className="tl-rec-list" aria-label="Development shortlist">
              {sourcing.developmentShortlist.map((d) => (
                <li key={d.supplierId}>
                  <strong>{d.name}</strong> ({d.supplierId}): {d.reason}; high-impact spend {money(d.highImpactSpend)} ({pct(d.highImpactShare, 0)}).
                </li>
              ))}
            </ul>
          ) : (
            <Text block size={200}>
              No weak supplier of high-impact segments.
            </Text>
          )}
        </>
      )}
    </section>
  );
}
