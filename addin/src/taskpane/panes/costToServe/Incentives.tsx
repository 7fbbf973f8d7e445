import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { NO_OWNER, type IncentivePlan, type IncentiveReport } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import type { Workbook } from "../../../workbook/workbook";
import { TextField, checkNumberField, checkShareField, problemOf } from "../../ui/fields";
import { goToActions } from "../../ui/goToActions";
import { OperationStatus, useOperation } from "../../ui/useOperation";
import { INCENTIVE_TABLE, incentiveSheet } from "./incentiveSheet";

const money = (x: number | null) => (x === null ? "—" : x.toLocaleString("en-US", { maximumFractionDigits: 0 }));
const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);
/** A stored share as the planner would type it back: 0.03 → "3%". */
const typed = (x: number) => `${Math.round(x * 10000) / 100}%`;

/** Compensation is finance's: only it (and admin) may change the plan; the service refuses anyone else. */
const PLAN_ROLES = ["finance", "admin"];

interface PlanTexts {
  share: string;
  floors: Record<string, string>;
}

function checkPlan(texts: PlanTexts) {
  const share = checkShareField(texts.share, "Share of margin after cost-to-serve");
  const floors = Object.entries(texts.floors).map(([segment, text]) => ({ segment, text, check: text.trim() === "" ? undefined : checkShareField(text, `Floor of ${segment}`) }));
  const ok = share.ok && floors.every((f) => !f.check || f.check.ok);
  const plan: IncentivePlan | undefined = ok ? { share: share.ok ? share.value : 0, floors: floors.flatMap((f) => (f.check?.ok ? [{ segment: f.segment, minMarginPct: f.check.value }] : [])) } : undefined;
  return { share, floors, plan };
}

/**
 * Incentives on profitability after cost-to-serve, from the service: per
 * account owner, revenue, gross margin, cost-to-serve, margin after it and
 * the incentive under finance's plan, written to a sheet for the
 * compensation process. Finance sets the plan's share and floors here.
 */
