/**
 * WebAssembly text of one thread's share of a threaded k-means run (issue 24):
 * the same Hamerly passes as shared/src/ml/hamerlyKernel.ts, compiled at run
 * time by wabt for a fixed number of features d (wasmKmeansShard.ts).
 *
 * Why by hand, twice: on 100,000 × 8 overlapping rows at k = 8 the JavaScript
 * kernel spent 15 ms of CPU per full pass and 26 ns per row per pass on the
 * bound checks alone, where scikit-learn's whole pass takes about 3 ms on two
 * threads. Here the full search runs two centres per 128-bit lane pair and the
 * bookkeeping costs a few nanoseconds a row; bench/results/kmeans-parity-*
 * hold the measured runs.
 *
 * Bit for bit the JavaScript kernel's numbers: the two 64-bit lanes hold two
 * different centres, never two coordinates of one distance, so each distance
 * is summed coordinate by coordinate, in order, with a separate multiply and
 * add (no fused multiply-add); bounds, square roots and the clusters' sums are
 * updated in the same order with the same IEEE operations. A run therefore
 * gives the same assignments and centres on either kernel
 * (test/service/wasmKmeansShard.test.ts checks it).
 *
 * Memory (byte addresses passed in by the caller): points m × d float64
 * row-major; centres k × d float64 row-major; centre pairs: pair p of centres
 * (2p, 2p+1) at p·16·d, coordinate t at +16·t as [c₂ₚ[t], c₂ₚ₊₁[t]], an odd k
 * padded with +∞ (never nearest; the second-nearest is then +∞ exactly as in
 * the scalar loop); labels int32 per row; upper, lower float64 per row; sums
 * k × d and counts k float64; moves and half-separations k float64.
 */

/** Centre pairs searched per step: four independent sums hide the add's latency on two-lane SIMD. */
const GROUP = 4;

/** One lane-wise step of the running minimum: `$a{g}` holds the distances to the centres in `$j` + 2g (earliest index on ties, as the scalar loop). */
function keepNearest(g: number): string {
  return `
        (local.set $lt (f64x2.lt (local.get $a${g}) (local.get $best)))
        (local.set $second (v128.bitselect (local.get $best) (f64x2.min (local.get $second) (local.get $a${g})) (local.get $lt)))
        (local.set $best (v128.bitselect (local.get $a${g}) (local.get $best) (local.get $lt)))
        (local.set $idx (v128.bitselect (i64x2.add (local.get $j) (v128.const i64x2 ${2 * g} ${2 * g})) (local.get $idx) (local.get $lt)))`;
}

/** Distances from the row at `$x` to `group` consecutive centre pairs from `$c`, coordinates unrolled, then their running minimum. */
function pairGroup(group: number, d: number): string {
  const lines: string[] = [];
  for (let g = 0; g < group; g++) lines.push(`(local.set $a${g} (v128.const i64x2 0 0))`);
  for (let t = 0; t < d; t++) {
    lines.push(`(local.set $xv (v128.load64_splat offset=${8 * t} (local.get $x)))`);
    for (let g = 0; g < group; g++) {
      lines.push(`(local.set $diff (f64x2.sub (local.get $xv) (v128.load offset=${16 * (g * d + t)} (local.get $c))))`);
      lines.push(`(local.set $a${g} (f64x2.add (local.get $a${g}) (f64x2.mul (local.get $diff) (local.get $diff))))`);
    }
  }
  for (let g = 0; g < group; g++) lines.push(keepNearest(g));
  lines.push(`(local.set $j (i64x2.add (local.get $j) (v128.const i64x2 ${2 * group} ${2 * group})))`);
  lines.push(`(local.set $c (i32.add (local.get $c) (i32.const ${16 * d * group})))`);
  return lines.join("\n        ");
}

/** Leaves in $nb, $ns, $nat the squared distance from the row at `$x` to its nearest centre, to its second nearest, and the nearest's index. */
function nearestTwo(d: number): string {
  return `
        (local.set $best (f64x2.splat (f64.const inf)))
        (local.set $second (f64x2.splat (f64.const inf)))
        (local.set $idx (v128.const i64x2 0 1))
        (local.set $j (v128.const i64x2 0 1))
        (local.set $c (local.get $pairsAt))
        (local.set $left (local.get $pairs))
        (block $groupsDone
          (loop $groups
            (br_if $groupsDone (i32.lt_u (local.get $left) (i32.const ${GROUP})))
            ${pairGroup(GROUP, d)}
            (local.set $left (i32.sub (local.get $left) (i32.const ${GROUP})))
            (br $groups)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.eqz (local.get $left)))
            ${pairGroup(1, d)}
            (local.set $left (i32.sub (local.get $left) (i32.const 1)))
            (br $tail)))
        ;; merge the lanes: the smaller distance, the lower index on a tie
        (local.set $b0 (f64x2.extract_lane 0 (local.get $best)))
        (local.set $b1 (f64x2.extract_lane 1 (local.get $best)))
        (local.set $i0 (i64x2.extract_lane 0 (local.get $idx)))
        (local.set $i1 (i64x2.extract_lane 1 (local.get $idx)))
        (local.set $take1
          (i32.or (f64.lt (local.get $b1) (local.get $b0))
            (i32.and (f64.eq (local.get $b1) (local.get $b0)) (i64.lt_s (local.get $i1) (local.get $i0)))))
        (local.set $nb (select (local.get $b1) (local.get $b0) (local.get $take1)))
        (local.set $ns
          (select
            (f64.min (f64x2.extract_lane 1 (local.get $second)) (local.get $b0))
            (f64.min (f64x2.extract_lane 0 (local.get $second)) (local.get $b1))
            (local.get $take1)))
        (local.set $nat (i32.wrap_i64 (select (local.get $i1) (local.get $i0) (local.get $take1))))`;
}

