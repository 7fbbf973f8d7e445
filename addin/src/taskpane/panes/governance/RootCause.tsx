import { Button } from "@fluentui/react-components";
import { useState } from "react";
import type { BreachResponse } from "../../../../../shared/src/api";
import { rootCauseSections } from "./rootCause";
import { useGovernanceStyles } from "./styles";

/** The "Root cause" expander of a breach: each driver's ranked contributors with their share and the figure behind it. */
export function RootCause({ breach, label }: { breach: BreachResponse; label: string }) {
  const styles = useGovernanceStyles();
  const [open, setOpen] = useState(false);
  const sections = rootCauseSections(breach.kpi, breach.dimension, breach.drivers);
  const id = `cause-${breach.id}`;
  return (
    <div>
      <Button size="small" appearance="secondary" aria-expanded={open} aria-controls={open ? id : undefined} aria-label={`Root cause of ${label}`} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? "▾" : "▸"}</span>&nbsp;Root cause
      </Button>
      {open && (
        <div id={id} data-testid="root-cause">
          {sections.length === 0 && <p className={styles.meta}>The service names no drivers for this breach.</p>}
          {sections.map((s) => (
            <table key={s.title} className={styles.causeTable} aria-label={s.title}>
              <caption className={styles.heading} style={{ textAlign: "left" }}>
                {s.title}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className={styles.causeLabel}>
                    What
                  </th>
                  <th scope="col" className={styles.causeShare}>
                    Share
                  </th>
                  <th scope="col" className={styles.causeFigure}>
                    Figure
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.lines.map((l) => (
                  <tr key={l.label}>
                    <th scope="row" className={styles.causeLabel}>
                      {l.label}
                    </th>
                    <td className={styles.causeShare}>{l.share}</td>
                    <td className={styles.causeFigure}>{l.figure}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      )}
    </div>
  );
}
