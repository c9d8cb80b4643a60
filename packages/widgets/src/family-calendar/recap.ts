import type { BookingResult, LineOutcome, Recap, RecapLine } from '@guichet/sdk/schemas';
import { html, nothing, type TemplateResult } from 'lit';
import type { FamilyCalendarStrings } from './family-calendar.strings.js';
import { type OutcomeCounts, type RecapStrings, recapStrings } from './recap.strings.js';

export { recapStrings };

// This module imports nothing of the element's own modules (what it needs comes through
// `RecapContext`): a bundler then keeps those in the element's chunk rather than splitting them
// into chunks shared with this one, which a page would load as extra files.

/**
 * The recap of a basket and the outcomes of a sent one, the two views of `<family-calendar>` that
 * only a family that books reaches: this module (with its strings) loads when the basket gets its
 * first change, or when the element is given a result. The element keeps the state and the
 * actions; these functions turn them into markup and words.
 */

/** What the views read of their `<family-calendar>`. */
export interface RecapContext {
  /** The element's own strings (the buttons shared with the basket). */
  t: FamilyCalendarStrings;
  /** The strings of these views (`recapStrings`) in the element's language. */
  r: RecapStrings;
  /** Whether the account has several children (a column names them). */
  severalMembers: boolean;
  memberName(id: string): string;
  activityName(id: string): string;
  /** A list in words ("a, b et c"). */
  list(parts: string[]): string;
  /** A date as a day label reads it ("19 avril"). */
  dayText(date: string): string;
  /** A plain date in the element's language (`formatDate`). */
  date(date: string, options: Intl.DateTimeFormatOptions): string;
  /** An amount of cents with the euro sign (`formatMoney`). */
  money(cents: number): string;
  /** An icon of a day state, as the grid draws it. */
  icon(state: 'booked' | 'open' | 'waitlisted' | 'full'): TemplateResult;
}

/** Where the recap stands, and what its buttons do. */
export interface RecapState {
  recap: Recap | null;
  sending: boolean;
  sendError: string;
  readOnly: boolean;
  abandon(): void;
  back(): void;
  send(): void;
}

const OUTCOME_ICONS = {
  accepted: 'booked',
  cancelled: 'open',
  waitlisted: 'waitlisted',
  refused: 'full',
} as const;

function outcomeWords(c: RecapContext, line: LineOutcome): string {
  const { r } = c;
  switch (line.outcome) {
    case 'waitlisted':
      return r.outcome.waitlisted(line.position);
    case 'refused':
      return r.outcome.refused(line.reason ? r.reason[line.reason] : '');
    default:
      return r.outcome[line.outcome];
  }
}

function outcomeSummary(c: RecapContext, result: BookingResult): string {
  const counts: OutcomeCounts = { accepted: 0, waitlisted: 0, cancelled: 0, refused: 0 };
  for (const line of result.lines) counts[line.outcome] += 1;
  return c.r.outcomesSummary(counts, c.list);
}

/** What the live region reads when the outcomes arrive: the counts, then each line not accepted. */
export function outcomeAnnouncement(c: RecapContext, result: BookingResult): string {
  const details = result.lines
    .filter((l) => l.outcome === 'waitlisted' || l.outcome === 'refused')
    .map((l) =>
      c.t.dayLabel(
        c.dayText(l.change.date),
        c.t.activityState(c.activityName(l.change.activityId), outcomeWords(c, l)),
      ),
    );
  return [outcomeSummary(c, result), ...details].join(' ');
}

