import { randomUUID } from 'node:crypto';
import type { Role, Session } from '@guichet/sdk/schemas';
import { sql } from 'kysely';
import { problem } from '../http/problem.js';
import { escapeHtml } from '../mail/outbox.js';
import type { Db } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import type { Ctx, Household, Principal } from './context.js';
import { householdOf, householdRows, membersOf } from './family.js';
import { assertLoginAllowed, countLoginFailure, forgetLoginFailures } from './login-throttle.js';
import { decoyHash, hashPassword, hashSecret, newSecret, verifyPassword } from './passwords.js';

/** Checks login and password and opens a session; returns the session and its secret token. */
export async function login(
  ctx: Ctx,
  input: { login: string; password: string; structureId?: string | undefined },
): Promise<{ session: Session; token: string }> {
  // Guessing is slowed per login and per address, across processes (services/login-throttle.ts).
  await assertLoginAllowed(ctx, input.login);
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('login', '=', input.login.trim())
    .executeTakeFirst();
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()));
  if (!user || !ok) {
    await countLoginFailure(ctx, input.login);
    throw problem('invalid_credentials');
  }
  await forgetLoginFailures(ctx, input.login);
  const memberships = await membershipsOf(ctx.db, user.id);
  const first = memberships[0];
  if (!first) throw problem('forbidden');
  const structureId = input.structureId ?? first.structureId;
  if (!memberships.some((m) => m.structureId === structureId)) throw problem('forbidden');
  // A new token on every login (no session fixation).
  const token = newSecret('gs');
  await ctx.db
    .insertInto('sessions')
    .values({
      token_hash: hashSecret(token),
      user_id: user.id,
      structure_id: structureId,
      expires_at: new Date(ctx.now.getTime() + ctx.config.sessionHours * 3600_000),
    })
    .execute();
  return { session: await sessionView(ctx.db, user.id, structureId), token };
}

export async function logout(ctx: Ctx): Promise<void> {
  const hash = ctx.principal?.sessionHash;
  if (hash) await ctx.db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
}

/**
 * One round trip: a session, the caller's memberships in its structure and, for a family
 * membership, its account with the children (one row a membership and child, children in
 * `membersOf` order), so that a family's requests need not read them again.
 */
const sessionWithMemberships = prepared((db, hash: string) =>
  db
    .selectFrom('sessions')
    .leftJoin('memberships', (join) =>
      join
        .onRef('memberships.user_id', '=', 'sessions.user_id')
        .onRef('memberships.structure_id', '=', 'sessions.structure_id'),
    )
    .leftJoinLateral(
      (eb) => householdRows(db, eb.ref('memberships.account_id')).as('h'),
      (join) => join.onTrue(),
    )
    .select([
      'sessions.user_id',
      'sessions.structure_id as session_structure_id',
      'sessions.expires_at',
      'memberships.role',
      'memberships.account_id',
      'memberships.venue_ids',
      'h.id',
      'h.structure_id',
      'h.structure_name',
      'h.holder_name',
      'h.email',
      'h.member_id',
      'h.first_name',
      'h.last_name',
      'h.birth_date',
      'h.in_debit',
    ])
    .where('sessions.token_hash', '=', hash)
    // The children in `householdRows` order: a subquery's order is not kept by the outer query.
    .orderBy('h.birth_date')
    .orderBy('h.first_name')
    .orderBy('h.member_id'),
);

