import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Member } from '../schemas/account.js';
import type { Reservation } from '../schemas/reservation.js';
import { type Consumption, HistoryMonthSchema, type Payment } from '../schemas/wallet.js';
import {
  compareConsumptions,
  consumptionFor,
  consumptionsTotal,
  historyMonth,
  memberDisplayName,
  monthTotals,
  paymentsTotal,
} from './history.js';

const liou = { id: 'm-liou', name: 'DUPONT Liou' };
const antoine = { id: 'm-antoine', name: 'DUPONT Antoine' };
const matin612 = { id: 'act-612-matin', name: 'CDC - ALSH 6-12 Matin' };
const matin36 = { id: 'act-36-matin', name: 'CDC - ALSH 3-6 Matin' };
const journee612 = { id: 'act-612-journee', name: 'CDC - ALSH 6-12 Journée' };
const journee36 = { id: 'act-36-journee', name: 'CDC - ALSH 3-6 Journée' };

let n = 0;
function line(
  day: number,
  member: { id: string; name: string },
  activity: { id: string; name: string },
  unitPrice: number,
  quantity: number,
): Consumption {
  n += 1;
  return {
    id: `c${String(n).padStart(2, '0')}`,
    walletId: 'w-peri',
    // "Mer 1", "Lun 20"...: February 2012, when the 1st was a Wednesday.
    date: `2012-02-${String(day).padStart(2, '0')}`,
    memberId: member.id,
    memberName: member.name,
    activityId: activity.id,
    activityName: activity.name,
    unitPrice,
    quantity,
    total: unitPrice * quantity,
    reservationId: null,
  };
}

// Seed 004's consumption table, in the seed's order.
const seedLines: Consumption[] = [
  line(1, liou, matin612, 1035, 1),
  line(1, antoine, matin36, 475, 1),
  line(8, antoine, matin36, 475, 1),
  line(8, liou, matin612, 1035, 1),
  line(15, antoine, matin36, 475, 1),
  line(15, liou, matin612, 1035, 1),
  line(20, antoine, journee36, 665, 2),
  line(20, liou, journee612, 1485, 1),
  line(21, liou, journee612, 1485, 1),
  line(21, antoine, journee36, 665, 2),
  line(22, antoine, journee36, 665, 2),
  line(22, liou, journee612, 1485, 1),
  line(23, antoine, journee36, 665, 2),
];

function payment(
  id: string,
  receivedOn: string,
  pieceNumber: string,
  amount: number,
  createdAt: string,
): Payment {
  return {
    id,
    walletId: 'w-peri',
    receivedOn,
    mode: 'CH',
    pieceNumber,
    payerName: 'DUPONT Jean-Paul',
    bankName: 'LEP',
    amount,
    createdAt,
  };
}

// Seed 004's payment table.
const seedPayments = [
  payment('p1', '2012-02-15', '795466', 9000, '2012-02-15T10:00:00Z'),
  payment('p2', '2012-03-28', '924466', 5000, '2012-03-28T10:00:00Z'),
];

describe('totals', () => {
  it('adds the seed tables', () => {
    // The 13 lines add up to 143,05 €. The seed prints "TOTAL (€) 186,05" under them: 43,00 € more
    // than its own lines (in seeds 003 and 004 alike), so we trust the lines, not that total.
    expect(consumptionsTotal(seedLines)).toBe(14305);
    expect(paymentsTotal(seedPayments)).toBe(14000);
    expect(monthTotals(seedLines, seedPayments)).toEqual({ consumptions: 14305, payments: 14000 });
    expect(monthTotals([])).toEqual({ consumptions: 0, payments: 0 });
  });
});

