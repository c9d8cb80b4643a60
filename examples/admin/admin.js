// The demo's back office: a plain ES module on the sdk client, no framework. Staff sign in with the
// session cookie (same origin), then: activities, days of a period, payments, voucher orders.
import { createClient, isGuichetError } from '/sdk/guichet-sdk.js';

const client = createClient({ baseUrl: '/', lang: 'fr', credentials: 'same-origin' });
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const dates = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short' });

const $ = (id) => document.getElementById(id);
const ORDER_STATES = {
  requested: 'Demandée',
  paid: 'Payée',
  loaded: 'Places chargées',
  cancelled: 'Annulée',
};

/** The server's message in French, else the error's own. */
function messageOf(error) {
  if (isGuichetError(error)) {
    const details = error.errors?.map((e) => `${e.path} : ${e.message}`).join(' ; ');
    return details ? `${error.message} (${details})` : error.message;
  }
  return String(error?.message ?? error);
}

function say(element, text, isError = false) {
  element.textContent = text;
  element.classList.toggle('error', isError);
}

/** Runs a form's action with its button disabled, and says what happened. */
async function act(form, output, action) {
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  say(output, 'Envoi…');
  try {
    say(output, await action());
  } catch (error) {
    say(output, messageOf(error), true);
    if (error?.status === 401) showSignedOut();
  } finally {
    button.disabled = false;
  }
}

/** A table row of text cells (textContent only: nothing from the server becomes markup). */
function row(cells, numeric = []) {
  const tr = document.createElement('tr');
  cells.forEach((cell, i) => {
    const td = document.createElement('td');
    if (cell instanceof Node) td.append(cell);
    else td.textContent = cell;
    if (numeric.includes(i)) td.className = 'num';
    tr.append(td);
  });
  return tr;
}

function option(value, label) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

/** "45", "45,5", "45,50 €" -> 4550 cents; null when it is not an amount. */
function parseEuros(text) {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*€?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

const today = () => new Date().toLocaleDateString('sv-SE'); // YYYY-MM-DD in the device's zone

// ---- session
function showSignedOut() {
  $('login-section').hidden = false;
  $('town').hidden = true;
  $('cinema').hidden = true;
  $('logout').hidden = true;
  $('structure-form').hidden = true;
  $('who').textContent = '';
}

async function showSignedIn(s) {
  $('login-section').hidden = true;
  $('logout').hidden = false;
  const adminOf = s.memberships.filter((m) => m.role === 'admin');
  const current = s.memberships.find((m) => m.structureId === s.currentStructureId);
  $('who').textContent = `${s.user.displayName} · ${current?.structureName ?? ''}`;
  const select = $('structure');
  select.replaceChildren(...adminOf.map((m) => option(m.structureId, m.structureName)));
  select.value = s.currentStructureId;
  $('structure-form').hidden = adminOf.length < 2;
  if (current?.role !== 'admin') {
    say($('status'), 'Ce compte n’administre pas cette structure.', true);
    return;
  }
  say($('status'), '');
  await Promise.all([loadTown(), loadOrders()]);
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  act(form, $('status'), async () => {
    const s = await client.auth.login({
      login: form.login.value,
      password: form.password.value,
      mode: 'cookie',
    });
    form.password.value = '';
    await showSignedIn(s);
    return '';
  });
});

$('logout').addEventListener('click', async () => {
  await client.auth.logout().catch(() => {});
  showSignedOut();
});

$('structure-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act(event.currentTarget, $('status'), async () => {
    const s = await client.auth.switchStructure({ structureId: $('structure').value });
    await showSignedIn(s);
    return '';
  });
});

// ---- a town: activities, days, payments
let activities = [];

async function loadTown() {
  activities = (await client.admin.activities.list()).items;
  $('town').hidden = activities.length === 0;
  $('activities').replaceChildren(
    ...activities.map((a) =>
      row(
        [a.name, `${a.startTime} – ${a.endTime}`, euros.format(a.unitPrice / 100), String(a.quantity)],
        [2, 3],
      ),
    ),
  );
  $('slot-activity').replaceChildren(...activities.map((a) => option(a.id, a.name)));
  if (!$('slot-from').value) $('slot-from').value = today();
  if (!$('slot-to').value) $('slot-to').value = today();
  if (!$('slot-opens').value) $('slot-opens').value = `${today()}T08:00`;
  if (!$('pay-date').value) $('pay-date').value = today();
  if (activities.length) await searchAccounts($('account-q').value);
}

