import { Button, Field, Text, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import type { SegmentationRun, SegmentationRunPreview } from "../../../../../shared/src/api";
import { DEFAULT_TIER_RULES } from "../../../../../shared/src/segmentation/customerTiers";
import type { ServiceClient } from "../../../api/serviceClient";
import { Choice, MultiChoice, TextField, checkListField, checkNumberField, checkedValue, problemOf } from "../../ui/fields";
import { describeRun } from "../../ui/runWords";
import { useChanged } from "../../ui/useChanged";
import { OperationStatus, useOperation } from "../../ui/useOperation";
import { ProposalPreviewView } from "./ProposalPreview";

type ServiceMethod = "abc-xyz" | "abc" | "xyz" | "customer-tiers" | "hybrid";
type Criterion = "revenue" | "margin" | "units";

const METHODS = [
  { value: "abc-xyz", text: "ABC-XYZ of products" },
  { value: "abc", text: "ABC of products" },
  { value: "xyz", text: "XYZ of products" },
  { value: "customer-tiers", text: "Customer tiers (Key, Core, …)" },
  { value: "hybrid", text: "Hybrid key (e.g. category × class)" },
];
const PARTS = { product: ["abc", "xyz", "category"], customer: ["tier", "region", "channel"] } as const;

/**
 * Segmenting the service's own data (the stored order history, all of the
 * dimension) rather than a workbook table: customer tiers and hybrid keys
 * live only here. Preview first, then propose the same definition.
 */
export function ServiceRunPanel({ client }: { client: ServiceClient | undefined }) {
  const [method, setMethod] = useState<ServiceMethod>("abc-xyz");
  const [criterion, setCriterion] = useState<Criterion>("revenue");
  const [abcCutoffs, setAbcCutoffs] = useState("80%, 95%");
  const [xyzCutoffs, setXyzCutoffs] = useState("0.5, 1.0");
  const [hybridDimension, setHybridDimension] = useState<"product" | "customer">("product");
  const [parts, setParts] = useState<string[]>(["category", "abc"]);
  const [keyMinNps, setKeyMinNps] = useState("");
  const [preview, setPreview] = useState<SegmentationRunPreview | undefined>();
  const [justification, setJustification] = useState("");
  const operation = useOperation();

  const usesAbc = method === "abc" || method === "abc-xyz";
  const usesXyz = method === "xyz" || method === "abc-xyz";
  const checks = {
    abc: usesAbc ? checkListField(abcCutoffs, "ABC cut-offs", { share: true, ascending: true }) : undefined,
    xyz: usesXyz ? checkListField(xyzCutoffs, "XYZ cut-offs", { ascending: true }) : undefined,
    nps: method === "customer-tiers" && keyMinNps.trim() !== "" ? checkNumberField(keyMinNps, "Key accounts' minimum NPS", { min: -100, max: 100 }) : undefined,
  };
  const invalid = Object.values(checks).some((c) => c !== undefined && !c.ok) || (method === "hybrid" && parts.length < 2);
  // A preview answers one definition: any change of input withdraws it.
  if (useChanged([method, criterion, abcCutoffs, xyzCutoffs, hybridDimension, parts.join("|"), keyMinNps]) && preview) setPreview(undefined);

  const definition = (): SegmentationRun => {
    switch (method) {
      case "abc":
        return { method, dimension: "product", criterion, mode: "value", cutoffs: checkedValue(checks.abc!) };
      case "xyz":
        return { method, dimension: "product", cutoffs: checkedValue(checks.xyz!) };
      case "abc-xyz":
        return { method, dimension: "product", criterion, abcCutoffs: checkedValue(checks.abc!), xyzCutoffs: checkedValue(checks.xyz!) };
      case "customer-tiers":
        // Loyalty as a Key criterion: the default rules, the Key rule asking the NPS too.
        return checks.nps ? { method, dimension: "customer", rules: DEFAULT_TIER_RULES.map((r) => (r.label === "Key" ? { ...r, minNps: checkedValue(checks.nps!) } : r)) } : { method, dimension: "customer" };
      case "hybrid":
        return { method, dimension: hybridDimension, parts: parts as Array<(typeof PARTS)[keyof typeof PARTS][number]> };
    }
  };
  const noun = method === "customer-tiers" || (method === "hybrid" && hybridDimension === "customer") ? "customer" : "product";

  const check = () =>
    operation.run("Running on the service (nothing is raised)", async (step) => {
      if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
      setPreview(await client.call("previewSegmentationRun", { body: definition() }, { signal: step.signal }));
    });
  const propose = () =>
    operation.run("Proposing the run", async (step) => {
      if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
      if (justification.trim().length < 3) throw new Error("Justification: say why (at least 3 characters); the approver reads it.");
      const result = await client.call("runSegmentation", { body: { ...definition(), justification: justification.trim() } }, { signal: step.signal });
      setPreview(undefined);
      setJustification("");
      return result.changeRequest
        ? {
            intent: "success",
            title: "Change request raised",
            text: `${result.changes.toLocaleString()} of ${result.proposed.toLocaleString()} ${noun}s would change; the request waits for an approver under Recommendations.`,
          }
        : { intent: "info", title: "Nothing to propose", text: "The run reproduces the current master data." };
    });

  return (
    <div className="tl-pane" data-testid="service-run-panel">
      <Text as="p" block size={200}>
        Classifies every {noun} from the order history the service stores, so the classes are comparable with the master data.
      </Text>
      <Choice label="Run" value={method} options={METHODS} onChange={(v) => setMethod(v as ServiceMethod)} />
      {usesAbc && (
        <>
          <Choice
            label="Ranked by"
            value={criterion}
            options={[
              { value: "revenue", text: "Revenue" },
              { value: "margin", text: "Margin" },
              { value: "units", text: "Units" },
            ]}
            onChange={(v) => setCriterion(v as Criterion)}
          />
          <TextField label="ABC cut-offs" value={abcCutoffs} onChange={setAbcCutoffs} hint="Increasing cumulative value shares, e.g. 80%, 95%." validation={problemOf(checks.abc)} />
        </>
      )}
      {method === "customer-tiers" && (
        <TextField
          label="Key accounts need an NPS of at least"
          value={keyMinNps}
          onChange={setKeyMinNps}
          placeholder="not used"
          hint="From the customer-feedback import (−100 to 100). Leave blank to tier on revenue and margin alone; a customer whose NPS was never measured does not qualify."
          validation={problemOf(checks.nps)}
        />
      )}
      {usesXyz && <TextField label="XYZ cut-offs" value={xyzCutoffs} onChange={setXyzCutoffs} hint="Increasing coefficient of variation limits, e.g. 0.5, 1.0." validation={problemOf(checks.xyz)} />}
      {method === "hybrid" && (
        <>
          <Choice
            label="Key of"
            value={hybridDimension}
            options={[
              { value: "product", text: "Products" },
              { value: "customer", text: "Customers" },
            ]}
            onChange={(v) => {
              const d = v === "customer" ? "customer" : "product";
              setHybridDimension(d);
              setParts(d === "customer" ? ["tier", "region"] : ["category", "abc"]);
            }}
          />
          <MultiChoice
            label="Key parts, in order"
            values={parts}
            options={[...PARTS[hybridDimension]]}
            ordered
            onChange={setParts}
            hint="At least two; the policy table must cover every key (a row for AX serves Fasteners|AX)."
          />
        </>
      )}
      <div className="tl-actions">
        <Button onClick={() => void check()} disabled={!client || operation.busy || invalid}>
          Preview the run
        </Button>
      </div>
      {preview && (
        <>
          <Text as="p" block size={200} data-testid="run-provenance">
            {describeRun(preview.run).join(" · ")}
          </Text>
          <ProposalPreviewView preview={preview} noun={noun} />
          <Field label="Justification" required>
            <Textarea value={justification} onChange={(_, d) => setJustification(d.value)} />
          </Field>
          <div className="tl-actions">
            <Button appearance="primary" onClick={() => void propose()} disabled={!client || operation.busy || preview.blocked}>
              Propose the run
            </Button>
          </div>
        </>
      )}
      <OperationStatus operation={operation} />
    </div>
  );
}
