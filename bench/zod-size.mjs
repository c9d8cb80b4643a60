// Measures what zod costs a widget page: the schemas a calendar widget needs, bundled and minified
// with classic `zod` and with `zod/mini`, then gzipped. Run: node bench/zod-size.mjs
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// The same shapes written twice: a month calendar answer and a problem answer.
const classic = `
import { z } from 'zod';
const DayState = z.enum(['closed', 'open', 'booked', 'locked', 'waitlist', 'full', 'waitlisted']);
const Day = z.object({ date: z.iso.date(), activityId: z.string().min(1).max(64), state: DayState,
  slotId: z.string().nullable(), placesLeft: z.number().int().min(0).nullable(),
  waitPosition: z.number().int().min(1).nullable(), supplementIds: z.array(z.string()) });
const Month = z.object({ memberId: z.string(), month: z.string().regex(/^\\d{4}-\\d{2}$/), days: z.array(Day), readOnly: z.boolean() });
const Problem = z.looseObject({ type: z.string(), title: z.string(), status: z.number().int(), code: z.string(),
  messages: z.object({ fr: z.string(), en: z.string() }) });
export const parse = (v) => [Month.safeParse(v), Problem.safeParse(v)];
`;
const mini = `
import * as z from 'zod/mini';
const DayState = z.enum(['closed', 'open', 'booked', 'locked', 'waitlist', 'full', 'waitlisted']);
const Day = z.object({ date: z.iso.date(), activityId: z.string().check(z.minLength(1), z.maxLength(64)), state: DayState,
  slotId: z.nullable(z.string()), placesLeft: z.nullable(z.int().check(z.gte(0))),
  waitPosition: z.nullable(z.int().check(z.gte(1))), supplementIds: z.array(z.string()) });
const Month = z.object({ memberId: z.string(), month: z.string().check(z.regex(/^\\d{4}-\\d{2}$/)), days: z.array(Day), readOnly: z.boolean() });
const Problem = z.looseObject({ type: z.string(), title: z.string(), status: z.int(), code: z.string(),
  messages: z.object({ fr: z.string(), en: z.string() }) });
export const parse = (v) => [z.safeParse(Month, v), z.safeParse(Problem, v)];
`;
// What a widget really imports from the sdk.
const sdk = `
import { MonthCalendarSchema, BookingResultSchema, ProblemSchema } from '@guichet/sdk/schemas';
import * as z from 'zod/mini';
export const parse = (v) => [z.safeParse(MonthCalendarSchema, v), z.safeParse(BookingResultSchema, v), z.safeParse(ProblemSchema, v)];
`;

async function size(name, contents) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    conditions: ['source'],
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  return { name, minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const rows = [
  await size('zod (classic)', classic),
  await size('zod/mini', mini),
  await size('@guichet/sdk/schemas (widget subset, zod/mini)', sdk),
];
console.table(
  rows.map((r) => ({
    bundle: r.name,
    'min kB': (r.minified / 1000).toFixed(1),
    'gzip kB': (r.gzip / 1000).toFixed(1),
  })),
);
export default rows;
