import fs from 'node:fs';
import { scryptSync } from 'node:crypto';
import { HallError } from '../../../shared/contract';
import {
  accountSlot,
  createKeyring,
  makeSlot,
  normalizeRecoveryCode,
  recoverySlot,
  unwrapSlot,
  withSlot,
  type KdfParams,
  type KeyringFile,
} from '../infra/key-slots';
import type { Store } from '../infra/store';

/**
 * Passwords and the recovery code as key slots: a password is checked by unwrapping its slot,
 * so there is no password hash to steal, and a wrong password opens nothing.
 */
export interface UnwrappedKey {
  key: Buffer;
  keyring: KeyringFile;
  accountId: number;
}

/** Finds the key for a name and password in the keyring, or null. */
export function unwrapFor(store: Store, kdf: KdfParams, username: string, password: string): UnwrappedKey | null {
  if (!fs.existsSync(store.files.keyring)) throw new HallError('NOT_INITIALIZED');
  const keyring = store.keyring();
  const slot = accountSlot(keyring, username);
  const key = slot && slot.accountId !== null ? unwrapSlot(keyring, slot, password) : null;
  if (key && slot?.accountId) return { key, keyring, accountId: slot.accountId };
  if (slot) return null;
  // Same work for an unknown name as for a wrong password: timing says nothing.
  scryptSync(password, 'hall-keyring:no-such-account', 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r,
  });
  return null;
}

/** The key a name's own slot in this keyring gives for a password, or null. */
export function unwrapOwn(keyring: KeyringFile, username: string, password: string): Buffer | null {
  const slot = accountSlot(keyring, username);
  return slot ? unwrapSlot(keyring, slot, password) : null;
}

/** The key the recovery slot gives for a code as typed, or null. */
export function unwrapRecovery(keyring: KeyringFile, recoveryCode: string): Buffer | null {
  const slot = recoverySlot(keyring);
  return slot ? unwrapSlot(keyring, slot, normalizeRecoveryCode(recoveryCode)) : null;
}

/** The keyring with an account's slot (re)made for a new password; other slots untouched. */
export function withPassword(
  keyring: KeyringFile,
  key: Buffer,
  account: { accountId: number; username: string },
  password: string,
  kdf: KdfParams,
): KeyringFile {
  return withSlot(keyring, makeSlot(keyring, key, password, { kind: 'account', ...account }, kdf));
}

/** The keyring of a new store: the first administrator's slot and the recovery slot. */
export function firstKeyring(
  key: Buffer,
  account: { accountId: number; username: string },
  password: string,
  recoveryCode: string,
  kdf: KdfParams,
): KeyringFile {
  const keyring = withPassword(createKeyring(key), key, account, password, kdf);
  return withSlot(keyring, makeSlot(keyring, key, recoveryCode, { kind: 'recovery' }, kdf));
}