/** The principal behind a session token or an API key, or null when unknown or expired. */
export async function authenticate(db: Db, secret: string, now: Date): Promise<Principal | null> {
  const hash = hashSecret(secret);
  if (secret.startsWith('gk_')) {
    const key = await db
      .selectFrom('api_keys')
      .select(['structure_id'])
      .where('key_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!key) return null;
    return {
      kind: 'api_key',
      userId: null,
      structureId: key.structure_id,
      roles: ['admin'],
      accountId: null,
      venueIds: [],
      sessionHash: null,
      household: null,
    };
  }
  const rows = await sessionWithMemberships(db, hash);
  const session = rows[0];
  if (!session || session.expires_at <= now) return null;
  // A membership per role (the key of memberships), repeated once per child of its account.
  const memberships = [
    ...new Map(rows.flatMap((r) => (r.role ? [[r.role, { ...r, role: r.role }] as const] : []))).values(),
  ];
  const accountId = memberships.find((r) => r.account_id)?.account_id ?? null;
  const household = accountId ? householdOf(rows.filter((r) => r.account_id === accountId)) : null;
  return {
    kind: 'session',
    userId: session.user_id,
    structureId: session.session_structure_id,
    roles: memberships.map((r) => r.role),
    accountId,
    venueIds: memberships.flatMap((r) => r.venue_ids ?? []),
    sessionHash: hash,
    household,
  };
}

/**
 * The user's memberships, town halls first (the first one is where a login lands when it does not
 * name a structure), then by structure name and role.
 */
async function membershipsOf(db: Db, userId: string) {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('structures', 'structures.id', 'memberships.structure_id')
    .select([
      'memberships.structure_id',
      'structures.name',
      'memberships.role',
      'memberships.account_id',
      'memberships.venue_ids',
    ])
    .where('memberships.user_id', '=', userId)
    .orderBy(sql`case structures.kind when 'town' then 0 when 'leisure_centre' then 1 else 2 end`)
    .orderBy('structures.name')
    .orderBy('memberships.role')
    .execute();
  return rows.map((r) => ({
    structureId: r.structure_id,
    structureName: r.name,
    role: r.role as Role,
    ...(r.account_id ? { accountId: r.account_id } : {}),
    ...(r.venue_ids.length ? { venueIds: r.venue_ids } : {}),
  }));
}

/**
 * The session's answer. The family's children come from `household` when the caller's session
 * already read them (`authenticate`), else from the store.
 */
export async function sessionView(
  db: Db,
  userId: string,
  structureId: string,
  household?: Household | null,
): Promise<Session> {
  const [user, memberships] = await Promise.all([
    db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow(),
    membershipsOf(db, userId),
  ]);
  const accountId = memberships.find((m) => m.structureId === structureId && m.accountId)?.accountId;
  const members = !accountId
    ? undefined
    : household?.account.id === accountId
      ? household.members
      : await membersOf(db, accountId);
  return {
    user: { id: user.id, login: user.login, displayName: user.display_name, email: user.email },
    memberships,
    currentStructureId: structureId,
    ...(members ? { members } : {}),
  };
}

export function requireUser(ctx: Ctx): Principal & { userId: string } {
  const p = ctx.principal;
  if (!p?.userId) throw problem('forbidden');
  return p as Principal & { userId: string };
}

/** Moves the current session to another structure of the user. */
export async function switchStructure(ctx: Ctx, structureId: string): Promise<Session> {
  const p = requireUser(ctx);
  const allowed = await ctx.db
    .selectFrom('memberships')
    .select('role')
    .where('user_id', '=', p.userId)
    .where('structure_id', '=', structureId)
    .executeTakeFirst();
  if (!allowed) throw problem('not_found');
  await ctx.db
    .updateTable('sessions')
    .set({ structure_id: structureId })
    .where('token_hash', '=', p.sessionHash ?? '')
    .execute();
  return sessionView(ctx.db, p.userId, structureId);
}

export async function profile(ctx: Ctx) {
  const p = requireUser(ctx);
  const u = await ctx.db.selectFrom('users').selectAll().where('id', '=', p.userId).executeTakeFirstOrThrow();
  return { id: u.id, login: u.login, displayName: u.display_name, email: u.email };
}

export async function updateProfile(ctx: Ctx, input: { email: string | null }) {
  const p = requireUser(ctx);
  await ctx.db.updateTable('users').set({ email: input.email }).where('id', '=', p.userId).execute();
  return profile(ctx);
}

/** Changes the password and closes the user's other sessions. */
export async function changePassword(ctx: Ctx, input: { current: string; password: string }) {
  const p = requireUser(ctx);
  const u = await ctx.db.selectFrom('users').selectAll().where('id', '=', p.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.current, u.password_hash))) throw problem('wrong_password');
  await ctx.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.password) })
    .where('id', '=', p.userId)
    .execute();
  await ctx.db
    .deleteFrom('sessions')
    .where('user_id', '=', p.userId)
    .where('token_hash', '!=', p.sessionHash ?? '')
    .execute();
}

