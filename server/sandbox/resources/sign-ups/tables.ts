/** Sign-ups started through Clerk's Frontend API (a test control in the sandbox). */
export const signUpTables = [
  `CREATE TABLE IF NOT EXISTS sign_ups (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    email_address TEXT,
    phone_number TEXT,
    username TEXT,
    first_name TEXT,
    last_name TEXT,
    password TEXT,
    password_enabled INTEGER NOT NULL DEFAULT 0,
    unsafe_metadata TEXT NOT NULL DEFAULT '{}',
    external_id TEXT,
    custom_action INTEGER NOT NULL DEFAULT 0,
    created_user_id TEXT,
    created_session_id TEXT,
    abandon_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
];
