import { Button, Field, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Textarea } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { ForecastReview as Review, ForecastReviewLine, ForecastValueAddedReport } from "../../../../../shared/src/api";
import { ServiceError, type ServiceClient } from "../../../api/serviceClient";
import { TextField, checkNumberField, problemOf } from "../../ui/fields";
import { OperationStatus, useOperation } from "../../ui/useOperation";
import { Pager } from "../recommendations/Pager";
import { formatCount, formatPoints, numberFormat } from "../recommendations/format";
import { useGovernanceStyles } from "./styles";

const PAGE = 8;
/** WAPE columns wide enough for "Statistical" and "−10.5 pp" at 350 px. */
const FIGURE = { width: "68px" };
/** Who answers the lines (the service refuses anyone else); planners publish and close. */
const REVIEWER_ROLES = ["sales", "admin"];
const PUBLISHER_ROLES = ["planner", "admin"];

const units = (x: number) => numberFormat(x, { maximumFractionDigits: x < 10 ? 1 : 0 });
const pct = (x: number | null) => (x === null ? "—" : numberFormat(x, { style: "percent", maximumFractionDigits: 1 }));
const signedPct = (x: number) => numberFormat(x, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).replace("-", "\u2212");
const lineKey = (l: Pick<ForecastReviewLine, "productId" | "week">) => `${l.productId}|${l.week}`;
const weeksOf = (r: Pick<Review, "firstWeek" | "lastWeek">) => (r.firstWeek === r.lastWeek ? `week ${r.firstWeek}` : `weeks ${r.firstWeek}–${r.lastWeek}`);

/** What the segment's policy lets sales do, in words, with the range an adjustment may take. */
function limitWords(review: Review, line: ForecastReviewLine): { mayAdjust: boolean; words: string } {
  const limit = review.limits.find((l) => l.segment === line.segment);
  if (!limit || !limit.overrideAllowedBy.includes("sales"))
    return { mayAdjust: false, words: `The policy of ${line.segment} lets ${limit?.overrideAllowedBy.join(", ") ?? "demand planners"} change the forecast, not sales: accept it, or ask them.` };
  if (limit.maxOverridePct === null) return { mayAdjust: true, words: `The policy of ${line.segment} sets no limit to an adjustment.` };
  const low = line.statistical * (1 - limit.maxOverridePct);
  const high = line.statistical * (1 + limit.maxOverridePct);
  return { mayAdjust: true, words: `Within ±${pct(limit.maxOverridePct)} of ${units(line.statistical)} (the policy of ${line.segment}): ${units(Math.max(0, low))} to ${units(high)}.` };
}

function lineWords(l: ForecastReviewLine): string {
  const base = `${l.productName ?? l.productId} · ${l.segment}: statistical ${units(l.statistical)}`;
  if (l.status === "adjusted") return `${base} → ${units(l.quantity!)}${l.change === null ? "" : ` (${signedPct(l.change)})`} by ${l.decidedBy}: “${l.assumption}”`;
  if (l.status === "accepted") return `${base}, accepted by ${l.decidedBy}`;
  return `${base}, to answer`;
}

/**
 * The forecast review with sales, in the Governance pane: the open review's
 * lines (statistical forecast per product and week), which sales accept or
 * adjust with an assumption within the segment's override limits; planners
 * publish a review from the newest forecast run and close it; and, once the
 * order history reaches the reviewed weeks, the value the review added per
 * segment (statistical error − reviewed error).
 */
