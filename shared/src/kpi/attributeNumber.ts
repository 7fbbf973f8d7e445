/**
 * A number read from imported attributes, which may hold it as a number or as
 * text: blank, non-numeric or non-finite values give the fallback.
 *
 * @example attributeNumber("0.92", 1); // 0.92
 */
export function attributeNumber(value: unknown, fallback: number): number {
  const x = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(x) ? x : fallback;
}
