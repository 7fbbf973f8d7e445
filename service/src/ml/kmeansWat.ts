/**
 * WebAssembly text of one thread's share of a threaded k-means run (issue 24):
 * the same Hamerly passes as shared/src/ml/hamerlyKernel.ts, compiled at run
 * time by wabt for a fixed number of features d (wasmKmeansShard.ts).
 *
 * Why by hand, twice: on 100,000 × 8 overlapping rows at k = 8 the JavaScript
 * kernel spent 15 ms of CPU per full pass and 26 ns per row per pass on the
 * bound checks alone, where scikit-learn's whole pass takes about 3 ms on two
 * threads. Here a full pass over 100,000 × 8 rows takes 2.9 ms at k = 8 and
 * 10.9 ms at k = 32 on one thread (2026-12-04). Two layouts were measured:
 * two centres per 128-bit register (4.7 and 12.4 ms) and, as kept, two rows
 * per register with the rows' coordinates held in registers while the
 * centres stream past, two centres in flight (four: no faster, and more
 * registers than x64 has); bench/results/kmeans-parity-* hold the runs.
 *
 * Bit for bit the JavaScript kernel's numbers: the two 64-bit lanes hold two
 * different rows, never two coordinates of one distance, so each distance is
 * summed coordinate by coordinate, in order, with a separate multiply and add
 * (no fused multiply-add); each lane keeps the first nearest in centre order;
 * bounds, square roots and the clusters' sums are updated in the same order
 * with the same IEEE operations. A run therefore gives the same assignments
 * and centres on either kernel (test/service/wasmKmeansShard.test.ts checks
 * it pass by pass, ties included).
 *
 * Memory (byte addresses passed in by the caller): points m × d float64
 * row-major; centres k × d float64 row-major; labels int32 per row; upper,
 * lower float64 per row; sums k × d and counts k float64; moves and
 * half-separations k float64.
 */

/**
 * Nearest and second-nearest centre of two rows at once, one row per 64-bit lane: leaves in $best,
 * $second (squared distances) and $idx (the nearest's index) lane 0 for the row at `$x0`, lane 1
 * for the row at `$x1`. The rows' coordinates stay in registers while every centre streams past
 * (each coordinate splatted from memory); each lane keeps the first nearest in centre order, as
 * the scalar loop does (strict <, the second-nearest by min).
 */
function nearestTwoOfTwoRows(d: number): string {
  const lines: string[] = [];
  for (let t = 0; t < d; t++) lines.push(`(local.set $xv${t} (v128.load64_lane offset=${8 * t} 1 (local.get $x1) (v128.load64_splat offset=${8 * t} (local.get $x0))))`);
  lines.push(`(local.set $best (f64x2.splat (f64.const inf)))`);
  lines.push(`(local.set $second (f64x2.splat (f64.const inf)))`);
  lines.push(`(local.set $idx (v128.const i64x2 0 0))`);
  lines.push(`(local.set $jv (v128.const i64x2 0 0))`);
  lines.push(`(local.set $c (local.get $centres))`);
  lines.push(`(local.set $left (local.get $k))`);
  // Two centres per step: two independent sums in flight, each kept in centre order.
  const step = (centres: number) => {
    const body: string[] = [];
    for (let g = 0; g < centres; g++) body.push(`(local.set $acc${g} (v128.const i64x2 0 0))`);
    for (let t = 0; t < d; t++)
      for (let g = 0; g < centres; g++) {
        body.push(`(local.set $diff (f64x2.sub (local.get $xv${t}) (v128.load64_splat offset=${8 * (g * d + t)} (local.get $c))))`);
        body.push(`(local.set $acc${g} (f64x2.add (local.get $acc${g}) (f64x2.mul (local.get $diff) (local.get $diff))))`);
      }
    for (let g = 0; g < centres; g++) {
      body.push(`(local.set $lt (f64x2.lt (local.get $acc${g}) (local.get $best)))`);
      body.push(`(local.set $second (v128.bitselect (local.get $best) (f64x2.min (local.get $second) (local.get $acc${g})) (local.get $lt)))`);
      body.push(`(local.set $best (v128.bitselect (local.get $acc${g}) (local.get $best) (local.get $lt)))`);
      body.push(`(local.set $idx (v128.bitselect (local.get $jv) (local.get $idx) (local.get $lt)))`);
      body.push(`(local.set $jv (i64x2.add (local.get $jv) (v128.const i64x2 1 1)))`);
    }
    body.push(`(local.set $c (i32.add (local.get $c) (i32.const ${8 * d * centres})))`);
    body.push(`(local.set $left (i32.sub (local.get $left) (i32.const ${centres})))`);
    return body.join("\n            ");
  };
  lines.push(`(block $pairsDone
          (loop $centrePairs
            (br_if $pairsDone (i32.lt_u (local.get $left) (i32.const 2)))
            ${step(2)}
            (br $centrePairs)))
        (if (local.get $left)
          (then
            ${step(1)}))`);
  return lines.join("\n        ");
}

