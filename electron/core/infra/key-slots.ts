import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomUUID,
  scryptSync,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HallError } from '../../../shared/contract';
import { writeFileAtomic } from './fs-safe';
import { machineTime } from './clock';

/**
 * Key slots (as LUKS does), in two layers so that a secret can be revoked at the file level.
 *
 * - Each slot holds its own random slot key, wrapped with a key derived from the slot's secret
 *   (an account's password, or the recovery code: scrypt, AES-256-GCM).
 * - The slot key wraps the file's key (`key`), and the file's key wraps the slot key again
 *   (`escrow`): whoever holds the file's key can wrap a *new* file key for every slot without
 *   knowing any secret. That is what lets every backup have a key of its own, and `rekey` keep
 *   every password (docs/data.md, "Revocation").
 * - A new password or recovery code gets a new slot key, so an old secret opens only keyrings
 *   written before it was replaced (backups, each under its own key), never the live file.
 *
 * Version-1 slots (written before this) wrap the file key directly with the secret; they still
 * open, are upgraded at the account's next login, and are never copied into a backup's keyring.
 * A slot's identity is authenticated data, so a slot cannot be moved to another account. No key
 * is ever written anywhere in the clear.
 */
export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

/** One AES-256-GCM box. */
export interface Wrap {
  iv: string;
  wrapped: string;
  tag: string;
}

export interface KeySlot {
  id: string;
  kind: 'account' | 'recovery';
  accountId: number | null;
  username: string | null;
  kdf: KdfParams;
  salt: string;
  /** The secret's box: the slot key (version 2) or the file key itself (version 1). */
  iv: string;
  wrapped: string;
  tag: string;
  createdAt: string;
  /** Version 2: the file key under the slot key. */
  key?: Wrap;
  /** Version 2: the slot key under the file key. */
  escrow?: Wrap;
  /**
   * The secret boxes of this account's last passwords (newest first, at most 5), kept only to
   * refuse their reuse: each opens an old slot key, which opens no keyring bound to the live key.
   */
  retired?: RetiredBox[];
}

export type RetiredBox = Pick<
  KeySlot,
  'id' | 'kind' | 'accountId' | 'username' | 'kdf' | 'salt' | 'iv' | 'wrapped' | 'tag'
>;

/** How many earlier passwords of an account may not come back. */
export const PASSWORD_HISTORY = 5;

export interface KeyringFile {
  format: 'hall-keyring';
  version: 1 | 2;
  /** A fingerprint of the file key (HMAC, not the key): tells which key a file needs. */
  keyId: string;
  slots: KeySlot[];
}

export const DEFAULT_KDF: KdfParams = { N: 2 ** 16, r: 8, p: 1 };

export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('hall-keyring:key-id').digest('hex').slice(0, 16);
}

type SlotIdentity = Pick<KeySlot, 'id' | 'kind' | 'accountId' | 'username'>;

function identity(slot: SlotIdentity): string {
  return `${slot.id}:${slot.kind}:${slot.accountId ?? ''}:${slot.username ?? ''}`;
}

/** What each box is bound to: the secret's box to the slot (and, in version 1, to the file key). */
function secretAad(keyId: string, slot: SlotIdentity, legacy: boolean): Buffer {
  return Buffer.from(legacy ? `hall-keyring:v1:${keyId}:${identity(slot)}` : `hall-keyring:v2:slot:${identity(slot)}`);
}
const keyAad = (keyId: string, slot: SlotIdentity) => Buffer.from(`hall-keyring:v2:key:${keyId}:${identity(slot)}`);
const escrowAad = (keyId: string, slot: SlotIdentity) =>
  Buffer.from(`hall-keyring:v2:escrow:${keyId}:${identity(slot)}`);

function escrowKey(fileKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, Buffer.alloc(0), 'hall-keyring:escrow', 32));
}

