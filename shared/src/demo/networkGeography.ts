/*
 * Where the demo company's customers and candidate DCs are. The demo
 * customers carry a region, not coordinates (their CSV's bytes are fixed),
 * so network design places a customer without coordinates near its region's
 * centre, at a spot derived from its id: the same customer always lands on
 * the same point, and the customers of a region spread over about its size.
 */

/** Centre (degrees) and spread (km) of each demo region: a country of about 800 km with a far West. */
const REGION_CENTRES: Record<string, { lat: number; lon: number; spreadKm: number }> = {
  North: { lat: 53.2, lon: 10.0, spreadKm: 90 },
  South: { lat: 48.5, lon: 11.0, spreadKm: 110 },
  West: { lat: 51.0, lon: 6.9, spreadKm: 160 },
};
/** A region the demo does not know: around the middle of the country, spread wide. */
const ELSEWHERE = { lat: 51.0, lon: 10.0, spreadKm: 250 };
const KM_PER_DEGREE_LAT = 111.2;

/** FNV-1a, 32-bit: a stable hash of the id (Fowler, Noll & Vo). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A customer's point from its region and id. The radius is √u × spread, so
 * points fill the disc evenly rather than crowding the centre.
 *
 * @example placeByRegion("North", "C001") // the same { lat, lon } on every call, within 90 km of (53.2, 10.0)
 */
export function placeByRegion(region: string, id: string): { lat: number; lon: number } {
  const centre = REGION_CENTRES[region] ?? ELSEWHERE;
  const h = fnv1a(`${region}\u0000${id}`);
  const angle = ((h & 0xffff) / 0x10000) * 2 * Math.PI;
  const radiusKm = Math.sqrt((h >>> 16) / 0x10000) * centre.spreadKm;
  const lat = centre.lat + (radiusKm * Math.sin(angle)) / KM_PER_DEGREE_LAT;
  const lon = centre.lon + (radiusKm * Math.cos(angle)) / (KM_PER_DEGREE_LAT * Math.cos((centre.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 };
}

/**
 * The demo's candidate DCs as the `dc_candidates` import reads them: today
 * the company ships from Hamburg and Cologne; seven other sites are
 * candidates. Fixed costs per year, capacities in units per year.
 */
export function demoDcCandidatesCsv(): string {
  const rows: Array<[string, string, number, number, number, number, boolean, number]> = [
    ["DC-HAM", "Hamburg", 53.55, 9.99, 420_000, 400_000, true, 0.8],
    ["DC-CGN", "Cologne", 50.94, 6.96, 380_000, 300_000, true, 0.8],
    ["DC-HAJ", "Hanover", 52.37, 9.74, 300_000, 350_000, false, 0.7],
    ["DC-DTM", "Dortmund", 51.51, 7.47, 290_000, 300_000, false, 0.7],
    ["DC-FRA", "Frankfurt", 50.11, 8.68, 360_000, 400_000, false, 0.75],
    ["DC-KSF", "Kassel", 51.31, 9.48, 240_000, 250_000, false, 0.7],
    ["DC-NUE", "Nuremberg", 49.45, 11.08, 280_000, 300_000, false, 0.7],
    ["DC-MUC", "Munich", 48.14, 11.58, 400_000, 350_000, false, 0.85],
    ["DC-STR", "Stuttgart", 48.78, 9.18, 330_000, 300_000, false, 0.8],
  ];
  const header = "dc_id,name,lat,lon,fixed_cost,capacity,current,handling_cost_per_unit";
  return [header, ...rows.map((r) => r.map((v) => (typeof v === "boolean" ? (v ? "yes" : "no") : String(v))).join(","))].join("\n") + "\n";
}
