// Runs in headless Chromium, bundled by bench/lib/build.mjs and served by bench/lib/render.mjs.
// Each measure starts with the data in hand and ends when the grid is in the DOM with its style
// and layout computed (a forced synchronous layout); the frame's paint is then let through
// before the next measure.
import '../../packages/widgets/src/family-calendar/define.ts';
import { Calendar } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import 'cally';

const STATES = ['closed', 'open', 'booked', 'locked', 'waitlist', 'full', 'waitlisted'];
const activity = (id, name, start, end, unitPrice) => ({
  id,
  structureId: 'bench',
  name,
  startTime: start,
  endTime: end,
  unitPrice,
  quantity: 1,
  walletKindId: 'periscolaire',
  eligibility: { minAge: 3, maxAge: 6 },
  conflictGroup: null,
  supplements: [],
});
const ACTIVITIES = [
  activity('matin', 'ALSH 3-6 ans Matin', '09:00', '13:30', 475),
  activity('am', 'ALSH 3-6 ans Après-midi', '12:00', '17:30', 475),
  activity('journee', 'ALSH 3-6 ans Journée', '09:00', '17:30', 665),
];
const MEMBERS = [
  { id: 'leo', accountId: 'dupont', firstName: 'Léo', lastName: 'DUPONT', birthDate: '2021-05-01' },
];

/** Three activities on every day of the month; the states cycle so each one shows many times. */
export function month(ym) {
  const [y, m] = ym.split('-').map(Number);
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const days = [];
  for (let d = 1; d <= count; d++) {
    const date = `${ym}-${String(d).padStart(2, '0')}`;
    ACTIVITIES.forEach((a, i) => {
      const state = STATES[(d + i * 3) % STATES.length];
      days.push({
        date,
        activityId: a.id,
        state,
        slotId: state === 'closed' ? null : `${a.id}-${date}`,
        placesLeft: state === 'open' ? 5 : state === 'closed' ? null : 0,
        waitPosition: state === 'waitlisted' ? 2 : null,
        supplementIds: [],
      });
    });
  }
  return { memberId: 'leo', month: ym, activities: ACTIVITIES, days, readOnly: false };
}

const stage = () => document.getElementById('stage');
const layout = (el) => el.getBoundingClientRect();
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function until(test) {
  for (let i = 0; i < 200; i++) {
    if (test()) return;
    await Promise.resolve();
  }
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** `<family-calendar>`: data set as properties, then PageDown with the next month fed on its event. */
export async function familyCalendar() {
  stage().replaceChildren();
  const april = month('2026-04');
  const may = month('2026-05');
  const t0 = performance.now();
  const el = document.createElement('family-calendar');
  el.setAttribute('lang', 'fr');
  el.setAttribute('today', '2026-04-15');
  el.members = MEMBERS;
  el.calendar = april;
  stage().append(el);
  await el.updateComplete;
  layout(el.shadowRoot.querySelector('table'));
  const first = performance.now() - t0;
  const days = el.shadowRoot.querySelectorAll('button[data-date]').length;
  await frame();
  const day = el.shadowRoot.querySelector('button[data-date][tabindex="0"]');
  day.focus();
  el.addEventListener(
    'guichet-calendar-change',
    (event) => {
      if (event.detail.month === '2026-05') el.calendar = may;
    },
    { once: true },
  );
  const t1 = performance.now();
  day.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, composed: true }));
  await el.updateComplete;
  layout(el.shadowRoot.querySelector('table'));
  const next = performance.now() - t1;
  const shown = el.shadowRoot.querySelector('button[data-date="2026-05-15"]') !== null;
  await frame();
  return { first, next, ok: days >= 30 && shown };
}

function events(ym) {
  return month(ym).days.map((d) => ({
    title: `${ACTIVITIES.find((a) => a.id === d.activityId).name} · ${d.state}`,
    start: d.date,
    allDay: true,
    classNames: [d.state],
  }));
}

/** FullCalendar's month view with the same 93 entries as events; then its `next()`. */
export async function fullCalendar() {
  stage().replaceChildren();
  const div = document.createElement('div');
  stage().append(div);
  const all = [...events('2026-04'), ...events('2026-05')];
  const t0 = performance.now();
  const calendar = new Calendar(div, {
    plugins: [dayGridPlugin],
    initialView: 'dayGridMonth',
    initialDate: '2026-04-15',
    events: all,
  });
  calendar.render();
  layout(div);
  const first = performance.now() - t0;
  const ok1 = div.querySelectorAll('.fc-daygrid-day').length >= 28;
  await frame();
  const t1 = performance.now();
  calendar.next();
  layout(div);
  const next = performance.now() - t1;
  const ok = ok1 && div.querySelector('[data-date="2026-05-15"]') !== null;
  await frame();
  calendar.destroy();
  return { first, next, ok };
}

/** Cally's `<calendar-date>` with one `<calendar-month>` (no per-day states: it has none); then the next month. */
export async function cally() {
  stage().replaceChildren();
  const t0 = performance.now();
  const el = document.createElement('calendar-date');
  el.setAttribute('value', '2026-04-15');
  el.setAttribute('focused-date', '2026-04-15');
  const grid = document.createElement('calendar-month');
  el.append(grid);
  stage().append(el);
  const buttons = () => grid.shadowRoot?.querySelectorAll('button') ?? [];
  await until(() => buttons().length >= 28);
  layout(el);
  const first = performance.now() - t0;
  const before = [...buttons()].map((b) => b.getAttribute('aria-label') ?? b.textContent).join();
  await frame();
  const t1 = performance.now();
  el.focusedDate = '2026-05-15';
  await until(
    () => [...buttons()].map((b) => b.getAttribute('aria-label') ?? b.textContent).join() !== before,
  );
  layout(el);
  const next = performance.now() - t1;
  await frame();
  return { first, next, ok: true };
}

window.bench = { familyCalendar, fullCalendar, cally };
