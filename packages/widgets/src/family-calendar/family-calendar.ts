import {
  addDaysIso,
  addMonthsIso,
  basketKey,
  buildRecap,
  daysOfMonth,
  formatMoney,
  parseIsoDate,
  toggleChange,
  toIsoDate,
} from '@guichet/sdk/rules';
import type {
  Activity,
  BookingChange,
  BookingResult,
  CalendarDay,
  DayState,
  Member,
  MonthCalendar,
  Recap,
} from '@guichet/sdk/schemas';
import { html, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import {
  errorMessage,
  GuichetClientController,
  GuichetSessionExpiredEvent,
  isUnauthorized,
  sessionAccountId,
} from '../internal/context.js';
import { formatDate, formatMonth } from '../internal/format.js';
import { GuichetElement, GuichetEvent } from '../internal/guichet-element.js';
import { Lazy } from '../internal/lazy.js';
import { loadStrings, strings } from '../internal/localize.js';
import { baseStyles } from '../internal/styles.js';
import { type FamilyCalendarStrings, familyCalendarStrings } from './family-calendar.strings.js';
import { familyCalendarStyles } from './family-calendar.styles.js';
import type { RecapContext } from './recap.js';

/** The seven day states, in legend order (the sdk's `DayStateSchema` options). */
const STATES: readonly DayState[] = ['closed', 'open', 'booked', 'locked', 'waitlist', 'full', 'waitlisted'];
/** Which state a day with several activities shows first. */
const PRIORITY: readonly DayState[] = [
  'booked',
  'locked',
  'waitlisted',
  'open',
  'waitlist',
  'full',
  'closed',
];
/** States a click adds to the basket, and states a click cancels. */
const ADDABLE = new Set<DayState>(['open', 'waitlist']);
const REMOVABLE = new Set<DayState>(['booked', 'waitlisted']);

/** What `<family-calendar>` calls on the sdk client (`createClient` of `@guichet/sdk/client` has it all). */
export interface FamilyCalendarClient {
  accounts: { get(accountId: string): Promise<{ account: { members: Member[] } }> };
  calendar: {
    month(
      accountId: string,
      query: { memberId: string; month: string; activityId?: string },
    ): Promise<MonthCalendar>;
  };
  bookings: {
    submit(
      accountId: string,
      body: { changes: BookingChange[] },
      options?: { idempotencyKey?: string },
    ): Promise<BookingResult>;
  };
}

/** Fired when the user sent the basket and the server answered; `detail` is the result, line by line. */
export class GuichetBookingSubmittedEvent extends GuichetEvent<BookingResult> {
  constructor(result: BookingResult) {
    super('guichet-booking-submitted', result);
  }
}

/** Fired when the user changed the basket (a day toggled, a supplement, a line removed, the basket sent or discarded). */
export class GuichetBasketChangeEvent extends GuichetEvent<{ basket: readonly BookingChange[] }> {
  constructor(basket: readonly BookingChange[]) {
    super('guichet-basket-change', { basket });
  }
}

/** Fired when the user moved to another month, child or activity (a host that feeds `calendar` loads it then). */
export class GuichetCalendarChangeEvent extends GuichetEvent<{
  memberId: string;
  month: string;
  activityId: string;
}> {
  constructor(detail: { memberId: string; month: string; activityId: string }) {
    super('guichet-calendar-change', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'guichet-booking-submitted': GuichetBookingSubmittedEvent;
    'guichet-basket-change': GuichetBasketChangeEvent;
    'guichet-calendar-change': GuichetCalendarChangeEvent;
  }
}

type View = 'calendar' | 'recap' | 'sending';
type Pending = 'add' | 'remove';

/** One activity of a day as the grid sees it: its state and what the basket asks of it. */
interface Entry {
  day: CalendarDay;
  activity: Activity | undefined;
  pending: BookingChange | undefined;
}

const ICONS: Record<DayState | Pending, TemplateResult> = {
  closed: svg`<path d="M4 8h8" />`,
  open: svg`<circle cx="8" cy="8" r="5" />`,
  booked: svg`<path d="M3 8.5l3.2 3.2L13 4.8" />`,
  locked: svg`<rect x="3.5" y="7" width="9" height="7" rx="1" class="fill" /><path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />`,
  waitlist: svg`<path d="M4 2h8L8 8l4 6H4l4-6z" />`,
  full: svg`<path d="M4 4l8 8M12 4l-8 8" />`,
  waitlisted: svg`<path d="M4 2h8L8 8l4 6H4l4-6z" class="fill" />`,
  add: svg`<path d="M8 3v10M3 8h10" />`,
  remove: svg`<path d="M3 8h10" />`,
};

function icon(name: DayState | Pending): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">${ICONS[name]}</svg>`;
}

/**
 * The recap and outcome views: a chunk of their own, fetched when the basket gets its first
 * change (the family will want its recap) or when the element must show one.
 */
const recapViews = new Lazy(() => import('./recap.js'));

/** ISO weekday index, Monday 0 ... Sunday 6. */
function weekdayIndex(date: string): number {
  return (parseIsoDate(date).getDay() + 6) % 7;
}

/** The same day of the month `months` away, clamped to that month's last day (31 January -> 28 February). */
function sameDayMonthsAway(date: string, months: number): string {
  const days = daysOfMonth(addMonthsIso(date.slice(0, 7), months));
  return days[Math.min(Number(date.slice(8)), days.length) - 1]!;
}

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A family's booking calendar: choose a child and an activity, toggle days into a basket, check the
 * recap and send it; each line then shows its outcome.
 *
 * The element renders from data in hand (`members`, `calendar`, `basket`, `result`); under a
 * `<guichet-provider>`, or alone with an `api` attribute, it loads them itself through the sdk
 * client. The calendar follows the WAI-ARIA date-grid practice: a `<table>` labelled by the month,
 * one button per day with a single tab stop, arrows, PageUp/PageDown, Home/End.
 *
 * @summary Colour-coded month calendar to book and cancel a child's activity days, with basket, recap and outcomes.
 *
 * @attr lang - `fr` (default) or `en`; else the nearest `lang` ancestor.
 * @attr api - Base URL of the Guichet API, for a calendar used without `<guichet-provider>`.
 * @attr account - The family account; defaults to the session's account.
 * @attr member-id - The child shown; defaults to the first member.
 * @attr activity-id - One activity; empty shows all activities (days with several open a chooser).
 * @attr month - The month shown, `YYYY-MM`; defaults to the month of `today`.
 * @attr today - Today's date, `YYYY-MM-DD` (defaults to the device's date; set it in tests).
 * @attr min - First month that may be shown, `YYYY-MM`.
 * @attr max - Last month that may be shown, `YYYY-MM`.
 * @attr pay-href - Where the "Payer" link of a read-only (debtor) calendar goes.
 *
 * @event guichet-basket-change - The user changed the basket. `detail.basket`: the changes.
 * @event guichet-booking-submitted - The user sent the basket and the server answered. `detail`: the `BookingResult`.
 * @event guichet-calendar-change - The user moved to another month, child or activity. `detail`: `{ memberId, month, activityId }`.
 * @event guichet-session-expired - The server answered 401; the basket is kept.
 *
 * @csspart selectors - The child and activity choosers with the price.
 * @csspart price - The selected activity's price and times.
 * @csspart read-only - The notice of a calendar in debit.
 * @csspart pay-link - Its link to pay.
 * @csspart header - Month heading and navigation.
 * @csspart heading - The month heading.
 * @csspart nav-button - Previous and next month buttons (also `previous`, `next`).
 * @csspart grid - The month table.
 * @csspart weekday - A weekday column header.
 * @csspart day - A day button; also carries its state (`closed`, `open`, `booked`, `locked`, `waitlist`, `full`, `waitlisted`), `pending-add`, `pending-remove`, `today`, `multiple`, `unknown`.
 * @csspart day-panel - Details of the focused day (states in words, supplements).
 * @csspart chooser - The dialog listing the activities of a day.
 * @csspart legend - The colour code.
 * @csspart basket - The summary of the basket with Abandonner / Valider.
 * @csspart button - Every action button (also `primary` for Valider).
 * @csspart recap - The recap view.
 * @csspart recap-table - Its tables.
 * @csspart outcomes - The outcome view.
 * @csspart outcome - A line's result (also `accepted`, `waitlisted`, `cancelled`, `refused`).
 * @csspart message - Loading, empty and error messages.
 *
 * @cssproperty --guichet-accent - Buttons, focus ring, pending days (default deep blue).
 * @cssproperty --guichet-on-accent - Text on the accent.
 * @cssproperty --guichet-radius - Corner radius.
 * @cssproperty --guichet-font - Font shorthand (default inherited).
 * @cssproperty --guichet-closed - Colour of closed and full days (beige).
 * @cssproperty --guichet-open - Colour of open and waiting-list days (green).
 * @cssproperty --guichet-booked - Colour of booked days (orange).
 * @cssproperty --guichet-locked - Colour of locked days (red).
 * @cssproperty --guichet-waitlisted - Colour of days the child waits for.
 */
