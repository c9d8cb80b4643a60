/** Types of bench/lib/sizes.mjs for the budget test. */
export interface Budget {
  name: string;
  tags: string[];
  /** gzip bytes */
  limit: number;
}
export interface SizeRow {
  name: string;
  /** gzip bytes loaded with the page, or null when the entry is missing or does not build */
  value: number | null;
  limit: number | null;
  lazy: number;
  missing: string[];
  peer: boolean;
}
export const FAMILY_ELEMENTS: string[];
export const BUDGETS: Budget[];
export const PEERS: { name: string; contents: string }[];
export function bundleSize(entries: string[] | { contents: string }): Promise<{ gzip: number; lazy: number }>;
export function measureSizes(): Promise<SizeRow[]>;
