import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL from the schema; it cannot open the encrypted database, so
// the app applies migrations itself (electron/core/infra/db/migrate.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/core/infra/db/schema.ts',
  out: './electron/core/infra/db/migrations',
});