export class FamilyCalendar extends GuichetElement {
  static override styles = [baseStyles, familyCalendarStyles];
  protected static override catalogue = familyCalendarStrings;
  static override properties = {
    api: {},
    account: {},
    memberId: { attribute: 'member-id' },
    activityId: { attribute: 'activity-id' },
    month: {},
    today: {},
    min: {},
    max: {},
    payHref: { attribute: 'pay-href' },
    members: { attribute: false },
    calendar: { attribute: false },
    basket: { attribute: false },
    result: { attribute: false },
    client: { attribute: false },
    view: { state: true },
    focused: { state: true },
    chooser: { state: true },
    loading: { state: true },
    loadError: { state: true },
    sendError: { state: true },
    announcement: { state: true },
  };

  /** Base URL of the API when the calendar is used without `<guichet-provider>`. */
  declare api: string;
  /** The family account (else the session's). */
  declare account: string;
  /** The child shown. */
  declare memberId: string;
  /** One activity's id, or empty for all. */
  declare activityId: string;
  /** The month shown, `YYYY-MM`. */
  declare month: string;
  /** Today, `YYYY-MM-DD`. */
  declare today: string;
  /** First month that may be shown, `YYYY-MM`. */
  declare min: string;
  /** Last month that may be shown, `YYYY-MM`. */
  declare max: string;
  /** Link of the "Payer" button of a read-only calendar. */
  declare payHref: string;
  /** The account's children. Loaded when there is a client; else set it. */
  declare members: Member[];
  /** The shown child's month (all activities). Loaded when there is a client; else set it. */
  declare calendar: MonthCalendar | null;
  /** The changes asked for, across children, activities and months. */
  declare basket: BookingChange[];
  /** The answer to the last sending; shows the outcome view while set. */
  declare result: BookingResult | null;
  /** A client to use instead of the provider's or the one made from `api` (tests, custom hosts). */
  declare client: FamilyCalendarClient | null;

