-- Row stamps (created_at, updated_at) default to the hall's clock, hall_now(), instead of
-- SQLite's 'now': a rehearsal on HALL_NOW stamps rows with the rehearsed time. SQLite cannot
-- alter a column's default; changing a default does not change how rows are stored, so the
-- table definitions are edited in place (sqlite.org/lang_altertable.html, "other kinds of
-- table schema changes"); migrate.ts bumps the schema version after it. No table is rebuilt,
-- so no trigger, index or row is touched.
PRAGMA writable_schema = ON;
--> statement-breakpoint
UPDATE sqlite_schema SET sql = replace(sql, '(strftime(''%Y-%m-%dT%H:%M:%fZ'',''now''))', '(hall_now())') WHERE type = 'table' AND sql LIKE '%strftime(''%Y-%m-%dT%H:%M:%fZ'',''now'')%';
--> statement-breakpoint
PRAGMA writable_schema = OFF;