/** `body` for each t < d, with `${t}` replaced: the coordinates unrolled. */
const eachCoordinate = (d: number, body: (t: number) => string) => Array.from({ length: d }, (_, t) => body(t)).join("\n        ");

const SEARCH_LOCALS = `
    (local $c i32) (local $left i32) (local $take1 i32) (local $nat i32)
    (local $best v128) (local $second v128) (local $idx v128) (local $j v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $xv v128) (local $diff v128) (local $lt v128)
    (local $b0 f64) (local $b1 f64) (local $i0 i64) (local $i1 i64) (local $nb f64) (local $ns f64)`;

/** The module for rows of `d` features: exports `memory`, `assign`, `pass` and `inertia`. */
export function kmeansWat(d: number): string {
  const rowBytes = 8 * d;
  return `
(module
  (memory (export "memory") 1)

  ;; Full pass (hamerlyKernel's assignAll): the caller has zeroed sums and counts.
  (func (export "assign")
    (param $points i32) (param $count i32) (param $pairsAt i32) (param $pairs i32)
    (param $labels i32) (param $upper i32) (param $lower i32) (param $sums i32) (param $counts i32)
    (local $r i32) (local $x i32) (local $s i32) (local $cnt i32)
    ${SEARCH_LOCALS}
    (local.set $x (local.get $points))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
        ${nearestTwo(d)}
        (i32.store (i32.add (local.get $labels) (i32.shl (local.get $r) (i32.const 2))) (local.get $nat))
        (f64.store (i32.add (local.get $upper) (i32.shl (local.get $r) (i32.const 3))) (f64.sqrt (local.get $nb)))
        (f64.store (i32.add (local.get $lower) (i32.shl (local.get $r) (i32.const 3))) (f64.sqrt (local.get $ns)))
        (local.set $cnt (i32.add (local.get $counts) (i32.shl (local.get $nat) (i32.const 3))))
        (f64.store (local.get $cnt) (f64.add (f64.load (local.get $cnt)) (f64.const 1)))
        (local.set $s (i32.add (local.get $sums) (i32.mul (local.get $nat) (i32.const ${rowBytes}))))
        ${eachCoordinate(d, (t) => `(f64.store offset=${8 * t} (local.get $s) (f64.add (f64.load offset=${8 * t} (local.get $s)) (f64.load offset=${8 * t} (local.get $x))))`)}
        (local.set $x (i32.add (local.get $x) (i32.const ${rowBytes})))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; One Hamerly pass (hamerlyKernel's hamerlyPass); returns how many rows changed cluster.
  (func (export "pass")
    (param $points i32) (param $count i32) (param $pairsAt i32) (param $pairs i32) (param $centres i32)
    (param $labels i32) (param $upper i32) (param $lower i32) (param $sums i32) (param $counts i32)
    (param $moves i32) (param $half i32) (param $largestAt i32) (param $largest f64) (param $secondLargest f64)
    (result i32)
    (local $r i32) (local $x i32) (local $a i32) (local $ua i32) (local $la i32) (local $ca i32) (local $from i32) (local $to i32) (local $cnt i32) (local $changed i32)
    (local $u f64) (local $l f64) (local $z f64) (local $h f64) (local $own f64) (local $diff1 f64) (local $v f64)
    ${SEARCH_LOCALS}
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
          ${eachCoordinate(d, (t) => `(local.set $diff1 (f64.sub (f64.load offset=${8 * t} (local.get $x)) (f64.load offset=${8 * t} (local.get $ca))))\n        (local.set $own (f64.add (local.get $own) (f64.mul (local.get $diff1) (local.get $diff1))))`)}
          (local.set $u (f64.sqrt (local.get $own)))
          (if (f64.le (local.get $u) (local.get $z))
            (then
              (f64.store (local.get $ua) (local.get $u))
              (f64.store (local.get $la) (local.get $l))
              (br $next)))
          ${nearestTwo(d)}
          (f64.store (local.get $ua) (f64.sqrt (local.get $nb)))
          (f64.store (local.get $la) (f64.sqrt (local.get $ns)))
          (br_if $next (i32.eq (local.get $nat) (local.get $a)))
          (i32.store (i32.add (local.get $labels) (i32.shl (local.get $r) (i32.const 2))) (local.get $nat))
          (local.set $changed (i32.add (local.get $changed) (i32.const 1)))
          (local.set $cnt (i32.add (local.get $counts) (i32.shl (local.get $a) (i32.const 3))))
          (f64.store (local.get $cnt) (f64.sub (f64.load (local.get $cnt)) (f64.const 1)))
          (local.set $cnt (i32.add (local.get $counts) (i32.shl (local.get $nat) (i32.const 3))))
          (f64.store (local.get $cnt) (f64.add (f64.load (local.get $cnt)) (f64.const 1)))
          (local.set $from (i32.add (local.get $sums) (i32.mul (local.get $a) (i32.const ${rowBytes}))))
          (local.set $to (i32.add (local.get $sums) (i32.mul (local.get $nat) (i32.const ${rowBytes}))))
          ${eachCoordinate(d, (t) => `(local.set $v (f64.load offset=${8 * t} (local.get $x)))\n        (f64.store offset=${8 * t} (local.get $from) (f64.sub (f64.load offset=${8 * t} (local.get $from)) (local.get $v)))\n        (f64.store offset=${8 * t} (local.get $to) (f64.add (f64.load offset=${8 * t} (local.get $to)) (local.get $v)))`)})
        (local.set $x (i32.add (local.get $x) (i32.const ${rowBytes})))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))
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
