import * as z from 'zod/mini';

/** Opaque identifier (UUID on the server; any short string in fixtures). */
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/));
export type Id = z.infer<typeof IdSchema>;

/** A plain calendar date `YYYY-MM-DD`, local to the structure. Rejects 2026-02-30. */
export const IsoDateSchema = z.iso.date();
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** A month `YYYY-MM`. */
export const IsoMonthSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
export type IsoMonth = z.infer<typeof IsoMonthSchema>;

/** An instant, ISO 8601 with offset (`2026-04-19T08:00:00Z`). */
export const InstantSchema = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof InstantSchema>;

/** A wall-clock time `HH:MM`. */
export const TimeOfDaySchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));
export type TimeOfDay = z.infer<typeof TimeOfDaySchema>;

/** Money in integer euro cents. Never a float. */
export const CentsSchema = z.int().check(z.gte(-100_000_000_00), z.lte(100_000_000_00));
export type Cents = z.infer<typeof CentsSchema>;

/** Money that cannot be negative (prices, amounts paid). */
export const PositiveCentsSchema = z.int().check(z.gte(0), z.lte(100_000_000_00));

/** A count of places, seats or units. */
export const CountSchema = z.int().check(z.gte(0), z.lte(1_000_000));

/** A human name or label: trimmed, 1 to 200 characters. */
export const NameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

/** Free text: up to 5,000 characters. */
export const TextSchema = z.string().check(z.maxLength(5000));

export const EmailSchema = z.email().check(z.maxLength(254));

/** The languages Guichet speaks. French first. */
export const LangSchema = z.enum(['fr', 'en']);
export type Lang = z.infer<typeof LangSchema>;

/** IANA time zone name, e.g. `Europe/Paris`. */
export const TimeZoneSchema = z.string().check(z.minLength(1), z.maxLength(64));

/** One page of a cursor-paged list. `next` is absent on the last page. */
export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), next: z.optional(z.string()) });
}
export interface Page<T> {
  items: T[];
  next?: string | undefined;
}
