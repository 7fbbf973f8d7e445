import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { CostDrivers } from "../../../../../shared/src/api";
import type { CaseOutcome, InvestmentCase as CaseResult } from "../../../../../shared/src/cost";
import type { ServiceClient } from "../../../api/serviceClient";
import type { Workbook } from "../../../workbook/workbook";
import { INVESTMENT_TABLE, automationProposal, networkProposalFromSheet, readCostDrivers, runInvestmentCase } from "../../runs/investmentCaseRun";
import { Choice, MultiChoice, TextField, checkNumberField, checkShareField, checkedValue, problemOf } from "../../ui/fields";
import { goToActions } from "../../ui/goToActions";
import { OperationStatus, useOperation } from "../../ui/useOperation";

type Kind = "automation" | "network";
const KINDS = [
  { value: "automation", text: "Automate an activity" },
  { value: "network", text: "From the last network design run" },
];
const money = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
const years = (p: CaseOutcome["paybackYears"]) => (p === "never" ? "never" : `${p.toFixed(1)} years`);
const volume = (change: number) => (change === 0 ? "As planned" : `${change > 0 ? "+" : "−"}${Math.round(Math.abs(change) * 100)} % volume`);

/**
 * An investment case for a cost-to-serve proposal: automating part of an
 * activity (its stored yearly driver volume per segment at the rate in
 * force) or the network change of the last design run; NPV, payback and
 * ±20 % volume, written to a sheet.
 */