$('slots-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  act(form, $('slots-result'), async () => {
    const weekdays = [...form.querySelectorAll('input[name="weekday"]:checked')].map((c) => Number(c.value));
    const body = {
      activityId: form.activityId.value,
      from: form.from.value,
      to: form.to.value,
      weekdays,
      capacity: Number(form.capacity.value),
      waitingCapacity: Number(form.waitingCapacity.value),
      opensAt: new Date(form.opensAt.value).toISOString(),
      deadlineDaysBefore: Number(form.deadlineDaysBefore.value),
      deadlineTime: form.deadlineTime.value,
    };
    const { created, updated } = await client.admin.slots.createBulk(body);
    return `${created} journée(s) créée(s), ${updated} mise(s) à jour.`;
  });
});

async function searchAccounts(q) {
  const page = await client.admin.accounts.list(q ? { q } : {}).first();
  $('pay-account').replaceChildren(...page.items.map((a) => option(a.id, a.holderName)));
  await loadWallets();
}

async function loadWallets() {
  const accountId = $('pay-account').value;
  if (!accountId) {
    $('pay-wallet').replaceChildren();
    return;
  }
  const view = await client.accounts.get(accountId);
  $('pay-wallet').replaceChildren(
    ...view.wallets.map((w) => option(w.id, `${w.name} (solde ${euros.format(w.balance / 100)})`)),
  );
  $('pay-payer').value ||= view.account.holderName;
}

$('account-search').addEventListener('submit', (event) => {
  event.preventDefault();
  act(event.currentTarget, $('payment-result'), async () => {
    await searchAccounts($('account-q').value.trim());
    return '';
  });
});
$('pay-account').addEventListener('change', () => {
  $('pay-payer').value = '';
  loadWallets().catch((error) => say($('payment-result'), messageOf(error), true));
});

$('payment-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  act(form, $('payment-result'), async () => {
    const amount = parseEuros(form.amount.value);
    if (!amount) throw new Error('Montant : écrivez un montant en euros, par exemple 45,00.');
    const payment = await client.admin.payments.record({
      walletId: form.walletId.value,
      receivedOn: form.receivedOn.value,
      mode: form.mode.value,
      pieceNumber: form.pieceNumber.value.trim(),
      payerName: form.payerName.value.trim(),
      bankName: form.bankName.value.trim(),
      amount,
    });
    form.amount.value = '';
    form.pieceNumber.value = '';
    await loadWallets();
    return `Règlement de ${euros.format(payment.amount / 100)} enregistré le ${dates.format(new Date(payment.createdAt))}.`;
  });
});

// ---- a cinema network: orders of places
async function loadOrders() {
  const orders = [];
  for await (const order of client.admin.voucherOrders.list()) {
    orders.push(order);
    if (orders.length >= 50) break;
  }
  $('cinema').hidden = orders.length === 0 && activities.length > 0;
  const rows = orders.map((o) => {
    let action;
    if (o.status === 'requested') {
      const form = document.createElement('form');
      form.className = 'inline';
      const input = document.createElement('input');
      input.name = 'reference';
      input.required = true;
      input.placeholder = 'N° du bon de commande';
      input.setAttribute('aria-label', `Bon de commande de ${o.centreName}`);
      const button = document.createElement('button');
      button.type = 'submit';
      button.textContent = 'Marquer payée';
      const output = document.createElement('span');
      output.setAttribute('role', 'status');
      form.append(input, button, output);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        act(form, output, async () => {
          const { voucher } = await client.admin.voucherOrders.markPaid(o.id, input.value.trim());
          await loadOrders();
          return `Payée : ${o.places} places chargées sur ${voucher.number}.`;
        });
      });
      action = form;
    } else action = o.paymentReference ?? '';
    return row(
      [
        dates.format(new Date(o.createdAt)),
        o.centreName,
        String(o.places),
        dates.format(new Date(`${o.firstSessionDate}T12:00`)),
        ORDER_STATES[o.status] ?? o.status,
        action,
      ],
      [2],
    );
  });
  if (!rows.length) rows.push(row(['Aucune commande.', '', '', '', '', '']));
  $('orders').replaceChildren(...rows);
}

// ---- start
client.auth.session().then(showSignedIn, showSignedOut);
