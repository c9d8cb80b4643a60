import { IsoDateSchema } from '@guichet/sdk/schemas';
import { describe, expect, it } from 'vitest';

describe('IsoDateSchema', () => {
  it('accepts real dates and refuses 2026-02-30', () => {
    expect(IsoDateSchema.safeParse('2026-02-28').success).toBe(true);
    expect(IsoDateSchema.safeParse('2028-02-29').success).toBe(true);
    expect(IsoDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(IsoDateSchema.safeParse('2026-2-3').success).toBe(false);
  });
});
