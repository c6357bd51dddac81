import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/**
 * The one migration history both engines follow. Append new migrations; never edit one that shipped.
 * Types are limited to what SQLite and PostgreSQL share: text, integer.
 */
const migrations: Record<string, Migration> = {
  '001_comments': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('article', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('author_email', 'text', (c) => c.notNull())
        .addColumn('author_url', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'spam', 'trash')`))
        .addColumn('reason', 'text')
        .addColumn('is_editor', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ip_hash', 'text')
        .addColumn('ip_prefix', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('content_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comments_article_status').on('comments').columns(['article', 'status', 'created_at']).execute();
      await db.schema.createIndex('comments_ip_time').on('comments').columns(['ip_hash', 'created_at']).execute();
      await db.schema.createIndex('comments_author').on('comments').columns(['author_email', 'author_name', 'status']).execute();
      await db.schema.createIndex('comments_status_time').on('comments').columns(['status', 'created_at']).execute();

      await db.schema
        .createTable('comment_flash')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('article', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comment_flash_time').on('comment_flash').column('created_at').execute();
    },
  },
  '002_editors': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('editors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('auth_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('locks', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('setup_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('comment_id', 'text')
        .addColumn('article', 'text')
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_log_comment').on('audit_log').column('comment_id').execute();
    },
  },
  '003_editor_sessions': {
    async up(db: Kysely<unknown>) {
      // Sessions are signed JWTs; signing out or changing the password ends every session issued before this time.
      await db.schema.alterTable('editors').addColumn('sessions_valid_after', 'text').execute();
    },
  },
  '004_idempotency_keys': {
    async up(db: Kysely<unknown>) {
      // One row per Idempotency-Key a POST /api/comments stored a comment under, written in the comment's own transaction.
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('comment_id', 'text', (c) => c.notNull())
        .addColumn('article', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('pending', 'approved')`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('idempotency_keys_time').on('idempotency_keys').column('created_at').execute();
    },
  },
  '005_editor_session_generation': {
    async up(db: Kysely<unknown>) {
      // Ending an editor's sessions bumps this number, and a session carries the number it was issued under:
      // whole-second times compared strictly let a sign-out in the sign-in's own second leave the session
      // alive. Existing rows start at 0; sessions_valid_after is kept (tokens issued before this migration).
      await db.schema
        .alterTable('editors')
        .addColumn('session_generation', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '006_commenter_trust': {
    async up(db: Kysely<unknown>) {
      // A returning commenter is recognised by a signed cookie holding a random key; each comment keeps a hash of
      // the key it was posted with (null: posted without one, or before this migration, and never counted as proof).
      await db.schema.alterTable('comments').addColumn('commenter_hash', 'text').execute();
      await db.schema.createIndex('comments_commenter').on('comments').columns(['commenter_hash', 'status', 'created_at']).execute();
      // Commenters an editor chose to hold for moderation whatever their record: one row per email address.
      await db.schema
        .createTable('commenter_holds')
        .addColumn('email', 'text', (c) => c.primaryKey())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to `name` and no further: for tests that store data as an older release did, then migrate it. */
export async function migrateTo(db: Kysely<unknown>, name: keyof typeof migrations & string): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error;
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
