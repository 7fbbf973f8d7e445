import { Button } from "@fluentui/react-components";
import { useState } from "react";
import type { ServiceClient } from "../../../api/serviceClient";
import { Choice, TextField } from "../../ui/fields";
import type { Operation } from "../../ui/useOperation";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dateProblem = (text: string) => (DAY.test(text.trim()) && !Number.isNaN(Date.parse(`${text.trim()}T00:00:00Z`)) ? undefined : "a date as 2026-12-24");

/**
 * An admin declares a freeze: no master-data version takes effect between the
 * two dates (month-end close, peak season). Days are whole UTC days, the end
 * day included, which is how a committee states a freeze.
 */
export function FreezeWindowForm({ client, operation }: { client: ServiceClient; operation: Operation }) {
  const [dimension, setDimension] = useState("all");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [reason, setReason] = useState("");
  const fromProblem = from ? dateProblem(from) : undefined;
  const toProblem = to ? (dateProblem(to) ?? (from && !fromProblem && to.trim() < from.trim() ? "on or after the first day" : undefined)) : undefined;
  const ready = from && to && !fromProblem && !toProblem && reason.trim().length >= 3;

  const declare = () =>
    operation.run("Declaring the freeze", async () => {
      const startsAt = `${from.trim()}T00:00:00Z`;
      const end = new Date(`${to.trim()}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      await client.call("createFreezeWindow", { body: { ...(dimension === "all" ? {} : { dimension: dimension as "product" | "customer" }), startsAt, endsAt: end.toISOString(), reason: reason.trim() } });
      const what = dimension === "all" ? "segments" : `${dimension} segments`;
      return {
        intent: "success",
        title: "Freeze declared",
        text: `No ${what} change takes effect from ${from.trim()} to ${to.trim()} (whole days, UTC). Requests can still be raised; they are approved after the freeze.`,
      };
    });

  return (
    <div className="tl-pane" role="group" aria-label="Freeze window">
      <div className="tl-row">
        <Choice
          label="Applies to"
          value={dimension}
          options={[
            { value: "all", text: "All segments" },
            { value: "product", text: "Product segments" },
            { value: "customer", text: "Customer segments" },
          ]}
          onChange={setDimension}
        />
        <TextField label="First day" value={from} onChange={setFrom} placeholder="2026-12-24" validation={fromProblem} />
        <TextField label="Last day" value={to} onChange={setTo} placeholder="2027-01-02" validation={toProblem} />
      </div>
      <TextField label="Reason" value={reason} onChange={setReason} hint="e.g. year-end close" />
      <div className="tl-actions">
        <Button onClick={() => void declare()} disabled={!ready || operation.busy}>
          Declare freeze
        </Button>
      </div>
    </div>
  );
}
