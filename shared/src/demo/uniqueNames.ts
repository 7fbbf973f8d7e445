import type { Rng } from "../random";

/**
 * `count` distinct names, each one word from every list joined by spaces, in
 * random order. Past the number of combinations the names repeat with a
 * number appended (`Apex Tooling 2`), so they stay unique.
 */
export function uniqueNames(rng: Rng, parts: ReadonlyArray<ReadonlyArray<string>>, count: number): string[] {
  const combinations = parts.reduce((product, list) => product * list.length, 1);
  const order = rng.shuffle(Array.from({ length: combinations }, (_, i) => i));
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let code = order[i % combinations];
    const words: string[] = [];
    for (let p = parts.length - 1; p >= 0; p--) {
      words.unshift(parts[p][code % parts[p].length]);
      code = Math.floor(code / parts[p].length);
    }
    const round = Math.floor(i / combinations);
    names.push(round === 0 ? words.join(" ") : `${words.join(" ")} ${round + 1}`);
  }
  return names;
}
