import { z } from "zod";
import { parseWith } from "../errors";
import { mustBe, numberSchema } from "../validation";

export const pointSchema = z.object({ x: z.number(mustBe.number).finite(), y: z.number(mustBe.number).finite() });
export type Point = z.input<typeof pointSchema>;

/** Mean Earth radius, km (IUGG mean radius R₁). */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * Distance matrix between two sets of points: `euclidean` for planar
 * coordinates (x, y in km on a projected map), `greatCircle` for x =
 * longitude and y = latitude in degrees, by the haversine formula
 *
 *   d = 2R · asin √( sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2) )
 *
 * (Sinnott, "Virtues of the haversine", Sky and Telescope 68(2), 1984).
 * Road distance is typically 1.2–1.4 × the great-circle distance (Daskin,
 * *Network and Discrete Location*, 2nd ed., §2): pass a circuity factor.
 *
 * @throws DomainError naming `from[i].x` / `to[j].y` for a non-number, or a latitude outside ±90
 * @example distanceMatrix([{ x: 0, y: 0 }], [{ x: 3, y: 4 }]) // [[5]]
 */
export function distanceMatrix(from: ReadonlyArray<Point>, to: ReadonlyArray<Point>, metric: "euclidean" | "greatCircle" = "euclidean", circuity = 1): number[][] {
  const schema = metric === "greatCircle" ? z.array(pointSchema.extend({ y: numberSchema({ min: -90, max: 90 }) })) : z.array(pointSchema);
  const a = parseWith(schema, from, "from");
  const b = parseWith(schema, to, "to");
  parseWith(z.number(mustBe.number).finite().gt(0, mustBe.above(0)), circuity, "circuity");
  const rad = Math.PI / 180;
  return a.map((p) =>
    b.map((q) => {
      if (metric === "euclidean") return circuity * Math.hypot(p.x - q.x, p.y - q.y);
      const h = Math.sin(((q.y - p.y) * rad) / 2) ** 2 + Math.cos(p.y * rad) * Math.cos(q.y * rad) * Math.sin(((q.x - p.x) * rad) / 2) ** 2;
      return circuity * 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }),
  );
}
