/**
 * What the Location dialog makes of the agent's words: a coordinate checked against its range, and a pasted
 * "lat, long" or maps link (Google, Apple, OpenStreetMap) read as a pair.
 */

export type CoordinateCheck = { ok: true; value: number } | { ok: false; message: string };

const ranges = {
  Latitude: { min: -90, max: 90 },
  Longitude: { min: -180, max: 180 },
} as const;

const decimal = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** A latitude or longitude as typed: a decimal number within its range, or why not. */
export function checkCoordinate(what: keyof typeof ranges, text: string): CoordinateCheck {
  const trimmed = text.trim();
  const { min, max } = ranges[what];
  if (trimmed === '') return { ok: false, message: `${what} is required` };
  if (!decimal.test(trimmed)) return { ok: false, message: `${what} must be a decimal number, e.g. ${what === 'Latitude' ? '48.8584' : '2.2945'}` };
  const value = Number(trimmed);
  if (value < min || value > max) return { ok: false, message: `${what} must be between ${min} and ${max}` };
  return { ok: true, value };
}

export interface Coordinates {
  latitude: string;
  longitude: string;
}

const number = String.raw`[-+]?\d{1,3}(?:\.\d+)?`;
const plainPair = new RegExp(String.raw`^\s*(${number})\s*[,;\s]\s*(${number})\s*$`);
/** "@lat,long" (Google's map views and places), "lat,long" or "lat/long" inside a link. */
const pairInLink = [
  new RegExp(String.raw`@(${number}),(${number})`),
  new RegExp(String.raw`[?&](?:q|ll|sll|query|coordinate|daddr|destination)=(${number})(?:,|%2C)\s*(${number})`, 'i'),
  new RegExp(String.raw`#map=\d+(?:\.\d+)?/(${number})/(${number})`),
];
const osmMarker = new RegExp(String.raw`[?&]mlat=(${number})&mlon=(${number})`);

/**
 * A pair of coordinates in pasted text: "48.8584, 2.2945" or a maps link; undefined when the text holds none (a
 * single number typed into one field is left to that field). The numbers are kept as written, for the fields.
 */
export function parseCoordinates(text: string): Coordinates | undefined {
  const plain = plainPair.exec(text);
  if (plain?.[1] !== undefined && plain[2] !== undefined) return { latitude: plain[1], longitude: plain[2] };
  if (!/^\s*https?:\/\//i.test(text)) return undefined;
  for (const pattern of [osmMarker, ...pairInLink]) {
    const match = pattern.exec(text);
    if (match?.[1] !== undefined && match[2] !== undefined) return { latitude: match[1], longitude: match[2] };
  }
  return undefined;
}