/** `body` for each t < d, with `${t}` replaced: the coordinates unrolled. */
const eachCoordinate = (d: number, body: (t: number) => string) => Array.from({ length: d }, (_, t) => body(t)).join("\n        ");

const searchLocals = (d: number) => `
    (local $c i32) (local $left i32) (local $x0 i32) (local $x1 i32)
    (local $best v128) (local $second v128) (local $idx v128) (local $jv v128) (local $acc0 v128) (local $acc1 v128) (local $diff v128) (local $lt v128)
    (local $roots v128) (local $seconds v128)
    ${Array.from({ length: d }, (_, t) => `(local $xv${t} v128)`).join(" ")}`;

/**
 * Writes one lane's search result for the row at `$xN` (row number in `row`, label before the
 * search in `before`): its bounds, its label, and when it moved, the clusters' sums and counts.
 */
function settle(lane: 0 | 1, x: string, row: string, before: string, d: number): string {
  const rowBytes = 8 * d;
  return `
        (f64.store (i32.add (local.get $upper) (i32.shl (local.get ${row}) (i32.const 3))) (f64x2.extract_lane ${lane} (local.get $roots)))
        (f64.store (i32.add (local.get $lower) (i32.shl (local.get ${row}) (i32.const 3))) (f64x2.extract_lane ${lane} (local.get $seconds)))
        (local.set $nat (i32.wrap_i64 (i64x2.extract_lane ${lane} (local.get $idx))))
        (if (i32.ne (local.get $nat) (local.get ${before}))
          (then
            (i32.store (i32.add (local.get $labels) (i32.shl (local.get ${row}) (i32.const 2))) (local.get $nat))
            (local.set $changed (i32.add (local.get $changed) (i32.const 1)))
            (local.set $cnt (i32.add (local.get $counts) (i32.shl (local.get ${before}) (i32.const 3))))
            (f64.store (local.get $cnt) (f64.sub (f64.load (local.get $cnt)) (f64.const 1)))
            (local.set $cnt (i32.add (local.get $counts) (i32.shl (local.get $nat) (i32.const 3))))
            (f64.store (local.get $cnt) (f64.add (f64.load (local.get $cnt)) (f64.const 1)))
            (local.set $from (i32.add (local.get $sums) (i32.mul (local.get ${before}) (i32.const ${rowBytes}))))
            (local.set $to (i32.add (local.get $sums) (i32.mul (local.get $nat) (i32.const ${rowBytes}))))
            ${eachCoordinate(d, (t) => `(local.set $v (f64.load offset=${8 * t} (local.get ${x})))\n            (f64.store offset=${8 * t} (local.get $from) (f64.sub (f64.load offset=${8 * t} (local.get $from)) (local.get $v)))\n            (f64.store offset=${8 * t} (local.get $to) (f64.add (f64.load offset=${8 * t} (local.get $to)) (local.get $v)))`)}))`;
}

