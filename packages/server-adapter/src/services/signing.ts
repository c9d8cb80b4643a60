import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import type { Db } from '../store/db.js';
import { prepared } from '../store/prepared.js';

/**
 * Ed25519 signatures of the cartoonettes' QR codes. A payload is
 * `GV1.<number>.<key id>.<signature>`, the signature (base64url) being over `GV1.<number>`.
 * Keys live in `signing_keys`: the newest key not retired signs; every key not retired verifies,
 * so a rotation leaves the cards already printed valid until their key is retired.
 */

const VERSION = 'GV1';
const PAYLOAD = /^GV1\.(CT-[A-HJ-NP-Z2-7]{8})\.([A-Za-z0-9_-]{4,32})\.([A-Za-z0-9_-]{86})$/;

interface SigningKey {
  id: string;
  privateKeyPem: string;
}

// Parsed keys by their PEM text: parsing costs more than verifying. The store is still asked for
// the key on every scan (a retired key stops verifying at once, in every process).
const parsedKeys = new Map<string, KeyObject>();
function parsed(pem: string, parse: (pem: string) => KeyObject): KeyObject {
  let key = parsedKeys.get(pem);
  if (!key) {
    key = parse(pem);
    if (parsedKeys.size >= 64) parsedKeys.clear();
    parsedKeys.set(pem, key);
  }
  return key;
}

/** The data a payload signs for a voucher number. */
const signedText = (number: string) => `${VERSION}.${number}`;

/** A new Ed25519 key, stored as the current one. Returns its key id. */
export async function rotateSigningKey(db: Db): Promise<string> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const id = randomBytes(6).toString('base64url');
  await db
    .insertInto('signing_keys')
    .values({
      id,
      public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    })
    .execute();
  return id;
}

/** Retires a key: payloads signed with it no longer verify. */
export async function retireSigningKey(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('signing_keys')
    .set({ retired_at: now })
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .execute();
}

/** The key that signs now, made on first use. */
async function currentKey(db: Db): Promise<SigningKey> {
  const newest = () =>
    db
      .selectFrom('signing_keys')
      .select(['id', 'private_key'])
      .where('retired_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  let row = await newest();
  if (!row) {
    // Two processes starting together may each make one: both stay valid, the newest signs.
    await rotateSigningKey(db);
    row = await newest();
  }
  if (!row) throw new Error('No signing key');
  return { id: row.id, privateKeyPem: row.private_key };
}

/**
 * The QR payload of a voucher number, signed with the current key. Ed25519 is deterministic: the
 * same number and key always give the same payload.
 * @example await qrPayload(db, 'CT-K7QX2MAB') // 'GV1.CT-K7QX2MAB.q1w2e3r4.<86 characters>'
 */
export async function qrPayload(db: Db, number: string): Promise<string> {
  const key = await currentKey(db);
  const signature = sign(null, Buffer.from(signedText(number)), parsed(key.privateKeyPem, createPrivateKey));
  return `${signedText(number)}.${key.id}.${signature.toString('base64url')}`;
}

const liveKey = prepared((db, kid: string) =>
  db.selectFrom('signing_keys').select('public_key').where('id', '=', kid).where('retired_at', 'is', null),
);

/**
 * The voucher number of a payload whose signature holds, or null when the payload is malformed,
 * altered, signed by an unknown or retired key, or forged. Asks the store for the key only.
 */
export async function verifyPayload(db: Db, payload: string): Promise<string | null> {
  const match = PAYLOAD.exec(payload);
  if (!match) return null;
  const [, number, kid, signature] = match as unknown as [string, string, string, string];
  const signatureBytes = Buffer.from(signature, 'base64url');
  // base64url decoding forgives trailing bits: accept only the one canonical spelling.
  if (signatureBytes.length !== 64 || signatureBytes.toString('base64url') !== signature) return null;
  const [key] = await liveKey(db, kid);
  if (!key) return null;
  const ok = verify(
    null,
    Buffer.from(signedText(number)),
    parsed(key.public_key, createPublicKey),
    signatureBytes,
  );
  return ok ? number : null;
}
