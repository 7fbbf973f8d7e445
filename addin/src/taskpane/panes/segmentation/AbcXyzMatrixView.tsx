import { Button, Dropdown, Field, Option, Text } from "@fluentui/react-components";
import { useState } from "react";
import { cellSegment, formatPercent, formatWhole, matrixSummary, type MatrixSummaryCell } from "./segmentationSummary";

type Show = "items" | "value" | "inventory";

/**
 * The ABC-XYZ matrix: each cell shows its item count on top and what the
 * selector picks below (share of the criterion's value by default, or share of
 * items, or inventory value); row and column totals. A click on a cell asks
 * the parent to filter the table on that segment.
 */
export function AbcXyzMatrixView({
  abc,
  xyz,
  values,
  abcLabels,
  xyzLabels,
  inventory,
  criterion,
  selected,
  onSelect,
}: {
  abc: string[];
  xyz: string[];
  values: number[];
  abcLabels: string[];
  xyzLabels: string[];
  inventory?: number[];
  criterion: string;
  /** the segment the table is filtered on */
  selected: string | undefined;
  onSelect: (segment: string | undefined) => void;
}) {
  const [show, setShow] = useState<Show>("value");
  const m = matrixSummary(
    abc,
    xyz,
    values,
    abcLabels,
    xyzLabels.filter((l) => l !== "-"),
    inventory,
  );
  const below = (c: MatrixSummaryCell) => (show === "value" ? formatPercent(c.valueShare) : show === "items" ? formatPercent(c.itemShare) : formatWhole(c.inventory ?? 0));
  const showOptions: Array<{ value: Show; text: string }> = [
    { value: "value", text: `% of ${criterion}` },
    { value: "items", text: "% of items" },
    ...(inventory ? [{ value: "inventory" as const, text: "Inventory value" }] : []),
  ];
  const heading = (label: string) => (label === "-" ? "None" : label);
  const cell = (c: MatrixSummaryCell, segment: string | undefined, key: string) => {
    const body = (
      <>
        <span className="tl-matrix-count">{formatWhole(c.count)}</span>
        <span className="tl-matrix-sub">{below(c)}</span>
      </>
    );
    if (!segment)
      return (
        <td key={key} className="tl-matrix-total">
          {body}
        </td>
      );
    const active = selected === segment;
    // A share of value colours the cell, so the eye goes where the money is, not where the items crowd.
    const lightness = 100 - Math.min(1, c.valueShare * 2) * 25;
    return (
      <td key={key} style={{ background: active ? "#c7e0f4" : `hsl(4 80% ${lightness}%)` }}>
        <button type="button" className="tl-matrix-cell" aria-pressed={active} title={`Show only the ${segment} rows in the table`} onClick={() => onSelect(active ? undefined : segment)}>
          {/* Read aloud as "AX: 7 items, 58.1 % …": the visible numbers stay in the name, in order. */}
          <span className="tl-sr">{segment}: </span>
          <span className="tl-matrix-count">{formatWhole(c.count)}</span>
          <span className="tl-sr"> items, </span>
          <span className="tl-matrix-sub">{below(c)}</span>
        </button>
      </td>
    );
  };
  return (
    <div>
      <Field label="Under each item count" orientation="horizontal" size="small">
        <Dropdown size="small" value={showOptions.find((o) => o.value === show)?.text} selectedOptions={[show]} onOptionSelect={(_, d) => d.optionValue && setShow(d.optionValue as Show)} style={{ minWidth: 0 }}>
          {showOptions.map((o) => (
            <Option key={o.value} value={o.value}>
              {o.text}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <table className="tl-matrix" aria-label="ABC-XYZ matrix">
        <thead>
          <tr>
            <th scope="col">ABC \ XYZ</th>
            {m.columns.map((c) => (
              <th scope="col" key={c} title={c === "-" ? "No demand in any period" : undefined}>
                {heading(c)}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {m.rows.map((r, i) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {m.cells[i].map((c, j) => cell(c, cellSegment(r, m.columns[j]), m.columns[j]))}
              {cell(m.rowTotals[i], undefined, "total")}
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            {m.columnTotals.map((c, j) => cell(c, undefined, m.columns[j]))}
            {cell(m.total, undefined, "total")}
          </tr>
        </tbody>
      </table>
      <Text as="p" block size={200}>
        Darker cells hold more of the {criterion}. Click a cell to show only its rows in the table.
      </Text>
      {selected && (
        <div className="tl-actions">
          <Button size="small" onClick={() => onSelect(undefined)}>
            Show all rows (the table shows {selected} only)
          </Button>
        </div>
      )}
    </div>
  );
}