/** The module for rows of `d` features: exports `memory`, `assign`, `pass` and `inertia`. */
export function kmeansWat(d: number): string {
  const rowBytes = 8 * d;
  return `
(module
  (memory (export "memory") 1)

  ;; Full pass (hamerlyKernel's assignAll), two rows at a time: the caller has zeroed sums and counts.
  ;; An odd last row is searched beside itself and its lane 1 ignored.
  (func (export "assign")
    (param $points i32) (param $count i32) (param $centres i32) (param $k i32)
    (param $labels i32) (param $upper i32) (param $lower i32) (param $sums i32) (param $counts i32)
    (local $r i32) (local $s i32) (local $cnt i32) (local $nat i32) (local $lane i32) (local $x i32)
    ${searchLocals(d)}
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $x0 (i32.add (local.get $points) (i32.mul (local.get $r) (i32.const ${rowBytes}))))
        (local.set $x1 (select (i32.add (local.get $x0) (i32.const ${rowBytes})) (local.get $x0)
          (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $count))))
        ${nearestTwoOfTwoRows(d)}
        (local.set $roots (f64x2.sqrt (local.get $best)))
        (local.set $seconds (f64x2.sqrt (local.get $second)))
        (local.set $lane (i32.const 0))
        (local.set $x (local.get $x0))
        (loop $lanes
          (local.set $nat (i32.wrap_i64 (select (i64x2.extract_lane 1 (local.get $idx)) (i64x2.extract_lane 0 (local.get $idx)) (local.get $lane))))
          (i32.store (i32.add (local.get $labels) (i32.shl (local.get $r) (i32.const 2))) (local.get $nat))
          (f64.store (i32.add (local.get $upper) (i32.shl (local.get $r) (i32.const 3)))
            (select (f64x2.extract_lane 1 (local.get $roots)) (f64x2.extract_lane 0 (local.get $roots)) (local.get $lane)))
          (f64.store (i32.add (local.get $lower) (i32.shl (local.get $r) (i32.const 3)))
            (select (f64x2.extract_lane 1 (local.get $seconds)) (f64x2.extract_lane 0 (local.get $seconds)) (local.get $lane)))
          (local.set $cnt (i32.add (local.get $counts) (i32.shl (local.get $nat) (i32.const 3))))
          (f64.store (local.get $cnt) (f64.add (f64.load (local.get $cnt)) (f64.const 1)))
          (local.set $s (i32.add (local.get $sums) (i32.mul (local.get $nat) (i32.const ${rowBytes}))))
          ${eachCoordinate(d, (t) => `(f64.store offset=${8 * t} (local.get $s) (f64.add (f64.load offset=${8 * t} (local.get $s)) (f64.load offset=${8 * t} (local.get $x))))`)}
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (local.set $x (local.get $x1))
          (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
          (br_if $lanes (i32.and (i32.lt_u (local.get $lane) (i32.const 2)) (i32.lt_u (local.get $r) (local.get $count)))))
        (br $rows))))

  ;; One Hamerly pass (hamerlyKernel's hamerlyPass); returns how many rows changed cluster. A row
  ;; that needs every centre waits for the next such row, and the two are searched together; the
  ;; rows between them are settled by their bounds, which touch no cluster's sums, so the sums still
  ;; change in row order.
  (func (export "pass")
    (param $points i32) (param $count i32) (param $centres i32) (param $k i32)
    (param $labels i32) (param $upper i32) (param $lower i32) (param $sums i32) (param $counts i32)
    (param $moves i32) (param $half i32) (param $largestAt i32) (param $largest f64) (param $secondLargest f64)
    (result i32)
    (local $r i32) (local $x i32) (local $a i32) (local $ua i32) (local $la i32) (local $ca i32) (local $from i32) (local $to i32) (local $cnt i32) (local $changed i32) (local $nat i32)
    (local $waiting i32) (local $waitingLabel i32)
    (local $u f64) (local $l f64) (local $z f64) (local $h f64) (local $own f64) (local $diff1 f64) (local $v f64)
    ${searchLocals(d)}
    (local.set $waiting (i32.const -1))
    (local.set $x (local.get $points))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
        (block $next
          (local.set $a (i32.load (i32.add (local.get $labels) (i32.shl (local.get $r) (i32.const 2)))))
          (local.set $ua (i32.add (local.get $upper) (i32.shl (local.get $r) (i32.const 3))))
          (local.set $la (i32.add (local.get $lower) (i32.shl (local.get $r) (i32.const 3))))
          (local.set $u (f64.add (f64.load (local.get $ua)) (f64.load (i32.add (local.get $moves) (i32.shl (local.get $a) (i32.const 3))))))
          (local.set $l (f64.sub (f64.load (local.get $la))
            (select (local.get $secondLargest) (local.get $largest) (i32.eq (local.get $a) (local.get $largestAt)))))
          (local.set $h (f64.load (i32.add (local.get $half) (i32.shl (local.get $a) (i32.const 3)))))
          (local.set $z (select (local.get $l) (local.get $h) (f64.gt (local.get $l) (local.get $h))))
          (if (f64.le (local.get $u) (local.get $z))
            (then
              (f64.store (local.get $ua) (local.get $u))
              (f64.store (local.get $la) (local.get $l))
              (br $next)))
          ;; tighten the upper bound to the exact distance before searching every centre
          (local.set $ca (i32.add (local.get $centres) (i32.mul (local.get $a) (i32.const ${rowBytes}))))
          (local.set $own (f64.const 0))
          ${eachCoordinate(d, (t) => `(local.set $diff1 (f64.sub (f64.load offset=${8 * t} (local.get $x)) (f64.load offset=${8 * t} (local.get $ca))))\n          (local.set $own (f64.add (local.get $own) (f64.mul (local.get $diff1) (local.get $diff1))))`)}
          (local.set $u (f64.sqrt (local.get $own)))
          (if (f64.le (local.get $u) (local.get $z))
            (then
              (f64.store (local.get $ua) (local.get $u))
              (f64.store (local.get $la) (local.get $l))
              (br $next)))
          (if (i32.lt_s (local.get $waiting) (i32.const 0))
            (then
              (local.set $waiting (local.get $r))
              (local.set $waitingLabel (local.get $a))
              (br $next)))
          (local.set $x0 (i32.add (local.get $points) (i32.mul (local.get $waiting) (i32.const ${rowBytes}))))
          (local.set $x1 (local.get $x))
          ${nearestTwoOfTwoRows(d)}
          (local.set $roots (f64x2.sqrt (local.get $best)))
          (local.set $seconds (f64x2.sqrt (local.get $second)))
          ${settle(0, "$x0", "$waiting", "$waitingLabel", d)}
          ${settle(1, "$x1", "$r", "$a", d)}
          (local.set $waiting (i32.const -1)))
        (local.set $x (i32.add (local.get $x) (i32.const ${rowBytes})))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))
    ;; a last row left waiting is searched beside itself
    (if (i32.ge_s (local.get $waiting) (i32.const 0))
      (then
        (local.set $x0 (i32.add (local.get $points) (i32.mul (local.get $waiting) (i32.const ${rowBytes}))))
        (local.set $x1 (local.get $x0))
        ${nearestTwoOfTwoRows(d)}
        (local.set $roots (f64x2.sqrt (local.get $best)))
        (local.set $seconds (f64x2.sqrt (local.get $second)))
        ${settle(0, "$x0", "$waiting", "$waitingLabel", d)}))
    (local.get $changed))

  ;; Σ ‖x − c_label‖² over the rows, summed in the scalar kernel's order (shardInertia).
  (func (export "inertia")
    (param $points i32) (param $count i32) (param $centres i32) (param $labels i32)
    (result f64)
    (local $r i32) (local $x i32) (local $ca i32) (local $total f64) (local $diff1 f64)
    (local.set $x (local.get $points))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $ca (i32.add (local.get $centres)
          (i32.mul (i32.load (i32.add (local.get $labels) (i32.shl (local.get $r) (i32.const 2)))) (i32.const ${rowBytes}))))
        ${eachCoordinate(d, (t) => `(local.set $diff1 (f64.sub (f64.load offset=${8 * t} (local.get $x)) (f64.load offset=${8 * t} (local.get $ca))))\n        (local.set $total (f64.add (local.get $total) (f64.mul (local.get $diff1) (local.get $diff1))))`)}
        (local.set $x (i32.add (local.get $x) (i32.const ${rowBytes})))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))
    (local.get $total)))
`;
}
