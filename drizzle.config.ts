import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL from the schema; it cannot open the encrypted database, so
// the app applies migrations itself (electron/core/db/migrate.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/core/db/schema.ts',
  out: './electron/core/db/migrations',
});
