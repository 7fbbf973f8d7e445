import { Button, Field, Input } from "@fluentui/react-components";
import { useId, useState } from "react";
import type { BreachResponse } from "../../../../../shared/src/api";
import { useGovernanceStyles } from "./styles";

/** Two weeks out: the default due date of a new corrective action, as YYYY-MM-DD. */
export function defaultDueDate(now = new Date()): string {
  const d = new Date(now.getTime() + 14 * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export interface NewAction {
  title: string;
  owner: string;
  dueDate: string;
}

/** Checked as typed, with the same limits the route holds (createActionSchema), so a 422 is rare. */
export function actionProblems(a: NewAction): Partial<Record<keyof NewAction, string>> {
  const problems: Partial<Record<keyof NewAction, string>> = {};
  if (!a.title.trim()) problems.title = "Say what will be done.";
  else if (a.title.trim().length > 300) problems.title = "At most 300 characters.";
  if (!a.owner.trim()) problems.owner = "Name who owns it.";
  else if (a.owner.trim().length > 200) problems.owner = "At most 200 characters.";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.dueDate) || Number.isNaN(Date.parse(a.dueDate))) problems.dueDate = "Pick a date.";
  return problems;
}

/** Title, owner (the breach's owner to start with) and due date of a corrective action linked to one breach. */
export function ActionForm({ breach, label, busy, onCreate, onCancel }: { breach: BreachResponse; label: string; busy: boolean; onCreate: (a: NewAction) => void; onCancel: () => void }) {
  const styles = useGovernanceStyles();
  const ids = { title: useId(), owner: useId(), due: useId() };
  const [value, setValue] = useState<NewAction>({ title: "", owner: breach.owner, dueDate: defaultDueDate() });
  const [tried, setTried] = useState(false);
  const problems = actionProblems(value);
  const show = (k: keyof NewAction) => (tried || (k !== "title" && value[k] !== "") ? problems[k] : undefined);
  const set = (k: keyof NewAction) => (_: unknown, d: { value: string }) => setValue((v) => ({ ...v, [k]: d.value }));
  return (
    <form
      className={styles.form}
      aria-label={`New corrective action for ${label}`}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(problems).length === 0) onCreate({ title: value.title.trim(), owner: value.owner.trim(), dueDate: value.dueDate });
      }}
    >
      <Field label="Action" validationMessage={show("title")} validationState={show("title") ? "error" : "none"}>
        <Input id={ids.title} value={value.title} onChange={set("title")} placeholder="e.g. raise safety stock on the top items" />
      </Field>
      <Field label="Owner" validationMessage={show("owner")} validationState={show("owner") ? "error" : "none"}>
        <Input id={ids.owner} value={value.owner} onChange={set("owner")} />
      </Field>
      <Field label="Due date" validationMessage={show("dueDate")} validationState={show("dueDate") ? "error" : "none"}>
        <Input id={ids.due} type="date" value={value.dueDate} onChange={set("dueDate")} />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" size="small" disabled={busy}>
          Create action
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
