import { makeStyles, shorthands, Text, tokens } from "@fluentui/react-components";
import type { ProposalPreview } from "../../../../../shared/src/api";
import { segmentDirection } from "../../../../../shared/src/segmentation/segmentDirection";
import { formatCount } from "../recommendations/format";

/** Beyond this many segments (ABC-XYZ has 9, plus items without demand) a from × to grid no longer fits 350 px: the moves are listed instead. */
const MAX_GRID_LABELS = 10;
/** Moves listed before "and N more" when there is no grid. */
const MOVES_LISTED = 12;

const useStyles = makeStyles({
  summary: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  warnings: { margin: 0, paddingLeft: "18px", color: tokens.colorPaletteDarkOrangeForeground1 },
  grid: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, width: "100%", tableLayout: "fixed" },
  cell: { textAlign: "right", ...shorthands.padding("2px", "4px"), ...shorthands.border("1px", "solid", tokens.colorNeutralStroke2) },
  head: { textAlign: "right", ...shorthands.padding("2px", "4px"), fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  up: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  down: { backgroundColor: tokens.colorPaletteRedBackground1 },
  same: { color: tokens.colorNeutralForeground4 },
  legend: { color: tokens.colorNeutralForeground2 },
  moves: { margin: 0, paddingLeft: "18px" },
});

const NEW = "new";

/** The proposer's view of a preview: how much changes, the warnings, and who moves where. */
export function ProposalPreviewView({ preview, noun }: { preview: ProposalPreview; noun: string }) {
  const styles = useStyles();
  const d = preview.direction;
  return (
    <div data-testid="proposal-preview">
      <Text as="p" block className={styles.summary}>
        {`${formatCount(preview.changes)} of ${formatCount(preview.covered)} ${noun}s would change segment`}
        {preview.covered < preview.population ? ` (the table covers ${formatCount(preview.covered)} of ${formatCount(preview.population)})` : ""}
      </Text>
      {preview.changes > 0 && (
        <Text as="p" block size={200} className={styles.legend}>
          {[d.upgrade && `${formatCount(d.upgrade)} up`, d.downgrade && `${formatCount(d.downgrade)} down`, d.lateral && `${formatCount(d.lateral)} sideways`, d.new && `${formatCount(d.new)} new`]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      )}
      {preview.warnings.length > 0 && (
        <ul className={styles.warnings} aria-label="Warnings">
          {preview.warnings.map((w) => (
            <li key={w}>
              <Text size={200}>{w}</Text>
            </li>
          ))}
        </ul>
      )}
      {preview.transitions.length > 0 && <Transitions preview={preview} />}
    </div>
  );
}

/**
 * Who moves where: a from × to grid when the segments are few (rows: today,
 * columns: proposed; green up, red down), else the moves listed by size.
 */
export function Transitions({ preview }: { preview: ProposalPreview }) {
  const styles = useStyles();
  const from = [...new Set(preview.transitions.map((t) => t.from ?? NEW))].sort(byLabel);
  const to = [...new Set(preview.transitions.map((t) => t.to))].sort(byLabel);
  const shade = (a: string, b: string) => {
    if (a === NEW) return undefined;
    const direction = segmentDirection(a, b);
    return direction === "upgrade" ? styles.up : direction === "downgrade" ? styles.down : undefined;
  };
  if (from.length > MAX_GRID_LABELS || to.length > MAX_GRID_LABELS) {
    const shown = preview.transitions.slice(0, MOVES_LISTED);
    const rest = preview.transitions.slice(MOVES_LISTED).reduce((n, t) => n + t.count, 0);
    return (
      <ul className={styles.moves} aria-label="Moves">
        {shown.map((t) => (
          <li key={`${t.from}>${t.to}`} className={shade(t.from ?? NEW, t.to)}>
            <Text size={200}>{`${t.from ?? "not segmented"} → ${t.to}: ${formatCount(t.count)}`}</Text>
          </li>
        ))}
        {rest > 0 && (
          <li>
            <Text size={200}>{`and ${formatCount(rest)} more in ${formatCount(preview.transitions.length - shown.length)} other moves`}</Text>
          </li>
        )}
      </ul>
    );
  }
  const count = new Map(preview.transitions.map((t) => [`${t.from ?? NEW}>${t.to}`, t.count]));
  return (
    <table className={styles.grid} aria-label="Transition matrix">
      <caption>
        <Text size={200} className={styles.legend}>
          Rows: segment today · columns: proposed
        </Text>
      </caption>
      <thead>
        <tr>
          <th className={styles.head} scope="col">
            <span className={styles.same}>from \ to</span>
          </th>
          {to.map((t) => (
            <th key={t} className={styles.head} scope="col">
              {t}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {from.map((f) => (
          <tr key={f}>
            <th className={styles.head} scope="row">
              {f === NEW ? "new" : f}
            </th>
            {to.map((t) => {
              const n = count.get(`${f}>${t}`);
              return (
                <td key={t} className={`${styles.cell} ${n ? (shade(f, t) ?? "") : styles.same}`}>
                  {n ? formatCount(n) : f === t ? "·" : ""}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const byLabel = (a: string, b: string) => (a === NEW ? 1 : b === NEW ? -1 : a.localeCompare(b, undefined, { numeric: true }));
