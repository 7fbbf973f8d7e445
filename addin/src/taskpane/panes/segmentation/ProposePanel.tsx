import { Button, Field, Text, Textarea } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Dimension, ProposalPreview } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import { previewRun, proposeRun, type ProposableRun } from "../../runs/proposeRun";
import { Choice } from "../../ui/fields";
import { describeRun } from "../../ui/runWords";
import { OperationStatus, useOperation } from "../../ui/useOperation";
import { ProposalPreviewView } from "./ProposalPreview";

const DIMENSIONS: Dimension[] = ["product", "customer", "supplier", "region"];

/**
 * Proposing a workbook run as master data: the service first says what it
 * would change (who moves where, how much of the dimension the table covers,
 * uncovered policy keys, tiny segments, a pending duplicate); the request
 * then carries how the run was made. Feedback stays under the button.
 */
export function ProposePanel({ client, outcome, dimension, onDimension }: { client: ServiceClient | undefined; outcome: ProposableRun; dimension: Dimension; onDimension: (d: Dimension) => void }) {
  // A preview belongs to one run and one dimension: kept with them, so a new run or another dimension shows none until asked again.
  const [previewed, setPreviewed] = useState<{ outcome: ProposableRun; dimension: Dimension; preview: ProposalPreview } | undefined>();
  const preview = previewed?.outcome === outcome && previewed.dimension === dimension ? previewed.preview : undefined;
  const setPreview = (p: ProposalPreview | undefined) => setPreviewed(p && { outcome, dimension, preview: p });
  const [justification, setJustification] = useState("");
  const operation = useOperation();
  const { run } = operation;

  useEffect(() => {
    if (!client) return;
    void run("Checking against the master data", async (step) => {
      const p = await previewRun(client, dimension, outcome, step.signal);
      setPreviewed({ outcome, dimension, preview: p });
    });
  }, [client, outcome, dimension, run]);

  const propose = () =>
    run("Proposing the segments", async (step) => {
      if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
      const request = await proposeRun(client, dimension, outcome, justification, step.signal);
      setJustification("");
      setPreview(undefined);
      return {
        intent: "success",
        title: "Change request raised",
        text: `${request.size.toLocaleString()} ${dimension} change${request.size === 1 ? "" : "s"} wait for an approver under Recommendations (request ${request.id.slice(0, 8)}).`,
      };
    });

  return (
    <div className="tl-pane" data-testid="propose-panel">
      <h3>Propose to the service</h3>
      <Text as="p" block size={200}>
        Raises a change request; nothing changes until an approver applies it.
      </Text>
      <Choice label="Dimension" value={dimension} options={DIMENSIONS} onChange={(v) => onDimension(v as Dimension)} />
      {outcome.run && (
        <Text as="p" block size={200} data-testid="run-provenance">
          {describeRun(outcome.run).join(" · ")}
        </Text>
      )}
      {preview && <ProposalPreviewView preview={preview} noun={dimension} />}
      <Field label="Justification" required>
        <Textarea value={justification} onChange={(_, d) => setJustification(d.value)} />
      </Field>
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void propose()} disabled={!client || operation.busy || !preview || preview.blocked}>
          Propose as change request
        </Button>
        <Button
          onClick={() =>
            void run("Checking against the master data", async (step) => {
              if (client) setPreview(await previewRun(client, dimension, outcome, step.signal));
            })
          }
          disabled={!client || operation.busy}
        >
          Check again
        </Button>
      </div>
      {preview?.blocked && <Text size={200}>{preview.changes === 0 ? "Nothing to propose." : "Resolve the warnings above to propose."}</Text>}
      <OperationStatus operation={operation} />
    </div>
  );
}
