/**
 * `n` and the English word that agrees with it ("1 place", "0 places", "1,000 places"), as
 * `countOf('en', …)` of `voucher-card/format.ts` words it, for the English catalogues. They load on
 * demand and take nothing from the elements' modules: importing `countOf` from there would split
 * its module out of the element's chunk into one shared with theirs, one more file for every page.
 */
export function countEn(n: number, one: string, other: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : other}`;
}