  declare private view: View;
  declare private focused: string;
  declare private chooser: string;
  declare private loading: boolean;
  declare private loadError: string;
  declare private sendError: string;
  declare private announcement: string;

  constructor() {
    super();
    this.api = '';
    this.account = '';
    this.memberId = '';
    this.activityId = '';
    this.month = '';
    this.today = '';
    this.min = '';
    this.max = '';
    this.payHref = '';
    this.members = [];
    this.calendar = null;
    this.basket = [];
    this.result = null;
    this.client = null;
    this.view = 'calendar';
    this.focused = '';
    this.chooser = '';
    this.loading = false;
    this.loadError = '';
    this.sendError = '';
    this.announcement = '';
  }

  /** Client and session from a provider, or made from `api`. */
  readonly guichet = new GuichetClientController(this, () => this.reload());

  #activities = new Map<string, Activity>();
  #cache = new Map<string, MonthCalendar>();
  #asking = new Map<string, Promise<MonthCalendar>>();
  #loads = 0;
  #focusAfterRender: 'day' | 'heading' | '' = '';
  #idempotencyKey = '';

  get #t(): FamilyCalendarStrings {
    return strings(familyCalendarStrings, this.language);
  }

  get #today(): string {
    return this.today || toIsoDate(new Date());
  }

  get #client(): FamilyCalendarClient | undefined {
    // The provider's client is the sdk's, which has every method this element calls.
    return this.client ?? (this.guichet.client as unknown as FamilyCalendarClient | undefined);
  }

  get #accountId(): string | undefined {
    return this.guichet.accountId(this.account);
  }

  /** The calendar of the shown child and month, when in hand. */
  get #shown(): MonthCalendar | null {
    const c = this.calendar;
    return c && c.month === this.month && (!this.memberId || c.memberId === this.memberId) ? c : null;
  }

  get #readOnly(): boolean {
    return this.#shown?.readOnly ?? this.calendar?.readOnly ?? false;
  }

  /** Reloads the members and the shown month from the server (forgetting what was cached). */
  reload(): void {
    this.#forgetMonths();
    void this.#load();
  }

  /** Forgets the months kept and asked (they may have changed). */
  #forgetMonths(): void {
    this.#cache.clear();
    this.#asking.clear();
  }

  /** Empties the basket (as "Abandonner" does, without an event). */
  clearBasket(): void {
    this.basket = [];
  }

  #inBounds(month: string): boolean {
    return (!this.min || month >= this.min.slice(0, 7)) && (!this.max || month <= this.max.slice(0, 7));
  }

  #clampMonth(month: string): string {
    if (this.min && month < this.min.slice(0, 7)) return this.min.slice(0, 7);
    if (this.max && month > this.max.slice(0, 7)) return this.max.slice(0, 7);
    return month;
  }

  protected override arriving() {
    const recapShown = this.result !== null || this.view !== 'calendar';
    return [...super.arriving(), recapShown ? this.#recapArriving() : undefined];
  }

  /** The recap views, then their strings in the element's language: `undefined` once in hand. */
  #recapArriving(): Promise<void> | undefined {
    const views = recapViews.value;
    return views ? loadStrings(views.recapStrings, this.language) : recapViews.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('calendar') && this.calendar) {
      for (const a of this.calendar.activities) this.#activities.set(a.id, a);
      if (!this.memberId) this.memberId = this.calendar.memberId;
    }
    if (!this.memberId && this.members[0]) this.memberId = this.members[0].id;
    if (!this.month) this.month = this.#clampMonth(this.calendar?.month ?? this.#today.slice(0, 7));
    if (!this.focused || this.focused.slice(0, 7) !== this.month) {
      const today = this.#today;
      this.focused = today.slice(0, 7) === this.month ? today : `${this.month}-01`;
    }
    if (changed.has('result') && this.result) {
      this.view = 'calendar';
      this.announcement = recapViews.value?.outcomeAnnouncement(this.#recapContext, this.result) ?? '';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('account') || changed.has('memberId') || changed.has('month') || changed.has('client'))
      void this.#load();
    // A select's `.value` is set before its options are updated (a month's activities replace the
    // list), and once a person chose, `selected` attributes no longer count: set it again now.
    for (const select of this.renderRoot.querySelectorAll<HTMLSelectElement>('select[data-field]')) {
      const value = select.dataset.field === 'member' ? this.memberId : this.activityId;
      if (select.value !== value) select.value = value;
    }
    if (this.#focusAfterRender === 'day') {
      this.renderRoot.querySelector<HTMLElement>('button[data-date][tabindex="0"]')?.focus();
    } else if (this.#focusAfterRender === 'heading') {
      this.renderRoot.querySelector<HTMLElement>('[data-view-heading]')?.focus();
    }
    this.#focusAfterRender = '';
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && this.chooser && !dialog.open) dialog.showModal();
  }

  // ---- data

  async #load(): Promise<void> {
    const client = this.#client;
    const accountId = this.#accountId;
    if (!client || !accountId || !this.month) return;
    const id = ++this.#loads;
    const month = this.month;
    try {
      if (this.members.length === 0) {
        // The session lists the signed-in family's children: the month is asked at once.
        const session = this.guichet.session;
        if (session?.members && accountId === sessionAccountId(session)) this.members = session.members;
        else {
          this.loading = true;
          const view = await client.accounts.get(accountId);
          if (id !== this.#loads) return;
          this.members = view.account.members;
          this.loading = false;
          // Setting the members picks the first child, and that update loads its month.
          return;
        }
      }
      const memberId = this.memberId || this.members[0]?.id;
      if (!memberId) return;
      const key = `${memberId}:${month}`;
      let calendar = this.#cache.get(key);
      if (!calendar) {
        this.loading = true;
        this.loadError = '';
        // A load that an update starts again while the month is on its way (picking the first
        // child) waits for the same answer.
        let asked = this.#asking.get(key);
        if (!asked) {
          const request = client.calendar.month(accountId, { memberId, month });
          const settled = () => this.#asking.get(key) === request && this.#asking.delete(key);
          request.then(settled, settled);
          this.#asking.set(key, request);
          asked = request;
        }
        calendar = await asked;
        if (id !== this.#loads) return;
        this.#cache.set(key, calendar);
      }
      this.calendar = calendar;
      this.loading = false;
    } catch (error) {
      if (id !== this.#loads) return;
      this.loading = false;
      this.loadError = this.#failure(error, this.#t.loadError);
    }
  }

  /** Words for a failed request; a 401 also tells the page the session expired. */
  #failure(error: unknown, fallback: string): string {
    if (isUnauthorized(error)) {
      this.dispatchEvent(new GuichetSessionExpiredEvent());
      return this.#t.sessionExpired;
    }
    return errorMessage(error, this.language, fallback);
  }

  async #send(): Promise<void> {
    if (this.view === 'sending' || this.basket.length === 0 || this.#readOnly) return;
    const client = this.#client;
    const accountId = this.#accountId;
    if (!client || !accountId) {
      this.sendError = this.#t.noClient;
      return;
    }
    this.view = 'sending';
    this.sendError = '';
    this.announcement = this.#t.sending;
    this.#idempotencyKey ||= newKey();
    try {
      const result = await client.bookings.submit(
        accountId,
        { changes: this.basket },
        { idempotencyKey: this.#idempotencyKey },
      );
      this.#idempotencyKey = '';
      this.basket = [];
      this.result = result;
      this.#focusAfterRender = 'heading';
      this.emit(new GuichetBasketChangeEvent(this.basket));
      this.emit(new GuichetBookingSubmittedEvent(result));
      this.#forgetMonths();
    } catch (error) {
      this.view = 'recap';
      this.sendError = this.#failure(error, this.#t.sendError);
      this.announcement = this.sendError;
    }
  }

  // ---- days

  #entries(date: string): Entry[] {
    const shown = this.#shown;
    if (!shown) return [];
    return shown.days
      .filter((d) => d.date === date && (!this.activityId || d.activityId === this.activityId))
      .map((day) => ({
        day,
        activity: this.#activities.get(day.activityId),
        pending: this.basket.find((c) => basketKey(c) === basketKey({ ...day, memberId: shown.memberId })),
      }));
  }

  #stateWords(day: CalendarDay): string {
    const t = this.#t;
    if (day.state === 'waitlisted') return t.state.waitlisted(day.waitPosition);
    const words = t.state[day.state];
    return day.state === 'open' && day.placesLeft !== null
      ? `${words}, ${t.placesLeft(day.placesLeft)}`
      : words;
  }

  #entryWords(entry: Entry): string {
    const words = this.#stateWords(entry.day);
    if (!entry.pending) return words;
    return `${words}, ${entry.pending.op === 'add' ? this.#t.pendingAdd : this.#t.pendingRemove}`;
  }

  #actionable(entry: Entry): boolean {
    return !!entry.pending || ADDABLE.has(entry.day.state) || REMOVABLE.has(entry.day.state);
  }

  /** The change a click on this entry makes: undo its pending change, else add or cancel. */
  #changeFor(entry: Entry): BookingChange | undefined {
    if (entry.pending) return entry.pending;
    const { date, activityId, state: dayState, supplementIds } = entry.day;
    const memberId = this.#shown!.memberId;
    if (ADDABLE.has(dayState)) return { op: 'add', memberId, activityId, date };
    if (REMOVABLE.has(dayState)) return { op: 'remove', memberId, activityId, date, supplementIds };
    return undefined;
  }

  #toggle(entry: Entry): void {
    if (this.#readOnly) return;
    const change = this.#changeFor(entry);
    if (!change) return;
    this.#setBasket(toggleChange(this.basket, change));
    const after = this.#entries(entry.day.date).find((e) => e.day.activityId === entry.day.activityId);
    if (after) this.announcement = this.#t.dayLabel(this.#dayText(entry.day.date), this.#entryWords(after));
  }

  #setBasket(basket: BookingChange[]): void {
    this.basket = basket;
    this.#idempotencyKey = '';
    this.emit(new GuichetBasketChangeEvent(basket));
    // A family with a basket will want its recap: fetch it now, so "Valider" shows it at once.
    if (basket.length) void this.#recapArriving()?.then(() => this.#recapArriving());
  }

  #setSupplement(change: BookingChange, supplementId: string, on: boolean): void {
    const ids = new Set(change.supplementIds ?? []);
    if (on) ids.add(supplementId);
    else ids.delete(supplementId);
    const key = basketKey(change);
    this.#setBasket(this.basket.map((c) => (basketKey(c) === key ? { ...c, supplementIds: [...ids] } : c)));
  }

  #onDayClick(date: string): void {
    this.focused = date;
    if (this.#readOnly) return;
    const entries = this.#entries(date);
    const running = entries.filter((e) => e.day.state !== 'closed' || e.pending);
    if (running.length > 1) {
      this.chooser = date;
      return;
    }
    const [only] = running;
    if (only && this.#actionable(only)) this.#toggle(only);
  }

  #onGridKey(event: KeyboardEvent): void {
    const from = this.focused;
    let to: string | undefined;
    switch (event.key) {
      case 'ArrowLeft':
        to = addDaysIso(from, -1);
        break;
      case 'ArrowRight':
        to = addDaysIso(from, 1);
        break;
      case 'ArrowUp':
        to = addDaysIso(from, -7);
        break;
      case 'ArrowDown':
        to = addDaysIso(from, 7);
        break;
      case 'PageUp':
        to = sameDayMonthsAway(from, event.shiftKey ? -12 : -1);
        break;
      case 'PageDown':
        to = sameDayMonthsAway(from, event.shiftKey ? 12 : 1);
        break;
      case 'Home':
        to = addDaysIso(from, -weekdayIndex(from));
        break;
      case 'End':
        to = addDaysIso(from, 6 - weekdayIndex(from));
        break;
      default:
        return;
    }
    event.preventDefault();
    if (!this.#inBounds(to.slice(0, 7))) return;
    this.focused = to;
    this.#focusAfterRender = 'day';
    if (to.slice(0, 7) !== this.month) this.#goToMonth(to.slice(0, 7), to);
  }

  #goToMonth(month: string, focus: string): void {
    if (!this.#inBounds(month) || month === this.month) return;
    this.month = month;
    this.focused = focus;
    this.announcement = formatMonth(month, this.language);
    this.#emitNavigation();
  }

  #emitNavigation(): void {
    this.emit(
      new GuichetCalendarChangeEvent({
        memberId: this.memberId,
        month: this.month,
        activityId: this.activityId,
      }),
    );
  }

  #moveMonth(months: number): void {
    const month = addMonthsIso(this.month, months);
    if (!this.#inBounds(month)) return;
    this.#goToMonth(month, sameDayMonthsAway(this.focused, months));
  }

  // ---- labels

  #dayText(date: string): string {
    return formatDate(date, this.language, { day: 'numeric', month: 'long' });
  }

  #activityName(id: string): string {
    return this.#activities.get(id)?.name ?? this.#t.unknownActivity;
  }

  #memberName(id: string): string {
    const m = this.members.find((x) => x.id === id);
    return m ? `${m.firstName} ${m.lastName}` : '';
  }

  #list(parts: string[]): string {
    return new Intl.ListFormat(this.language === 'fr' ? 'fr-FR' : 'en-GB', { type: 'conjunction' }).format(
      parts,
    );
  }

  /** What the recap and outcome views read of this element (once their module has arrived). */
  get #recapContext(): RecapContext {
    return {
      t: this.#t,
      r: strings(recapViews.value!.recapStrings, this.language),
      severalMembers: this.members.length > 1,
      memberName: (id) => this.#memberName(id),
      activityName: (id) => this.#activityName(id),
      list: (parts) => this.#list(parts),
      dayText: (date) => this.#dayText(date),
      date: (date, options) => formatDate(date, this.language, options),
      money: (cents) => formatMoney(cents, this.language),
      icon,
    };
  }

  // ---- render

  override render() {
    const t = this.#t;
    // Until its first month arrives, the element says it is loading and draws no empty grid: the
    // grid's first drawing (and the start of the browser's date formatting) took the main thread
    // while the client's code and the first requests waited (bench/tag-breakdown.mjs).
    if (!this.calendar && !this.loadError && (this.loading || (this.api && !this.#client)))
      return html`<p part="message" class="message" role="status">${t.loading}</p>`;
    return html`
      ${this.#renderSelectors()}
      ${
        this.#readOnly
          ? html`<p part="read-only" class="notice">
              ${t.readOnly}
              ${this.payHref ? html`<a part="pay-link" href=${this.payHref}>${t.pay}</a>` : nothing}
            </p>`
          : nothing
      }
      ${this.result ? this.#renderOutcomes(this.result) : this.view === 'calendar' ? this.#renderCalendar() : this.#renderRecap()}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  #renderSelectors() {
    const t = this.#t;
    if (this.result || this.view !== 'calendar') return nothing;
    const activities = this.#shown?.activities ?? [...this.#activities.values()];
    const selected = this.activityId ? this.#activities.get(this.activityId) : undefined;
    const onMember = (e: Event) => {
      this.memberId = (e.target as HTMLSelectElement).value;
      this.#emitNavigation();
    };
    const onActivity = (e: Event) => {
      this.activityId = (e.target as HTMLSelectElement).value;
      this.#emitNavigation();
    };
    return html`<div part="selectors" class="selectors">
      ${
        this.members.length > 1
          ? html`<label
              >${t.child}
              <select data-field="member" @change=${onMember} .value=${this.memberId}>
                ${this.members.map(
                  (m) =>
                    html`<option value=${m.id} ?selected=${m.id === this.memberId}>${m.firstName} ${m.lastName}</option>`,
                )}
              </select></label
            >`
          : this.members.length === 1
            ? html`<p class="field">${t.child} <strong>${this.#memberName(this.memberId)}</strong></p>`
            : nothing
      }
      ${
        activities.length > 0
          ? html`<label
              >${t.activity}
              <select data-field="activity" @change=${onActivity} .value=${this.activityId}>
                <option value="" ?selected=${!this.activityId}>${t.allActivities}</option>
                ${activities.map(
                  (a) => html`<option value=${a.id} ?selected=${a.id === this.activityId}>${a.name}</option>`,
                )}
              </select></label
            >`
          : nothing
      }
      ${
        selected
          ? html`<p part="price" class="price">
              ${t.price(
                formatMoney(selected.unitPrice, this.language),
                selected.quantity,
                formatMoney(selected.unitPrice * selected.quantity, this.language),
              )}
              <span class="muted">(${t.times(selected.startTime, selected.endTime)})</span>
            </p>`
          : nothing
      }
    </div>`;
  }

  #renderCalendar() {
    const t = this.#t;
    const shown = this.#shown;
    const days = daysOfMonth(this.month);
    const lead = weekdayIndex(days[0]!);
    const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...days];
    while (cells.length % 7) cells.push(null);
    const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
    const monday = '2024-01-01';
    const weekdays = Array.from({ length: 7 }, (_, i) => addDaysIso(monday, i));
    const prev = addMonthsIso(this.month, -1);
    const next = addMonthsIso(this.month, 1);
    const noActivities = shown && shown.activities.length === 0;
    return html`
      <div part="header" class="header">
        <button
          part="nav-button previous"
          class="nav"
          aria-label=${t.previousMonth}
          aria-disabled=${this.#inBounds(prev) ? 'false' : 'true'}
          @click=${() => this.#moveMonth(-1)}
        >
          <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M10 3L5 8l5 5" /></svg>
        </button>
        <h2 id="month" part="heading" class="month">${formatMonth(this.month, this.language)}</h2>
        <button
          part="nav-button next"
          class="nav"
          aria-label=${t.nextMonth}
          aria-disabled=${this.#inBounds(next) ? 'false' : 'true'}
          @click=${() => this.#moveMonth(1)}
        >
          <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M6 3l5 5-5 5" /></svg>
        </button>
      </div>
      ${this.loading ? html`<p part="message" class="message">${t.loading}</p>` : nothing}
      ${
        this.loadError
          ? html`<p part="message" class="message error" role="alert">
              ${this.loadError}
              <button part="button" @click=${() => this.reload()}>${t.retry}</button>
            </p>`
          : nothing
      }
      ${this.#client === undefined && !this.calendar && !this.api && !this.guichet.provided ? html`<p part="message" class="message">${t.noClient}</p>` : nothing}
      ${this.#client && !this.#accountId && !this.calendar ? html`<p part="message" class="message">${t.signedOut}</p>` : nothing}
      ${noActivities ? html`<p part="message" class="message">${t.noActivities}</p>` : nothing}
      <table part="grid" class="grid" aria-labelledby="month" aria-busy=${this.loading ? 'true' : 'false'} @keydown=${this.#onGridKey}>
        <thead>
          <tr>
            ${weekdays.map(
              (d) => html`<th scope="col" part="weekday">
                <span aria-hidden="true">${formatDate(d, this.language, { weekday: 'short' })}</span>
                <span class="visually-hidden">${formatDate(d, this.language, { weekday: 'long' })}</span>
              </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${weeks.map((week) => html`<tr>${week.map((date) => (date ? this.#renderDay(date) : html`<td></td>`))}</tr>`)}
        </tbody>
      </table>
      ${this.#renderDayPanel()}
      ${this.#renderLegend()}
      ${this.#readOnly ? nothing : this.#renderBasket()}
      ${this.chooser ? this.#renderChooser(this.chooser) : nothing}
    `;
  }

  #renderDay(date: string) {
    const t = this.#t;
    const entries = this.#entries(date);
    const running = entries.filter((e) => e.day.state !== 'closed' || e.pending);
    const known = this.#shown !== null;
    const multiple = running.length > 1;
    let shownState: DayState | undefined;
    let label: string;
    if (!known) {
      label = t.dayLabel(this.#dayText(date), this.loading ? t.loadingDay : t.unavailable);
    } else if (multiple) {
      shownState = PRIORITY.find((s) => running.some((e) => e.day.state === s));
      label = t.dayLabel(
        this.#dayText(date),
        t.severalActivities(
          running.length,
          running
            .map((e) => t.activityState(this.#activityName(e.day.activityId), this.#entryWords(e)))
            .join(' ; '),
        ),
      );
    } else {
      const entry = running[0] ?? entries[0];
      shownState = entry?.day.state ?? 'closed';
      label = t.dayLabel(this.#dayText(date), entry ? this.#entryWords(entry) : t.state.closed);
    }
    const adds = running.some((e) => e.pending?.op === 'add');
    const removes = running.some((e) => e.pending?.op === 'remove');
    const enabled = known && !this.#readOnly && running.some((e) => this.#actionable(e));
    const isToday = date === this.#today;
    const parts = [
      'day',
      shownState ?? 'unknown',
      adds ? 'pending-add' : '',
      removes ? 'pending-remove' : '',
      isToday ? 'today' : '',
      multiple ? 'multiple' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const waitPosition = running.find((e) => e.day.state === 'waitlisted')?.day.waitPosition;
    return html`<td>
      <button
        part=${parts}
        class="day ${shownState ?? 'unknown'}"
        data-date=${date}
        data-position=${shownState === 'waitlisted' && waitPosition ? waitPosition : nothing}
        data-count=${multiple ? running.length : nothing}
        tabindex=${date === this.focused ? 0 : -1}
        aria-label=${label}
        aria-disabled=${enabled ? 'false' : 'true'}
        aria-current=${isToday ? 'date' : nothing}
        @click=${() => this.#onDayClick(date)}
        @focus=${() => {
          this.focused = date;
        }}
      >
        <span class="number" aria-hidden="true">${Number(date.slice(8))}</span>
        ${shownState ? icon(shownState) : nothing}
        ${adds ? html`<span class="badge add">${icon('add')}</span>` : nothing}
        ${removes ? html`<span class="badge remove">${icon('remove')}</span>` : nothing}
      </button>
    </td>`;
  }

  #renderEntries(date: string) {
    const t = this.#t;
    const all = this.#entries(date);
    const running = all.filter((e) => e.day.state !== 'closed' || e.pending);
    const entries = running.length > 0 ? running : all.slice(0, 1);
    return html`<ul class="entries">
      ${entries.map((entry) => {
        const { day, activity, pending } = entry;
        const offered = (activity?.supplements ?? []).filter(
          (s) => s.dates.length === 0 || s.dates.includes(date),
        );
        const booked = day.supplementIds.map(
          (id) => activity?.supplements.find((s) => s.id === id)?.name ?? id,
        );
        const action = pending
          ? t.undo
          : ADDABLE.has(day.state)
            ? t.book
            : day.state === 'waitlisted'
              ? t.leaveWaitlist
              : REMOVABLE.has(day.state)
                ? t.cancelBooking
                : '';
        return html`<li class="entry ${day.state}">
          <div class="entry-head">
            <span class="swatch ${day.state}">${icon(day.state)}</span>
            <span>
              <strong>${this.#activityName(day.activityId)}</strong>
              ${activity ? html`<span class="muted">${t.times(activity.startTime, activity.endTime)} · ${formatMoney(activity.unitPrice * activity.quantity, this.language)}</span>` : nothing}
              <br />${this.#entryWords(entry)}
            </span>
            ${
              action && !this.#readOnly
                ? html`<button part="button" class=${pending ? '' : 'primary'} @click=${() => this.#toggle(entry)}>${action}</button>`
                : nothing
            }
          </div>
          ${booked.length > 0 && !pending ? html`<p class="muted">${t.bookedSupplements(this.#list(booked))}</p>` : nothing}
          ${
            pending?.op === 'add' && offered.length > 0
              ? html`<fieldset class="supplements">
                  <legend>${t.supplements}</legend>
                  ${offered.map(
                    (s) => html`<label class="check"
                      ><input
                        type="checkbox"
                        .checked=${(pending.supplementIds ?? []).includes(s.id)}
                        @change=${(e: Event) => this.#setSupplement(pending, s.id, (e.target as HTMLInputElement).checked)}
                      />
                      ${s.name} (${formatMoney(s.unitPrice, this.language)})</label
                    >`,
                  )}
                </fieldset>`
              : nothing
          }
        </li>`;
      })}
    </ul>`;
  }

  #renderDayPanel() {
    if (!this.#shown || !this.focused) return nothing;
    return html`<section part="day-panel" class="panel" aria-labelledby="panel-title">
      <h3 id="panel-title">${formatDate(this.focused, this.language, { weekday: 'long', day: 'numeric', month: 'long' })}</h3>
      ${this.#renderEntries(this.focused)}
    </section>`;
  }

  #renderChooser(date: string) {
    const t = this.#t;
    const close = () => {
      this.chooser = '';
      this.#focusAfterRender = 'day';
    };
    return html`<dialog part="chooser" class="chooser" aria-labelledby="chooser-title" @close=${close}>
      <h3 id="chooser-title">${t.chooserTitle(formatDate(date, this.language, { weekday: 'long', day: 'numeric', month: 'long' }))}</h3>
      ${this.#renderEntries(date)}
      <div class="actions"><button part="button primary" class="primary" @click=${close}>${t.close}</button></div>
    </dialog>`;
  }

  #renderLegend() {
    const t = this.#t;
    return html`<section part="legend" class="legend" aria-labelledby="legend-title">
      <h3 id="legend-title">${t.legend}</h3>
      <ul>
        ${STATES.map(
          (s) => html`<li data-state=${s}><span class="swatch ${s}">${icon(s)}</span>${t.stateShort[s]}</li>`,
        )}
        <li data-state="pending-add"><span class="swatch pending">${icon('add')}</span>${t.pendingAdd}</li>
        <li data-state="pending-remove"><span class="swatch pending">${icon('remove')}</span>${t.pendingRemove}</li>
      </ul>
    </section>`;
  }

  #recap(): Recap | null {
    try {
      return buildRecap({ changes: this.basket, activities: [...this.#activities.values()] });
    } catch {
      return null;
    }
  }

  #renderBasket() {
    const t = this.#t;
    const recap = this.#recap();
    const adds = this.basket.filter((c) => c.op === 'add').length;
    const empty = this.basket.length === 0;
    const sorted = [...this.basket].sort((a, b) => a.date.localeCompare(b.date));
    return html`<section part="basket" class="basket" aria-labelledby="basket-title">
      <h3 id="basket-title">${t.basket}</h3>
      ${
        empty
          ? html`<p class="muted">${t.basketEmpty}</p>`
          : html`<p>
                ${t.basketSummary(adds, this.basket.length - adds)}${
                  recap
                    ? html` · <strong>${t.basketTotal(formatMoney(recap.totals.net, this.language))}</strong>`
                    : nothing
                }
              </p>
              <ul class="changes">
                ${sorted.map((c) => {
                  const what = `${formatDate(c.date, this.language, { weekday: 'short', day: 'numeric', month: 'short' })}, ${this.#activityName(c.activityId)}`;
                  return html`<li class=${c.op}>
                    <span class="swatch pending">${icon(c.op)}</span>
                    <span>${what} <span class="muted">(${c.op === 'add' ? t.changeAdd : t.changeRemove}${this.members.length > 1 ? html`, ${this.#memberName(c.memberId)}` : nothing})</span></span>
                    <button part="button" class="remove" aria-label=${t.removeFromBasket(what)} @click=${() => this.#setBasket(toggleChange(this.basket, c))}>
                      <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M4 4l8 8M12 4l-8 8" /></svg>
                    </button>
                  </li>`;
                })}
              </ul>`
      }
      <div class="actions">
        <button part="button" aria-disabled=${empty ? 'true' : 'false'} @click=${() => !empty && this.#setBasket([])}>${t.abandon}</button>
        <button part="button primary" class="primary" aria-disabled=${empty ? 'true' : 'false'} @click=${this.#openRecap}>${t.validate}</button>
      </div>
    </section>`;
  }

  #openRecap = (): void => {
    if (this.basket.length === 0) return;
    this.view = 'recap';
    this.sendError = '';
    this.#focusAfterRender = 'heading';
  };

  #back = (): void => {
    this.view = 'calendar';
    this.#focusAfterRender = 'day';
  };

  #abandon = (): void => {
    this.#setBasket([]);
    this.#back();
  };

  #renderRecap() {
    const views = recapViews.value;
    if (!views) return this.#renderViewError(this.#back);
    return views.recapView(this.#recapContext, {
      recap: this.#recap(),
      sending: this.view === 'sending',
      sendError: this.sendError,
      readOnly: this.#readOnly,
      abandon: this.#abandon,
      back: this.#back,
      send: () => this.#send(),
    });
  }

  #renderOutcomes(result: BookingResult) {
    const backToCalendar = () => {
      this.result = null;
      this.#focusAfterRender = 'day';
      this.reload();
    };
    const views = recapViews.value;
    if (!views) return this.#renderViewError(backToCalendar);
    return views.outcomesView(this.#recapContext, result, backToCalendar);
  }

  // The recap's code did not arrive (offline): say so, try again on demand, or go back.
  #renderViewError(back: () => void) {
    const t = this.#t;
    return html`<p part="message" class="message error" role="alert">${t.viewError}</p>
      <div class="actions">
        <button part="button" @click=${back}>${t.back}</button>
        <button part="button primary" class="primary" @click=${() => this.requestUpdate()}>${t.retry}</button>
      </div>`;
  }
}