function seal(key: Buffer, plain: Buffer, aad: Buffer): Wrap {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const wrapped = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    wrapped: wrapped.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** The box's content, or null when the key is wrong or the box was changed. */
function open(key: Buffer, box: Wrap, aad: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

function deriveWrappingKey(secret: string, salt: Buffer, kdf: KdfParams): Buffer {
  return scryptSync(secret.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r });
}

export function newDatabaseKey(): Buffer {
  return randomBytes(32);
}

export function createKeyring(key: Buffer): KeyringFile {
  return { format: 'hall-keyring', version: 2, keyId: keyFingerprint(key), slots: [] };
}

/** The two boxes that tie a slot key to one file key. */
function bindSlot(slot: SlotIdentity, slotKey: Buffer, fileKey: Buffer): { key: Wrap; escrow: Wrap } {
  const keyId = keyFingerprint(fileKey);
  return {
    key: seal(slotKey, fileKey, keyAad(keyId, slot)),
    escrow: seal(escrowKey(fileKey), slotKey, escrowAad(keyId, slot)),
  };
}

export function makeSlot(
  keyring: KeyringFile,
  key: Buffer,
  secret: string,
  owner: { kind: 'account'; accountId: number; username: string } | { kind: 'recovery' },
  kdf: KdfParams = DEFAULT_KDF,
): KeySlot {
  if (keyFingerprint(key) !== keyring.keyId) throw new HallError('DATA_PROBLEM', '密钥与密钥文件不一致。');
  if (owner.kind === 'account' && reusesPassword(keyring, owner.accountId, secret))
    throw new HallError('BAD_INPUT', `新密码不能与最近 ${PASSWORD_HISTORY + 1} 次用过的密码相同。`, [
      { path: 'newPassword', message: `不能与最近 ${PASSWORD_HISTORY + 1} 次用过的密码相同` },
    ]);
  const salt = randomBytes(16);
  const base: SlotIdentity = {
    id: randomUUID(),
    kind: owner.kind,
    accountId: owner.kind === 'account' ? owner.accountId : null,
    username: owner.kind === 'account' ? owner.username : null,
  };
  const slotKey = randomBytes(32);
  const wrappingKey = deriveWrappingKey(secret, salt, kdf);
  try {
    return {
      ...base,
      kdf,
      salt: salt.toString('base64'),
      ...seal(wrappingKey, slotKey, secretAad(keyring.keyId, base, false)),
      // Machine time: when this key slot was really made, a fact about the key, not a hall date.
      createdAt: machineTime(),
      ...bindSlot(base, slotKey, key),
    };
  } finally {
    wrappingKey.fill(0);
    slotKey.fill(0);
  }
}

/** True when `secret` opens the account's current slot or one of its retired boxes. */
function reusesPassword(keyring: KeyringFile, accountId: number, secret: string): boolean {
  const current = keyring.slots.find((s) => s.kind === 'account' && s.accountId === accountId);
  if (!current) return false;
  return [current, ...(current.retired ?? [])].some((box) => {
    const wrappingKey = deriveWrappingKey(secret, Buffer.from(box.salt, 'base64'), box.kdf);
    const legacy = box === current ? isLegacySlot(current) : false;
    const opened = open(wrappingKey, box, secretAad(keyring.keyId, box, legacy));
    wrappingKey.fill(0);
    opened?.fill(0);
    return opened !== null;
  });
}

/** True for a slot written before slot keys (version 1). */
export function isLegacySlot(slot: KeySlot): boolean {
  return !slot.key || !slot.escrow;
}

/** The file key, or null when the secret is wrong (GCM refuses to authenticate). */
export function unwrapSlot(keyring: KeyringFile, slot: KeySlot, secret: string): Buffer | null {
  const legacy = isLegacySlot(slot);
  const wrappingKey = deriveWrappingKey(secret, Buffer.from(slot.salt, 'base64'), slot.kdf);
  const inner = open(wrappingKey, slot, secretAad(keyring.keyId, slot, legacy));
  wrappingKey.fill(0);
  if (!inner) return null;
  const key = legacy ? inner : open(inner, slot.key!, keyAad(keyring.keyId, slot));
  if (!legacy) inner.fill(0);
  return key && keyFingerprint(key) === keyring.keyId ? key : null;
}

/** A version-2 slot's slot key, taken from its escrow with the file key. */
function slotKeyOf(keyring: KeyringFile, slot: KeySlot, fileKey: Buffer): Buffer | null {
  return slot.escrow ? open(escrowKey(fileKey), slot.escrow, escrowAad(keyring.keyId, slot)) : null;
}

/**
 * The same slots bound to another file key: what a backup's keyring is, and what the live
 * keyring becomes after `rekey` or a restore. Version-1 slots cannot be moved (their secret is
 * needed) and are left out; `dropped` counts them.
 */
export function rebindKeyring(
  keyring: KeyringFile,
  fileKey: Buffer,
  newKey: Buffer,
): { keyring: KeyringFile; dropped: number } {
  if (keyFingerprint(fileKey) !== keyring.keyId) throw new HallError('DATA_PROBLEM', '密钥与密钥文件不一致。');
  const slots: KeySlot[] = [];
  let dropped = 0;
  for (const slot of keyring.slots) {
    const slotKey = isLegacySlot(slot) ? null : slotKeyOf(keyring, slot, fileKey);
    if (!slotKey) {
      dropped++;
      continue;
    }
    slots.push({ ...slot, ...bindSlot(slot, slotKey, newKey) });
    slotKey.fill(0);
  }
  return { keyring: { format: 'hall-keyring', version: 2, keyId: keyFingerprint(newKey), slots }, dropped };
}

/**
 * The key of another keyring's file, found with the live file key: the same key, or through a
 * slot both keyrings still share (its slot key, from the live escrow, opens the other's box).
 * Null when they share no slot: then only a secret written in `other` opens it.
 */
export function keyThroughSharedSlot(live: KeyringFile, liveKey: Buffer, other: KeyringFile): Buffer | null {
  if (other.keyId === live.keyId) return Buffer.from(liveKey);
  for (const slot of live.slots) {
    const theirs = other.slots.find((s) => s.id === slot.id && !isLegacySlot(s));
    const slotKey = theirs && !isLegacySlot(slot) ? slotKeyOf(live, slot, liveKey) : null;
    if (!theirs || !slotKey) continue;
    const key = open(slotKey, theirs.key!, keyAad(other.keyId, theirs));
    slotKey.fill(0);
    if (key && keyFingerprint(key) === other.keyId) return key;
  }
  return null;
}

/** Slots of `other` that `live` no longer has: secrets revoked since `other` was written. */
export function revokedSince(other: KeyringFile, live: KeyringFile): number {
  const current = new Set(live.slots.map((s) => s.id));
  return other.slots.filter((s) => !current.has(s.id)).length;
}

export function accountSlot(keyring: KeyringFile, username: string): KeySlot | undefined {
  return keyring.slots.find((s) => s.kind === 'account' && s.username === username);
}

export function recoverySlot(keyring: KeyringFile): KeySlot | undefined {
  return keyring.slots.find((s) => s.kind === 'recovery');
}

/** Replaces the slot(s) of one owner, leaving every other slot untouched. */
export function withSlot(keyring: KeyringFile, slot: KeySlot): KeyringFile {
  const replaced = (s: KeySlot) =>
    slot.kind === 'recovery'
      ? s.kind === 'recovery'
      : s.kind === 'account' && (s.accountId === slot.accountId || s.username === slot.username);
  const old = keyring.slots.find((s) => replaced(s) && s.kind === 'account' && s.accountId === slot.accountId);
  // The account's history follows it: the replaced slot's secret box joins the retired ones
  // (a version-1 box is bound to the old key's fingerprint and is simply dropped).
  const retired =
    old && !isLegacySlot(old)
      ? [retiredBox(old), ...(old.retired ?? [])].slice(0, PASSWORD_HISTORY)
      : (old?.retired ?? []);
  const next = slot.kind === 'account' && retired.length > 0 ? { ...slot, retired } : slot;
  return { ...keyring, slots: [...keyring.slots.filter((s) => !replaced(s)), next] };
}

function retiredBox(slot: KeySlot): RetiredBox {
  const { id, kind, accountId, username, kdf, salt, iv, wrapped, tag } = slot;
  return { id, kind, accountId, username, kdf, salt, iv, wrapped, tag };
}

export function withoutAccount(keyring: KeyringFile, accountId: number): KeyringFile {
  return { ...keyring, slots: keyring.slots.filter((s) => !(s.kind === 'account' && s.accountId === accountId)) };
}

export function readKeyring(file: string): KeyringFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new HallError('DATA_PROBLEM', `密钥文件 ${path.basename(file)} 无法读取或已损坏，请用备份恢复。`);
  }
  const k = parsed as Partial<KeyringFile> | null;
  if (
    k?.format !== 'hall-keyring' ||
    (k.version !== 1 && k.version !== 2) ||
    !Array.isArray(k.slots) ||
    typeof k.keyId !== 'string'
  )
    throw new HallError('DATA_PROBLEM', `密钥文件 ${path.basename(file)} 格式不正确。`);
  return k as KeyringFile;
}

export function writeKeyring(file: string, keyring: KeyringFile): void {
  writeFileAtomic(file, JSON.stringify(keyring, null, 2) + '\n');
}

/** 30 characters of Crockford base32 (150 bits), in groups of five, easy to read aloud and type. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newRecoveryCode(): string {
  const bytes = randomBytes(30);
  const chars = Array.from(bytes, (b) => CROCKFORD[b & 31]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/** Accepts the code as typed: any case, spaces or dashes, O for 0 and I/L for 1. */
export function normalizeRecoveryCode(input: string): string {
  const clean = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return clean.match(/.{1,5}/g)?.join('-') ?? '';
}
