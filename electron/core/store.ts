import fs from 'node:fs';
import type { DatabaseState } from '../../shared/contract';
import type { DataFiles } from './paths';

export interface StoreDescription {
  state: DatabaseState;
  file: string;
  cipher: string;
  schemaVersion: number | null;
}

/** The encrypted store of the hall: its files, and whether it is set up, locked or open. */
export class Store {
  private office: string | null = null;
  private schema: number | null = null;
  private opened = false;

  constructor(readonly files: DataFiles) {}

  state(): DatabaseState {
    if (this.opened) return 'open';
    return fs.existsSync(this.files.keyring) ? 'locked' : 'uninitialized';
  }

  describe(): StoreDescription {
    return { state: this.state(), file: this.files.database, cipher: 'sqlcipher (AES-256)', schemaVersion: this.schema };
  }

  officeName(): string | null {
    return this.opened ? this.office : null;
  }

  close(): void {
    this.opened = false;
    this.office = null;
    this.schema = null;
  }
}
