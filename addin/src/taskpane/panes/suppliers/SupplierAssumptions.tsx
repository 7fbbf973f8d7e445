import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { ServiceClient } from "../../../api/serviceClient";
import { TextField } from "../../ui/fields";
import type { Operation } from "../../ui/useOperation";
import { CLASSES, SHARE_FIELDS, checkAssumptions, textsOf, type AssumptionTexts } from "./assumptionFields";

/**
 * The scorecard weights per segment class and the sourcing thresholds, as
 * the service stores them: read when opened, saved for everyone (audited).
 * Scores and recommendations use them from the next request on.
 */
export function SupplierAssumptions({ client, operation, onSaved }: { client: ServiceClient; operation: Operation; onSaved: () => void }) {
  const [texts, setTexts] = useState<AssumptionTexts | undefined>();
  const [by, setBy] = useState<string | null>(null);
  const load = () =>
    operation.run("Reading the scoring assumptions", async () => {
      const s = await client.call("readSupplierSettings", {});
      setTexts(textsOf(s));
      setBy(s.updatedBy ? `${s.updatedBy}, ${s.updatedAt?.slice(0, 10)}` : null);
    });
  const checked = texts ? checkAssumptions(texts) : undefined;
  const save = () =>
    operation.run("Saving the scoring assumptions", async () => {
      const s = await client.call("putSupplierSettings", { body: checked!.settings! });
      setTexts(textsOf(s));
      setBy(`${s.updatedBy}, ${s.updatedAt?.slice(0, 10)}`);
      onSaved();
      return { intent: "success", title: "Assumptions saved", text: "Score suppliers and recommend sourcing again to see their effect." };
    });
  const edit = (update: (t: AssumptionTexts) => AssumptionTexts) => setTexts((t) => (t ? update(t) : t));

  return (
    <Accordion collapsible onToggle={(_, data) => data.openItems.includes("assumptions") && !texts && void load()}>
      <AccordionItem value="assumptions">
        <AccordionHeader>Scoring assumptions</AccordionHeader>
        <AccordionPanel>
          {texts && checked && (
            <>
              <Text block size={200}>
                Weights by the product segment&apos;s ABC letter: on time / quality / lead time / lead-time variability (any scale, e.g. 40/20/10/30). {by ? `Last saved by ${by}.` : "These are the defaults."}
              </Text>
              {CLASSES.map((c) => (
                <TextField
                  key={c}
                  label={c === "other" ? "Other segments" : `${c} segments`}
                  value={texts.weights[c]}
                  onChange={(v) => edit((t) => ({ ...t, weights: { ...t.weights, [c]: v } }))}
                  validation={checked.problems[`weights.${c}`]}
                />
              ))}
              {SHARE_FIELDS.map(([k, label]) => (
                <TextField key={k} label={label} value={texts.shares[k]} onChange={(v) => edit((t) => ({ ...t, shares: { ...t.shares, [k]: v } }))} validation={checked.problems[k]} />
              ))}
              <TextField
                label="Develop when score below"
                value={texts.developmentMaxScore}
                onChange={(v) => edit((t) => ({ ...t, developmentMaxScore: v }))}
                hint="0–100"
                validation={checked.problems.developmentMaxScore}
              />
              <div className="tl-actions">
                <Button onClick={() => void save()} disabled={operation.busy || !checked.settings}>
                  Save assumptions
                </Button>
              </div>
            </>
          )}
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