/**
 * Mails a single-use link valid `resetMinutes` when the login or email is known. Answers the
 * same either way, so the endpoint does not tell who has an account.
 */
export async function requestPasswordReset(
  ctx: Ctx,
  input: { login: string; lang?: 'fr' | 'en' | undefined },
) {
  const key = input.login.trim();
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('login', '=', key), eb('email', '=', key)]))
    .executeTakeFirst();
  if (!user?.email) return;
  const token = newSecret('gr');
  await ctx.db
    .insertInto('password_resets')
    .values({
      token_hash: hashSecret(token),
      user_id: user.id,
      expires_at: new Date(ctx.now.getTime() + ctx.config.resetMinutes * 60_000),
      used_at: null,
    })
    .execute();
  const link = `${ctx.config.publicUrl}/reset-password#token=${token}`;
  const name = user.display_name;
  const fr = input.lang !== 'en';
  await ctx.mailer.queue(ctx.db, {
    to: user.email,
    kind: 'password_reset',
    subject: fr ? 'Réinitialisation de votre mot de passe' : 'Reset your password',
    text: fr
      ? `Bonjour ${name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable ${ctx.config.resetMinutes} minutes, une seule fois) :\n${link}\n\nSi vous n'avez rien demandé, ignorez ce message.`
      : `Hello ${name},\n\nTo choose a new password, open this link (valid ${ctx.config.resetMinutes} minutes, once):\n${link}\n\nIf you did not ask for it, ignore this message.`,
    html: fr
      ? `<p>Bonjour ${escapeHtml(name)},</p><p>Pour choisir un nouveau mot de passe, <a href="${escapeHtml(link)}">ouvrez ce lien</a> (valable ${ctx.config.resetMinutes} minutes, une seule fois).</p><p>Si vous n'avez rien demandé, ignorez ce message.</p>`
      : `<p>Hello ${escapeHtml(name)},</p><p>To choose a new password, <a href="${escapeHtml(link)}">open this link</a> (valid ${ctx.config.resetMinutes} minutes, once).</p><p>If you did not ask for it, ignore this message.</p>`,
  });
}

/** Uses a reset link once: sets the password and closes every session of the user. */
export async function resetPassword(ctx: Ctx, input: { token: string; password: string }) {
  const used = await ctx.db
    .updateTable('password_resets')
    .set({ used_at: ctx.now })
    .where('token_hash', '=', hashSecret(input.token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', ctx.now)
    .returning('user_id')
    .executeTakeFirst();
  if (!used) throw problem('reset_link_invalid');
  await ctx.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.password) })
    .where('id', '=', used.user_id)
    .execute();
  await ctx.db.deleteFrom('sessions').where('user_id', '=', used.user_id).execute();
}

/** Creates an integrator's API key for the caller's structure. The key is shown once. */
export async function createApiKey(ctx: Ctx, input: { name: string }) {
  const p = ctx.principal!;
  const key = newSecret('gk');
  const id = randomUUID();
  const row = await ctx.db
    .insertInto('api_keys')
    .values({
      id,
      key_hash: hashSecret(key),
      structure_id: p.structureId,
      name: input.name,
      revoked_at: null,
    })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, key, createdAt: row.created_at.toISOString() };
}
