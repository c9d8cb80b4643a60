import { describe, expect, it } from 'vitest';
import { MIGRATIONS, statementsOf } from '../src/store/migrate.js';

describe('migrations', () => {
  it('are split at the ends of statements, never inside a $$-quoted function body', () => {
    const text =
      'create table a (x int);\ncreate function f() returns int language plpgsql as $$\nbegin\n  perform 1;\n  return 1;\nend\n$$;\n  \ncreate index b on a(x)\n';
    expect(statementsOf(text)).toEqual([
      'create table a (x int)',
      'create function f() returns int language plpgsql as $$\nbegin\n  perform 1;\n  return 1;\nend\n$$',
      'create index b on a(x)\n',
    ]);
    const debit = MIGRATIONS.find((m) => m.id === '006-desk-debit')!;
    expect(statementsOf(debit.sql)).toHaveLength(1);
  });
});
