import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { ServiceClient } from "../../../api/serviceClient";
import { Choice, TextField, checkNumberField, checkShareField, checkedValue, problemOf } from "../../ui/fields";
import { OperationStatus, useOperation } from "../../ui/useOperation";
import { generatedMessage } from "./generatedWords";
import { runJob } from "../../runs/runJob";

/**
 * Reclassification on the service: the thresholds that decide when drift is
 * real (period length, periods in a row, margin past the boundary) and who
 * recommends (the rule, the trained model, or both). What it raises waits for
 * an approver like any other request.
 */
export function ReclassificationPanel({ client }: { client: ServiceClient | undefined }) {
  const [dimension, setDimension] = useState<"product" | "customer">("product");
  const [periodWeeks, setPeriodWeeks] = useState("4");
  const [consecutive, setConsecutive] = useState("3");
  const [margin, setMargin] = useState("25%");
  const [source, setSource] = useState<"rule" | "model" | "both">("rule");
  const operation = useOperation();

  const checks = {
    periodWeeks: checkNumberField(periodWeeks, "Weeks per period", { min: 1, max: 26, integer: true }),
    consecutive: checkNumberField(consecutive, "Periods in a row", { min: 1, max: 12, integer: true }),
    margin: checkShareField(margin, "Margin past the boundary"),
  };
  const invalid = Object.values(checks).some((c) => !c.ok);

  const generate = () =>
    operation.run("Generating recommendations", async (step) => {
      if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
      // A job on the service: progress shows here, Cancel stops it there, and no request is held open.
      const result = await runJob(
        client,
        "generateRecommendations",
        { dimension, source, periodWeeks: checkedValue(checks.periodWeeks), consecutivePeriods: checkedValue(checks.consecutive), margin: checkedValue(checks.margin) },
        step,
      );
      return generatedMessage(result, dimension);
    });

  return (
    <div className="tl-pane" data-testid="reclassification-panel">
      <Text as="p" block size={200}>
        Recommends segment changes where the order history has moved past a class boundary for long enough. Each becomes a request an approver decides.
      </Text>
      <Choice
        label="For"
        value={dimension}
        options={[
          { value: "product", text: "Products" },
          { value: "customer", text: "Customers" },
        ]}
        onChange={(v) => setDimension(v === "customer" ? "customer" : "product")}
      />
      <Choice
        label="Recommended by"
        value={source}
        options={[
          { value: "rule", text: "The rule (thresholds below)" },
          { value: "model", text: "The trained model" },
          { value: "both", text: "Both, merged per entity" },
        ]}
        onChange={(v) => setSource(v as "rule" | "model" | "both")}
      />
      <TextField label="Weeks per period" value={periodWeeks} onChange={setPeriodWeeks} hint="The rule compares period with period." validation={problemOf(checks.periodWeeks)} />
      <TextField label="Periods in a row" value={consecutive} onChange={setConsecutive} hint="How long the move must last before it is recommended." validation={problemOf(checks.consecutive)} />
      <TextField label="Margin past the boundary" value={margin} onChange={setMargin} hint="How far past the class boundary, e.g. 25%: smaller raises more, and more noise." validation={problemOf(checks.margin)} />
      <div className="tl-actions">
        <Button onClick={() => void generate()} disabled={!client || operation.busy || invalid}>
          Generate recommendations
        </Button>
      </div>
      <OperationStatus operation={operation} />
    </div>
  );
}
