import { DomainError } from "../errors";
import { createRng } from "../random";
import { mustBe } from "../validation";

/**
 * A seeded stratified hold-out split: within each class the members are
 * shuffled (Fisher–Yates through `createRng(seed)`) and the first
 * round(fraction · size) go to the hold-out, so every class keeps its share in
 * both parts (stratified sampling, Kohavi 1995, "A study of cross-validation
 * and bootstrap for accuracy estimation and model selection", IJCAI, §2). A
 * class with a single member stays in training. The same seed and labels give
 * the same split.
 *
 * @returns sorted indices of the training and hold-out items
 * @throws DomainError (`fraction`) outside (0, 1)
 * @example
 * stratifiedHoldout(["A", "A", "B", "B"], 0.5, 1).holdout.length; // 2
 */
export function stratifiedHoldout(labels: readonly string[], fraction: number, seed: number): { train: number[]; holdout: number[] } {
  if (!(fraction > 0 && fraction < 1)) throw new DomainError("fraction", `${mustBe.probability}, got ${fraction}`, "out_of_range");
  const rng = createRng(seed);
  const byClass = new Map<string, number[]>();
  labels.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
  const train: number[] = [];
  const holdout: number[] = [];
  // Classes in sorted order: the draws do not depend on which class happens to come first.
  for (const label of [...byClass.keys()].sort()) {
    const members = rng.shuffle([...byClass.get(label)!]);
    const take = members.length > 1 ? Math.min(members.length - 1, Math.round(fraction * members.length)) : 0;
    holdout.push(...members.slice(0, take));
    train.push(...members.slice(take));
  }
  return { train: train.sort((a, b) => a - b), holdout: holdout.sort((a, b) => a - b) };
}
