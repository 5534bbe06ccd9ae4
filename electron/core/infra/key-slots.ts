import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HallError } from '../../../shared/contract';
import { writeFileAtomic } from './fs-safe';

/**
 * Key slots (as LUKS does): one random 256-bit database key, wrapped once per account with a
 * key derived from that account's password (scrypt) and once with the recovery code, each with
 * AES-256-GCM. The slot's identity is authenticated data, so a slot cannot be moved to
 * another account. The key itself is never written anywhere in the clear.
 */
export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

export interface KeySlot {
  id: string;
  kind: 'account' | 'recovery';
  accountId: number | null;
  username: string | null;
  kdf: KdfParams;
  salt: string;
  iv: string;
  wrapped: string;
  tag: string;
  createdAt: string;
}

export interface KeyringFile {
  format: 'hall-keyring';
  version: 1;
  /** A fingerprint of the database key (HMAC, not the key): tells which key a backup needs. */
  keyId: string;
  slots: KeySlot[];
}

export const DEFAULT_KDF: KdfParams = { N: 2 ** 16, r: 8, p: 1 };

export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('hall-keyring:key-id').digest('hex').slice(0, 16);
}

function aad(
  keyring: Pick<KeyringFile, 'keyId'>,
  slot: Pick<KeySlot, 'id' | 'kind' | 'accountId' | 'username'>,
): Buffer {
  return Buffer.from(
    `hall-keyring:v1:${keyring.keyId}:${slot.id}:${slot.kind}:${slot.accountId ?? ''}:${slot.username ?? ''}`,
  );
}

function deriveWrappingKey(secret: string, salt: Buffer, kdf: KdfParams): Buffer {
  return scryptSync(secret.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r });
}

export function newDatabaseKey(): Buffer {
  return randomBytes(32);
}

export function createKeyring(key: Buffer): KeyringFile {
  return { format: 'hall-keyring', version: 1, keyId: keyFingerprint(key), slots: [] };
}

export function makeSlot(
  keyring: KeyringFile,
  key: Buffer,
  secret: string,
  owner: { kind: 'account'; accountId: number; username: string } | { kind: 'recovery' },
  kdf: KdfParams = DEFAULT_KDF,
): KeySlot {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const base = {
    id: randomUUID(),
    kind: owner.kind,
    accountId: owner.kind === 'account' ? owner.accountId : null,
    username: owner.kind === 'account' ? owner.username : null,
  };
  const wrappingKey = deriveWrappingKey(secret, salt, kdf);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(aad(keyring, base));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  wrappingKey.fill(0);
  return {
    ...base,
    kdf,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    wrapped: wrapped.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    createdAt: new Date().toISOString(),
  };
}

/** The database key, or null when the secret is wrong (GCM refuses to authenticate). */
export function unwrapSlot(keyring: KeyringFile, slot: KeySlot, secret: string): Buffer | null {
  const wrappingKey = deriveWrappingKey(secret, Buffer.from(slot.salt, 'base64'), slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(slot.iv, 'base64'));
    decipher.setAAD(aad(keyring, slot));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
    return keyFingerprint(key) === keyring.keyId ? key : null;
  } catch {
    return null;
  } finally {
    wrappingKey.fill(0);
  }
}

export function accountSlot(keyring: KeyringFile, username: string): KeySlot | undefined {
  return keyring.slots.find((s) => s.kind === 'account' && s.username === username);
}

export function recoverySlot(keyring: KeyringFile): KeySlot | undefined {
  return keyring.slots.find((s) => s.kind === 'recovery');
}

/** Replaces the slot(s) of one owner, leaving every other slot untouched. */
export function withSlot(keyring: KeyringFile, slot: KeySlot): KeyringFile {
  const others = keyring.slots.filter((s) =>
    slot.kind === 'recovery'
      ? s.kind !== 'recovery'
      : !(s.kind === 'account' && (s.accountId === slot.accountId || s.username === slot.username)),
  );
  return { ...keyring, slots: [...others, slot] };
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
  if (k?.format !== 'hall-keyring' || k.version !== 1 || !Array.isArray(k.slots) || typeof k.keyId !== 'string')
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
