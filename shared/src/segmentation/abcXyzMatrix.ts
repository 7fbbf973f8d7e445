import { DomainError } from "../errors";

export interface MatrixCell {
  count: number;
  /** value of the cell's items / value of all items */
  valueShare: number;
  /** items of the cell / all items */
  itemShare: number;
  value: number;
}

export interface AbcXyzMatrix {
  rows: string[];
  columns: string[];
  /** cells[row][column] */
  cells: MatrixCell[][];
  itemCount: number;
  totalValue: number;
}

/**
 * The ABC-XYZ matrix: items counted per (value class, variability class) cell
 * with their share of items and of value. Works for any n × m labels; a class
 * met in the items but missing from the labels is an error naming the item.
 * Negative values count as items but not as value (as in ABC).
 *
 * @example abcXyzMatrix([{ abcClass: "A", xyzClass: "X", value: 10 }], ["A","B","C"], ["X","Y","Z"]).cells[0][0].count // 1
 */
export function abcXyzMatrix(items: ReadonlyArray<{ abcClass: string; xyzClass: string; value: number }>, rowLabels: readonly string[], columnLabels: readonly string[]): AbcXyzMatrix {
  const rowIndex = new Map(rowLabels.map((l, i) => [l, i]));
  const colIndex = new Map(columnLabels.map((l, i) => [l, i]));
  const cells = rowLabels.map(() => columnLabels.map(() => ({ count: 0, valueShare: 0, itemShare: 0, value: 0 })));
  let totalValue = 0;
  items.forEach((item, i) => {
    const r = rowIndex.get(item.abcClass);
    if (r === undefined) throw new DomainError(`items[${i}].abcClass`, `"${item.abcClass}" is not one of ${rowLabels.join(", ")}`);
    const c = colIndex.get(item.xyzClass);
    if (c === undefined) throw new DomainError(`items[${i}].xyzClass`, `"${item.xyzClass}" is not one of ${columnLabels.join(", ")}`);
    const cell = cells[r][c];
    cell.count++;
    if (item.value > 0) {
      cell.value += item.value;
      totalValue += item.value;
    }
  });
  for (const row of cells) {
    for (const cell of row) {
      cell.itemShare = items.length ? cell.count / items.length : 0;
      cell.valueShare = totalValue > 0 ? cell.value / totalValue : 0;
    }
  }
  return { rows: [...rowLabels], columns: [...columnLabels], cells, itemCount: items.length, totalValue };
}