export function InvestmentCase({ workbook, client, engine }: { workbook: Workbook; client: ServiceClient | undefined; engine: "service" | "browser" }) {
  const [drivers, setDrivers] = useState<CostDrivers | undefined>();
  const [kind, setKind] = useState<Kind>("automation");
  const [activity, setActivity] = useState("");
  const [segments, setSegments] = useState<string[]>([]);
  const [share, setShare] = useState("60%");
  const [oneOff, setOneOff] = useState("250,000");
  const [running, setRunning] = useState("0");
  const [rateText, setRate] = useState("8%");
  const [horizonText, setHorizon] = useState("5");
  const [outcome, setOutcome] = useState<CaseResult | undefined>();
  const operation = useOperation();
  const { run: runOperation } = operation;

  useEffect(() => {
    if (!client) return;
    void runOperation("Reading the stored cost drivers", async (step) => {
      const found = await readCostDrivers(client, step.signal);
      setDrivers(found);
      // The costliest activity first: where automation has the most to remove.
      const costOf = (a: string) => found.segments.reduce((sum, s) => sum + (s.yearlyCosts[a] ?? 0), 0);
      setActivity((a) => a || [...found.activities].sort((x, y) => costOf(y.activity) - costOf(x.activity))[0]?.activity || "");
      setSegments((s) => (s.length ? s : found.segments.map((x) => x.segment)));
    });
  }, [client, runOperation]);

  const shareRemoved = checkShareField(share, "Share of the volume removed");
  const cost = checkNumberField(oneOff, "One-off cost", { min: 0 });
  const runningCost = checkNumberField(running, "Running cost a year", { min: 0 });
  const rate = checkShareField(rateText, "Discount rate");
  const horizon = checkNumberField(horizonText, "Horizon", { min: 1, max: 50, integer: true });
  const shareProblem = shareRemoved.ok && shareRemoved.value > 1 ? "Share of the volume removed: at most 100 %" : problemOf(shareRemoved);
  const rateProblem = rate.ok && (rate.value < 0 || rate.value > 1) ? "Discount rate: between 0 % and 100 %" : problemOf(rate);
  const ready = kind === "network" || (drivers !== undefined && activity !== "" && segments.length > 0 && shareProblem === undefined);
  const invalid = !ready || !cost.ok || !runningCost.ok || rateProblem !== undefined || !horizon.ok;
  const activityRate = drivers?.activities.find((a) => a.activity === activity);

  const run = () =>
    operation.run("Building the investment case", async (step) => {
      const proposal = kind === "network" ? await networkProposalFromSheet(workbook) : automationProposal(drivers!, activity, checkedValue(shareRemoved), segments);
      const result = await runInvestmentCase(
        workbook,
        client,
        { proposal, oneOffCost: checkedValue(cost), yearlyRunningCost: checkedValue(runningCost), discountRate: checkedValue(rate), horizonYears: checkedValue(horizon), engine },
        step,
      );
      setOutcome(result);
      return {
        intent: result.npv >= 0 ? "success" : "warning",
        title: "Investment case written",
        text: `Saves ${money(result.netYearlySaving)} a year net across ${result.segments.length} segment${result.segments.length === 1 ? "" : "s"}; NPV ${money(result.npv)} at ${(result.discountRate * 100).toFixed(1)} % over ${result.horizonYears} years; pays back in ${years(result.paybackYears)}${result.paysBackWithinHorizon || result.paybackYears === "never" ? "" : ", after the horizon"}.`,
        actions: goToActions(workbook, [[INVESTMENT_TABLE, "investment case"]], operation.post),
      };
    });

  return (
    <section aria-labelledby="investment-heading">
      <h3 id="investment-heading">Investment case</h3>
      <div className="tl-row">
        <Choice label="Proposal" value={kind} options={KINDS} onChange={(v) => setKind(v as Kind)} />
      </div>
      {kind === "automation" &&
        (!client ? (
          <Text size={200}>Sign in under Settings to read each segment&apos;s stored driver volumes and rates.</Text>
        ) : (
          drivers && (
            <div className="tl-row">
              <Choice
                label="Activity"
                value={activity}
                options={drivers.activities.map((a) => a.activity)}
                onChange={setActivity}
                hint={
                  activityRate
                    ? `${activityRate.rate.toLocaleString("en-US", { maximumFractionDigits: 4 })} a unit of ${activityRate.driver.replace(/_/g, " ")} (${drivers.ratesSource.source === "stored" ? "stored rate" : "default rate"})`
                    : undefined
                }
              />
              <MultiChoice label="Segments" values={segments} options={drivers.segments.map((s) => s.segment)} onChange={setSegments} />
              <TextField label="Share of the volume removed" value={share} onChange={setShare} hint="e.g. 60%" validation={shareProblem} />
            </div>
          )
        ))}
      {kind === "network" && <Text size={200}>Uses the cost per segment of today&apos;s and the chosen network from the last run of the Network pane.</Text>}
      <div className="tl-row">
        <TextField label="One-off cost" value={oneOff} onChange={setOneOff} validation={problemOf(cost)} />
        <TextField label="Running cost a year" value={running} onChange={setRunning} hint="licences, maintenance" validation={problemOf(runningCost)} />
        <TextField label="Discount rate" value={rateText} onChange={setRate} hint="a year, e.g. 8%" validation={rateProblem} />
        <TextField label="Horizon (years)" value={horizonText} onChange={setHorizon} validation={problemOf(horizon)} />
      </div>
      <div className="tl-actions">
        <Button onClick={() => void (invalid ? undefined : run())} disabled={operation.busy || invalid}>
          Build investment case
        </Button>
      </div>
      <OperationStatus operation={operation} />
      {outcome && (
        <Table size="extra-small" aria-label="Investment case by volume">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: "30%" }}>Volume</TableHeaderCell>
              <TableHeaderCell>Net saving a year</TableHeaderCell>
              <TableHeaderCell>NPV</TableHeaderCell>
              <TableHeaderCell>Payback</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {outcome.sensitivity.map((o) => (
              <TableRow key={o.volumeChange}>
                <TableCell>{volume(o.volumeChange)}</TableCell>
                <TableCell>{money(o.netYearlySaving)}</TableCell>
                <TableCell>{money(o.npv)}</TableCell>
                <TableCell>{years(o.paybackYears)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