export function ForecastReview({ client }: { client: ServiceClient | undefined }) {
  const styles = useGovernanceStyles();
  const operation = useOperation();
  const { run } = operation;
  const [role, setRole] = useState<string | undefined>();
  const [review, setReview] = useState<Review | null | undefined>();
  const [fva, setFva] = useState<ForecastValueAddedReport | undefined>();
  const [periods, setPeriods] = useState("4");
  const [editing, setEditing] = useState<{ key: string; quantity: string; assumption: string } | undefined>();
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [page, setPage] = useState(0);

  const load = useCallback(
    () =>
      run("Reading the forecast review", async (step) => {
        if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
        const [me, list] = await Promise.all([client.call("me", {}, { signal: step.signal }), client.call("listForecastReviews", {}, { signal: step.signal })]);
        setRole(me.role);
        const current = list.reviews.find((r) => r.status === "open") ?? list.reviews[0];
        setReview(current ? await client.call("readForecastReview", { params: { id: current.id } }, { signal: step.signal }) : null);
        setFva(undefined);
      }),
    [client, run],
  );

  useEffect(() => {
    if (client) void load();
  }, [client, load]);

  const periodsCheck = checkNumberField(periods, "Weeks to review", { min: 1, max: 52, integer: true });
  const mayAnswer = role !== undefined && REVIEWER_ROLES.includes(role) && review?.status === "open";
  const mayPublish = role !== undefined && PUBLISHER_ROLES.includes(role);

  const publish = () =>
    run("Publishing the forecast review", async (step) => {
      if (!periodsCheck.ok) return;
      const made = await client!.call("publishForecastReview", { body: { periods: periodsCheck.value } }, { signal: step.signal });
      setReview(made);
      setFva(undefined);
      return { intent: "success", title: "Review published", text: `${formatCount(made.lines)} lines of ${made.segments.join(", ")} for ${weeksOf(made)}, from forecast run ${made.runVersion}. Sales answer them here.` };
    });

  const close = () =>
    run("Closing the forecast review", async (step) => {
      const closed = await client!.call("closeForecastReview", { params: { id: review!.id } }, { signal: step.signal });
      setReview(closed);
      return {
        intent: "success",
        title: "Review closed",
        text: `${formatCount(closed.adjusted)} adjusted, ${formatCount(closed.accepted)} accepted, ${formatCount(closed.pending)} left at the statistical figure. The slow-mover reorder points now use this forecast.`,
      };
    });

  const decide = (line: ForecastReviewLine, body: { action: "accept" } | { action: "adjust"; quantity: number; assumption: string }) =>
    run(body.action === "accept" ? "Accepting the line" : "Saving the adjustment", async (step) => {
      try {
        const next = await client!.call("decideForecastReviewLine", { params: { id: review!.id, productId: line.productId, week: line.week }, body: { ...body, expectedVersion: line.version } }, { signal: step.signal });
        setReview(next);
        setEditing(undefined);
        const saved = next.items.find((l) => lineKey(l) === lineKey(line))!;
        return { intent: "success", title: body.action === "accept" ? "Line accepted" : "Adjustment saved", text: `${line.productId} week ${line.week}: ${lineWords(saved)}.` };
      } catch (error) {
        // Someone else answered first, or the limit refused it: show the lines as they are now.
        const fresh = await client!.call("readForecastReview", { params: { id: review!.id } }).catch(() => undefined);
        if (fresh) setReview(fresh);
        if (!(error instanceof ServiceError) || ![403, 409, 422].includes(error.status as number)) throw error;
        // The service names the line and the limit; the request field it checked means nothing to sales.
        const words = error.message.replace(/body\.quantity: /g, "");
        if (error.status === 409) return { intent: "warning", title: "Answered meanwhile", text: words };
        return { intent: "error", title: body.action === "adjust" ? "Adjustment refused" : "Not allowed", text: words };
      }
    });

  const measure = () =>
    run("Measuring the value the review added", async (step) => {
      // The review may have closed since it was read: show it as it is with its figures.
      const [now, report] = await Promise.all([
        client!.call("readForecastReview", { params: { id: review!.id } }, { signal: step.signal }),
        client!.call("readForecastValueAdded", { params: { id: review!.id } }, { signal: step.signal }),
      ]);
      setReview(now);
      setFva(report);
    });

  const shown = review ? review.items.filter((l) => !onlyOpen || l.status === "pending") : [];
  const editLine = editing && review?.items.find((l) => lineKey(l) === editing.key);
  const quantityCheck = editing ? checkNumberField(editing.quantity, "Quantity", { min: 0 }) : undefined;
  const assumptionProblem = editing && editing.assumption.trim().length < 3 ? "Say what the adjustment assumes (at least 3 characters)." : undefined;

  return (
    <div data-testid="forecast-review">
      <Text size={200} className={styles.summary}>
        Sales review the statistical forecast of the segments whose policy asks for it: accept each week, or adjust it with the assumption behind it, within the segment&apos;s override limit.
      </Text>
      <OperationStatus operation={operation} />
      {review === null && (
        <Text size={200} className={styles.summary}>
          {mayPublish ? "No forecast review yet. Publish one from the newest forecast run." : "No forecast review is open. A planner publishes one from the newest forecast run."}
        </Text>
      )}
      {mayPublish && review?.status !== "open" && review !== undefined && (
        <div className={styles.form}>
          <TextField label="Weeks to review" value={periods} onChange={setPeriods} validation={problemOf(periodsCheck)} hint="The weeks after the run's history, at most its horizon." />
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={!periodsCheck.ok || operation.busy} onClick={() => void publish()}>
              Publish review
            </Button>
          </div>
        </div>
      )}
      {review && (
        <>
          <Text size={200} className={styles.summary} data-testid="review-summary">
            {`${review.status === "open" ? "Open" : "Closed"} review of ${weeksOf(review)} (forecast run ${review.runVersion}), ${review.segments.join(", ")}: ${formatCount(review.lines)} lines, ${formatCount(review.accepted)} accepted, ${formatCount(review.adjusted)} adjusted, ${formatCount(review.pending)} to answer.`}
            {review.status === "closed" ? ` Closed by ${review.closedBy}; its outcome is the forecast the slow-mover reorder points use.` : ""}
          </Text>
          <div className={styles.buttons}>
            <Button
              size="small"
              onClick={() => {
                setOnlyOpen(!onlyOpen);
                setPage(0);
              }}
            >
              {onlyOpen ? "Show all lines" : "Show lines to answer"}
            </Button>
            {mayPublish && review.status === "open" && (
              <Button size="small" disabled={operation.busy} onClick={() => void close()}>
                Close review
              </Button>
            )}
            <Button size="small" disabled={operation.busy} onClick={() => void measure()}>
              Measure value added
            </Button>
          </div>
          {shown.length === 0 && (
            <Text size={200} className={styles.summary}>
              {onlyOpen ? "Every line is answered." : "The review has no lines."}
            </Text>
          )}
          <ul className={styles.list} aria-label="Review lines">
            {shown.slice(page * PAGE, (page + 1) * PAGE).map((l) => {
              const key = lineKey(l);
              const limit = limitWords(review, l);
              return (
                <li key={key} className={styles.suggestion}>
                  <Text weight="semibold">{`${l.productId} · week ${l.week}`}</Text>
                  <Text size={200} className={styles.meta}>
                    {lineWords(l)}
                  </Text>
                  {mayAnswer && editing?.key !== key && (
                    <div className={styles.buttons}>
                      <Button size="small" aria-label={`Accept ${l.productId} week ${l.week}`} disabled={operation.busy} onClick={() => void decide(l, { action: "accept" })}>
                        Accept
                      </Button>
                      <Button
                        size="small"
                        aria-label={`Adjust ${l.productId} week ${l.week}`}
                        disabled={operation.busy}
                        onClick={() => setEditing({ key, quantity: String(Math.round((l.quantity ?? l.statistical) * 10) / 10), assumption: l.assumption ?? "" })}
                      >
                        Adjust
                      </Button>
                    </div>
                  )}
                  {mayAnswer && editing?.key === key && editLine && (
                    <div className={styles.form}>
                      <Text size={200} className={styles.meta}>
                        {limit.words}
                      </Text>
                      <TextField label="Quantity" value={editing.quantity} onChange={(v) => setEditing({ ...editing, quantity: v })} validation={problemOf(quantityCheck)} />
                      <Field
                        label="Assumption"
                        validationMessage={assumptionProblem}
                        validationState={assumptionProblem ? "error" : "none"}
                        hint="What sales know that the history does not: a promotion, a tender, a lost listing."
                      >
                        <Textarea value={editing.assumption} onChange={(_, d) => setEditing({ ...editing, assumption: d.value })} />
                      </Field>
                      <div className={styles.buttons}>
                        <Button
                          appearance="primary"
                          size="small"
                          disabled={operation.busy || !quantityCheck?.ok || assumptionProblem !== undefined}
                          onClick={() => quantityCheck?.ok && void decide(editLine, { action: "adjust", quantity: quantityCheck.value, assumption: editing.assumption.trim() })}
                        >
                          Save adjustment
                        </Button>
                        <Button size="small" onClick={() => setEditing(undefined)}>
                          Cancel
                        </Button>
                      </div>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
          <Pager what="the review lines" page={page} size={PAGE} total={shown.length} onPage={setPage} />
          {fva && fva.reviewId === review.id && <ValueAdded report={fva} />}
        </>
      )}
    </div>
  );
}

/** FVA per segment: WAPE of the statistical and the reviewed forecast over the weeks with actuals, and the difference. */
function ValueAdded({ report }: { report: ForecastValueAddedReport }) {
  const styles = useGovernanceStyles();
  return (
    <div data-testid="forecast-value-added">
      <Text as="h3" className={styles.heading}>
        Value added by the review
      </Text>
      {report.measuredWeeks && (
        <Table size="small" aria-label="Forecast value added by segment" className={styles.causeTable}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.causeLabel}>Segment</TableHeaderCell>
              <TableHeaderCell className={styles.causeShare} style={FIGURE}>
                Statistical
              </TableHeaderCell>
              <TableHeaderCell className={styles.causeShare} style={FIGURE}>
                Reviewed
              </TableHeaderCell>
              <TableHeaderCell className={styles.causeShare} style={FIGURE}>
                FVA
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.segments.map((s) => (
              <TableRow key={s.segment}>
                <TableCell className={styles.causeLabel}>{`${s.segment} (${formatCount(s.adjusted)} of ${formatCount(s.lines)} adjusted)`}</TableCell>
                <TableCell className={styles.causeShare}>{pct(s.statisticalWape)}</TableCell>
                <TableCell className={styles.causeShare}>{pct(s.reviewedWape)}</TableCell>
                <TableCell className={`${styles.causeShare} ${s.fvaWape === null || s.fvaWape === 0 ? "" : s.fvaWape > 0 ? styles.good : styles.bad}`}>{s.fvaWape === null ? "—" : formatPoints(s.fvaWape)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {report.measuredWeeks && (
        <Text size={200} className={styles.summary}>
          WAPE over weeks {report.measuredWeeks.from}–{report.measuredWeeks.to}; FVA is the statistical WAPE minus the reviewed one: above 0 the review helped.
        </Text>
      )}
      {report.notes.map((n) => (
        <Text key={n} size={200} className={styles.summary}>
          {n}
        </Text>
      ))}
    </div>
  );
}