function recapTable(
  c: RecapContext,
  caption: string,
  lines: RecapLine[],
  total: number,
  totalLabel: string,
  none: string,
) {
  const { r } = c;
  const { money } = c;
  if (lines.length === 0) return html`<h3>${caption}</h3><p class="muted">${none}</p>`;
  const several = new Set(lines.map((l) => l.memberId)).size > 1 || c.severalMembers;
  return html`<div class="scroll" role="region" tabindex="0" aria-label=${caption}>
      <table part="recap-table" class="recap-table">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${r.col.date}</th>
            ${several ? html`<th scope="col">${r.col.child}</th>` : nothing}
            <th scope="col">${r.col.activity}</th>
            <th scope="col">${r.col.arrival}</th>
            <th scope="col">${r.col.departure}</th>
            <th scope="col" class="num">${r.col.unitPrice}</th>
            <th scope="col" class="num">${r.col.quantity}</th>
            <th scope="col" class="num">${r.col.total}</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map(
            (l) => html`<tr>
              <td>${c.date(l.date, { weekday: 'short', day: '2-digit', month: '2-digit' })}</td>
              ${several ? html`<td>${c.memberName(l.memberId)}</td>` : nothing}
              <td>
                ${l.activityName}
                ${l.supplements.map((s) => html`<br /><span class="muted">+ ${s.name} (${money(s.unitPrice)})</span>`)}
              </td>
              <td>${l.startTime}</td>
              <td>${l.endTime}</td>
              <td class="num">${money(l.unitPrice)}</td>
              <td class="num">${l.quantity}</td>
              <td class="num">${money(l.total)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan=${several ? 7 : 6}>${totalLabel}</th>
            <td class="num">${money(total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>`;
}

/** The recap: what the basket adds and cancels, the net cost, and Abandonner / Retour / Valider. */
export function recapView(c: RecapContext, s: RecapState) {
  const { t } = c;
  const { r } = c;
  const { recap, sending } = s;
  return html`<section part="recap" class="recap" aria-labelledby="recap-title" aria-busy=${sending ? 'true' : 'false'}>
      <h2 id="recap-title" tabindex="-1" data-view-heading>${r.recapTitle}</h2>
      ${
        recap
          ? html`${recapTable(c, r.recapAdditions, recap.additions, recap.totals.additions, r.totalAdditions, r.noAdditions)}
            ${recapTable(c, r.recapCancellations, recap.cancellations, recap.totals.cancellations, r.totalCancellations, r.noCancellations)}
            <p class="net"><span>${r.net}</span> <strong>${c.money(recap.totals.net)}</strong></p>`
          : html`<p part="message" class="message error">${t.unknownActivity}</p>`
      }
      ${sending ? html`<p part="message" class="message">${t.sending}</p>` : nothing}
      ${s.sendError ? html`<p part="message" class="message error" role="alert">${s.sendError}</p>` : nothing}
      <div class="actions">
        <button part="button" aria-disabled=${sending ? 'true' : 'false'} @click=${() => !sending && s.abandon()}>${t.abandon}</button>
        <button part="button" aria-disabled=${sending ? 'true' : 'false'} @click=${() => !sending && s.back()}>${t.back}</button>
        <button part="button primary" class="primary" aria-disabled=${sending || s.readOnly ? 'true' : 'false'} @click=${() => s.send()}>${t.validate}</button>
      </div>
    </section>`;
}

/** The outcome of each line of a sent basket, and the way back to the calendar. */
export function outcomesView(c: RecapContext, result: BookingResult, backToCalendar: () => void) {
  const { t } = c;
  const { r } = c;
  return html`<section part="outcomes" class="outcomes" aria-labelledby="outcomes-title">
      <h2 id="outcomes-title" tabindex="-1" data-view-heading>${r.outcomesTitle}</h2>
      <p>${outcomeSummary(c, result)}</p>
      <table class="outcome-table">
          <thead>
            <tr>
              <th scope="col">${r.col.date}</th>
              ${c.severalMembers ? html`<th scope="col">${r.col.child}</th>` : nothing}
              <th scope="col">${r.col.activity}</th>
              <th scope="col">${r.col.result}</th>
            </tr>
          </thead>
          <tbody>
            ${result.lines.map(
              (line) => html`<tr data-outcome=${line.outcome}>
                <td>${c.date(line.change.date, { weekday: 'short', day: 'numeric', month: 'long' })}</td>
                ${c.severalMembers ? html`<td>${c.memberName(line.change.memberId)}</td>` : nothing}
                <td>${c.activityName(line.change.activityId)} <span class="muted">(${line.change.op === 'add' ? t.changeAdd : t.changeRemove})</span></td>
                <td part="outcome ${line.outcome}" class="outcome ${line.outcome}">
                  <span class="swatch ${OUTCOME_ICONS[line.outcome]}">${c.icon(OUTCOME_ICONS[line.outcome])}</span>
                  ${outcomeWords(c, line)}
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      <div class="actions">
        <button part="button primary" class="primary" @click=${backToCalendar}>${r.backToCalendar}</button>
      </div>
    </section>`;
}