export function Incentives({ workbook, client }: { workbook: Workbook; client: ServiceClient | undefined }) {
  const [report, setReport] = useState<IncentiveReport | undefined>();
  const [role, setRole] = useState<string | undefined>();
  const [texts, setTexts] = useState<PlanTexts | undefined>();
  const [weeks, setWeeks] = useState({ from: "", to: "" });
  const operation = useOperation();
  // Blank weeks read the whole order history.
  const weekCheck = (text: string, field: string) => (text.trim() === "" ? undefined : checkNumberField(text, field, { min: 1, integer: true }));
  const fromCheck = weekCheck(weeks.from, "From week");
  const toCheck = weekCheck(weeks.to, "To week");
  const weeksValid = (!fromCheck || fromCheck.ok) && (!toCheck || toCheck.ok);
  const query = () => ({ ...(fromCheck?.ok ? { from: fromCheck.value } : {}), ...(toCheck?.ok ? { to: toCheck.value } : {}) });

  useEffect(() => {
    if (!client) return;
    const controller = new AbortController();
    client
      .call("me", {}, { signal: controller.signal })
      .then((me) => setRole(me.role))
      .catch(() => setRole(undefined));
    return () => controller.abort();
  }, [client]);

  const write = () =>
    operation.run("Reading the incentive report", async (step) => {
      const r = await client!.call("readIncentiveReport", { query: query() }, { signal: step.signal });
      step.progress(1, 2, "Writing the incentives sheet");
      await workbook.writeTable(incentiveSheet(r));
      setReport(r);
      const named = r.owners.filter((o) => o.owner !== NO_OWNER).length;
      return {
        intent: "success",
        title: "Incentives written",
        text: `${named} account owners over weeks ${r.window.fromWeek}–${r.window.toWeek}; margin after cost-to-serve ${money(r.totals.marginAfterCts)} (${pct(r.totals.marginAfterCtsPct)} of revenue)${r.plan ? `, incentives ${money(r.totals.incentive)}` : "; no plan is set, so no incentive"}.`,
        actions: goToActions(workbook, [[INCENTIVE_TABLE, "incentives"]], operation.post),
      };
    });

  const editPlan = () =>
    operation.run("Reading the incentive plan", async () => {
      const [stored, r] = await Promise.all([client!.call("readIncentivePlan", {}), report ? Promise.resolve(report) : client!.call("readIncentiveReport", { query: query() })]);
      setReport(r);
      const segments = [...new Set([...r.segments.map((s) => s.segment), ...(stored.plan?.floors.map((f) => f.segment) ?? [])])].sort();
      const floorOf = new Map(stored.plan?.floors.map((f) => [f.segment, f.minMarginPct]) ?? []);
      setTexts({ share: stored.plan ? typed(stored.plan.share) : "", floors: Object.fromEntries(segments.map((s) => [s, floorOf.has(s) ? typed(floorOf.get(s)!) : ""])) });
    });

  const checked = texts ? checkPlan(texts) : undefined;
  const save = () =>
    operation.run("Saving the incentive plan", async (step) => {
      const saved = await client!.call("putIncentivePlan", { body: checked!.plan! }, { signal: step.signal });
      step.progress(1, 2, "Reading the incentive report");
      const r = await client!.call("readIncentiveReport", { query: query() }, { signal: step.signal });
      await workbook.writeTable(incentiveSheet(r));
      setReport(r);
      return {
        intent: "success",
        title: "Plan saved",
        text: `${pct(saved.plan!.share)} of margin after cost-to-serve, ${saved.plan!.floors.length} segment floor${saved.plan!.floors.length === 1 ? "" : "s"}; the incentives sheet is rewritten under it.`,
        actions: goToActions(workbook, [[INCENTIVE_TABLE, "incentives"]], operation.post),
      };
    });

  const mayEdit = role !== undefined && PLAN_ROLES.includes(role);
  return (
    <section aria-labelledby="incentives-heading">
      <h3 id="incentives-heading">Incentives</h3>
      {!client ? (
        <Text size={200}>Sign in under Settings to read the incentives per account owner.</Text>
      ) : (
        <>
          <Text block size={200}>
            Per account owner: revenue, gross margin, cost-to-serve at the stored activity rates, margin after cost-to-serve and the incentive under finance&apos;s plan. Written to the sheet {INCENTIVE_TABLE} for the
            compensation process.
          </Text>
          <div className="tl-row">
            <TextField label="From week" value={weeks.from} onChange={(v) => setWeeks({ ...weeks, from: v })} hint="blank: the first week" validation={problemOf(fromCheck)} />
            <TextField label="To week" value={weeks.to} onChange={(v) => setWeeks({ ...weeks, to: v })} hint="blank: the last week" validation={problemOf(toCheck)} />
          </div>
          <div className="tl-actions">
            <Button onClick={() => void write()} disabled={operation.busy || !weeksValid}>
              Write incentives
            </Button>
            {mayEdit && !texts && (
              <Button onClick={() => void editPlan()} disabled={operation.busy}>
                Set the plan
              </Button>
            )}
          </div>
        </>
      )}
      {texts && checked && (
        <div role="group" aria-label="Incentive plan">
          <TextField label="Share of margin after cost-to-serve" value={texts.share} onChange={(v) => setTexts({ ...texts, share: v })} hint="what an owner earns, e.g. 3%" validation={problemOf(checked.share)} />
          <Text block size={200}>
            Floor per customer segment: an account whose margin after cost-to-serve is below it, as a share of its revenue, earns nothing. Leave blank for no floor.
          </Text>
          {checked.floors.map((f) => (
            <TextField
              key={f.segment}
              label={`Floor of ${f.segment}`}
              value={f.text}
              onChange={(v) => setTexts({ ...texts, floors: { ...texts.floors, [f.segment]: v } })}
              hint="e.g. 5%"
              validation={problemOf(f.check)}
            />
          ))}
          <div className="tl-actions">
            <Button appearance="primary" onClick={() => void save()} disabled={operation.busy || !checked.plan || !weeksValid}>
              Save the plan
            </Button>
          </div>
        </div>
      )}
      <OperationStatus operation={operation} />
      {report && (
        <>
          {report.notes.map((n) => (
            <Text key={n} block size={200}>
              {n}
            </Text>
          ))}
          <Table size="extra-small" aria-label="Incentives by owner">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: "34%" }}>Owner</TableHeaderCell>
                <TableHeaderCell style={{ width: "24%" }}>Margin after CTS</TableHeaderCell>
                <TableHeaderCell style={{ width: "18%" }}>% of revenue</TableHeaderCell>
                <TableHeaderCell style={{ width: "24%" }}>Incentive</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.owners.map((o) => (
                <TableRow key={o.owner}>
                  <TableCell>
                    {o.owner}
                    {o.belowFloor > 0 ? ` (${o.belowFloor} below floor)` : ""}
                  </TableCell>
                  <TableCell>{money(o.marginAfterCts)}</TableCell>
                  <TableCell>{pct(o.marginAfterCtsPct)}</TableCell>
                  <TableCell>{money(o.incentive)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
