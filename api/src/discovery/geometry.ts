// Geometry of the adaptive tiling: a query's area is a lat/lng rectangle, split into quadrants
// (a quadtree) wherever Text Search's 60-result cap is reached. Cells are named by their path
// from the root ('r', then '0'…'3' per level), so a tiling stored as keys can be rebuilt exactly.
// Pure, web-standard only (runs in workerd and Node).

export interface LatLng {
  latitude: number;
  longitude: number;
}

/** A rectangle as Places API (New) takes it: `low` is the south-west corner, `high` the north-east. */
export interface Rect {
  low: LatLng;
  high: LatLng;
}

/** One cell of the tiling. `key` is 'r' for the root; a child appends its quadrant digit. */
export interface Cell {
  key: string;
  rect: Rect;
  depth: number;
}

export const ROOT_KEY = 'r';

/** Mean Earth radius (m): enough for cell sizes, which only decide when to stop splitting. */
const EARTH_RADIUS_M = 6_371_008.8;
const METERS_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_M;

const isFiniteNumber = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** The root cell of an area. Throws a RangeError for a rectangle the API would not take. */
export function rootCell(rect: Rect): Cell {
  const { low, high } = rect;
  if (![low.latitude, low.longitude, high.latitude, high.longitude].every(isFiniteNumber)) {
    throw new RangeError('rectangle corners must be finite numbers', { cause: { code: 'BAD_RECT' } });
  }
  if (low.latitude < -90 || high.latitude > 90 || low.latitude > high.latitude) {
    throw new RangeError('rectangle latitudes must satisfy -90 ≤ low ≤ high ≤ 90', { cause: { code: 'BAD_RECT' } });
  }
  // Japan never crosses the antimeridian; a rectangle that does would need two roots.
  if (low.longitude < -180 || high.longitude > 180 || low.longitude > high.longitude) {
    throw new RangeError('rectangle longitudes must satisfy -180 ≤ low ≤ high ≤ 180 (no antimeridian crossing)', { cause: { code: 'BAD_RECT' } });
  }
  return { key: ROOT_KEY, rect: copyRect(rect), depth: 0 };
}

/**
 * The four quadrants: '0' south-west, '1' south-east, '2' north-west, '3' north-east. They share
 * the parent's midlines exactly (the same numbers), so they tile the parent with no gap and no
 * overlap beyond the shared edges. Text Search treats a rectangle as inclusive, so a place lying
 * exactly on a midline can be returned by two children: callers dedupe by place id.
 */
export function splitCell(cell: Cell): [Cell, Cell, Cell, Cell] {
  const { low, high } = cell.rect;
  const midLat = (low.latitude + high.latitude) / 2;
  const midLng = (low.longitude + high.longitude) / 2;
  const child = (digit: string, south: number, west: number, north: number, east: number): Cell => ({
    key: cell.key + digit,
    rect: { low: { latitude: south, longitude: west }, high: { latitude: north, longitude: east } },
    depth: cell.depth + 1,
  });
  return [
    child('0', low.latitude, low.longitude, midLat, midLng),
    child('1', low.latitude, midLng, midLat, high.longitude),
    child('2', midLat, low.longitude, high.latitude, midLng),
    child('3', midLat, midLng, high.latitude, high.longitude),
  ];
}

/** Width (east–west, at the cell's middle latitude) and height of a cell, in metres. */
export function cellSizeMeters(cell: Cell): { width: number; height: number } {
  const { low, high } = cell.rect;
  const midLat = ((low.latitude + high.latitude) / 2) * (Math.PI / 180);
  return {
    width: (high.longitude - low.longitude) * METERS_PER_DEGREE * Math.cos(midLat),
    height: (high.latitude - low.latitude) * METERS_PER_DEGREE,
  };
}

/** Key of the parent cell; null for the root (or anything that is not a child key). */
export function parentKey(key: string): string | null {
  return key.length > ROOT_KEY.length && key.startsWith(ROOT_KEY) ? key.slice(0, -1) : null;
}

/** The cell with this key under `root`, rebuilt by splitting; null when the key is not under it. */
export function cellAt(root: Cell, key: string): Cell | null {
  if (!key.startsWith(root.key)) return null;
  let cell = root;
  for (const digit of key.slice(root.key.length)) {
    const index = '0123'.indexOf(digit);
    if (index < 0) return null;
    cell = splitCell(cell)[index] as Cell;
  }
  return cell;
}

/** Whether a point lies in a rectangle, edges included (as Text Search's locationRestriction). */
export function contains(rect: Rect, point: LatLng): boolean {
  return (
    point.latitude >= rect.low.latitude &&
    point.latitude <= rect.high.latitude &&
    point.longitude >= rect.low.longitude &&
    point.longitude <= rect.high.longitude
  );
}

function copyRect(rect: Rect): Rect {
  return {
    low: { latitude: rect.low.latitude, longitude: rect.low.longitude },
    high: { latitude: rect.high.latitude, longitude: rect.high.longitude },
  };
}