describe('historyMonth', () => {
  it('sorts the lines by date, then member name, and keeps the month', () => {
    const feb = historyMonth('2012-02', [...seedLines].reverse(), seedPayments);
    expect(feb.consumptions.map((c) => `${c.date.slice(8)} ${c.memberName}`)).toEqual([
      '01 DUPONT Antoine',
      '01 DUPONT Liou',
      '08 DUPONT Antoine',
      '08 DUPONT Liou',
      '15 DUPONT Antoine',
      '15 DUPONT Liou',
      '20 DUPONT Antoine',
      '20 DUPONT Liou',
      '21 DUPONT Antoine',
      '21 DUPONT Liou',
      '22 DUPONT Antoine',
      '22 DUPONT Liou',
      '23 DUPONT Antoine',
    ]);
    // Only the cheque received in February belongs to February.
    expect(feb.payments.map((p) => p.id)).toEqual(['p1']);
    expect(feb.totals).toEqual({ consumptions: 14305, payments: 9000 });
    expect(HistoryMonthSchema.parse(feb)).toEqual(feb);

    const march = historyMonth('2012-03', seedLines, seedPayments);
    expect(march).toEqual({
      month: '2012-03',
      consumptions: [],
      payments: [seedPayments[1]],
      totals: { consumptions: 0, payments: 5000 },
    });
  });

  it('does not change the lists it is given', () => {
    const given = [...seedLines].reverse();
    const copy = structuredClone(given);
    historyMonth('2012-02', given, seedPayments);
    expect(given).toEqual(copy);
  });

  it('breaks ties by activity then id, and payments by time recorded then id', () => {
    const a = line(3, antoine, matin36, 475, 1);
    const b = { ...line(3, antoine, journee36, 665, 2) };
    const c = { ...b, id: 'c00' };
    expect([a, b, c].sort(compareConsumptions).map((x) => x.id)).toEqual([c.id, b.id, a.id]);

    const late = payment('p-b', '2012-02-15', '1', 100, '2012-02-15T12:00:00Z');
    const early = payment('p-c', '2012-02-15', '2', 100, '2012-02-15T08:00:00Z');
    const sameTime = payment('p-a', '2012-02-15', '3', 100, '2012-02-15T12:00:00Z');
    expect(historyMonth('2012-02', [], [late, early, sameTime]).payments.map((p) => p.id)).toEqual([
      'p-c',
      'p-a',
      'p-b',
    ]);
  });

  it('refuses a month that is not YYYY-MM', () => {
    expect(() => historyMonth('2012-13', [], [])).toThrow(RangeError);
    expect(() => historyMonth('2012-2', [], [])).toThrow(RangeError);
    expect(() => historyMonth('2012-02-01', [], [])).toThrow(RangeError);
  });

  it('keeps every line of the month, in order, with the exact total (property)', () => {
    const arb = fc.array(
      fc.record({
        day: fc.integer({ min: 1, max: 29 }),
        month: fc.constantFrom('01', '02'),
        member: fc.constantFrom(liou, antoine),
        price: fc.nat({ max: 3000 }),
        qty: fc.integer({ min: 1, max: 3 }),
      }),
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const lines = specs.map((s, i) => ({
          ...line(s.day, s.member, matin36, s.price, s.qty),
          id: `x${i}`,
          date: `2012-${s.month}-${String(s.day).padStart(2, '0')}`,
        }));
        const h = historyMonth('2012-02', lines, []);
        const inMonth = lines.filter((l) => l.date.startsWith('2012-02'));
        expect(h.consumptions).toHaveLength(inMonth.length);
        expect(h.totals.consumptions).toBe(inMonth.reduce((s, l) => s + l.total, 0));
        for (let i = 1; i < h.consumptions.length; i++) {
          expect(compareConsumptions(h.consumptions[i - 1]!, h.consumptions[i]!)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});

describe('consumptionFor', () => {
  const member: Member = {
    id: 'm-antoine',
    accountId: 'a1',
    firstName: 'Antoine',
    lastName: 'Dupont',
    birthDate: '2007-05-01',
  };
  const activity = { id: 'act-36-journee', name: 'CDC - ALSH 3-6 Journée', walletKindId: 'k-peri' };
  const wallet = { id: 'w-peri', accountId: 'a1', kindId: 'k-peri' };
  const reservation: Reservation = {
    id: 'r1',
    accountId: 'a1',
    memberId: 'm-antoine',
    activityId: 'act-36-journee',
    slotId: 's1',
    date: '2012-02-22',
    status: 'accepted',
    waitPosition: null,
    supplementIds: [],
    unitPrice: 665,
    quantity: 2,
    refusalReason: null,
    createdAt: '2012-02-01T09:00:00Z',
    updatedAt: '2012-02-01T09:00:00Z',
    chargedAt: null,
  };

  it('writes the seed line "Mer 22 DUPONT Antoine CDC - ALSH 3-6 Journée 6,65 2 13,30"', () => {
    expect(consumptionFor(reservation, member, activity, wallet)).toEqual({
      walletId: 'w-peri',
      date: '2012-02-22',
      memberId: 'm-antoine',
      memberName: 'DUPONT Antoine',
      activityId: 'act-36-journee',
      activityName: 'CDC - ALSH 3-6 Journée',
      unitPrice: 665,
      quantity: 2,
      total: 1330,
      reservationId: 'r1',
    });
  });

  it('refuses a reservation that is not accepted or not for that member, activity or wallet', () => {
    expect(() => consumptionFor({ ...reservation, status: 'waitlisted' }, member, activity, wallet)).toThrow(
      RangeError,
    );
    expect(() => consumptionFor(reservation, { ...member, id: 'other' }, activity, wallet)).toThrow(
      RangeError,
    );
    expect(() => consumptionFor(reservation, member, { ...activity, id: 'other' }, wallet)).toThrow(
      RangeError,
    );
    expect(() => consumptionFor(reservation, member, activity, { ...wallet, kindId: 'k-resto' })).toThrow(
      RangeError,
    );
    expect(() => consumptionFor(reservation, member, activity, { ...wallet, accountId: 'a2' })).toThrow(
      RangeError,
    );
  });

  it('names the member as the seeds do', () => {
    expect(memberDisplayName({ firstName: 'Élodie', lastName: 'de Léon' })).toBe('DE LÉON Élodie');
  });
});
