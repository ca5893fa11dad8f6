/**
 * Organizations, their memberships and invitations, and the instance's roles and permissions.
 * `search` on organizations is the lower-cased `id\nname\nslug` behind `?query=`.
 */
export const organizationTables = [
  `CREATE TABLE IF NOT EXISTS organizations (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    image_url TEXT,
    max_allowed_memberships INTEGER NOT NULL,
    admin_delete_enabled INTEGER NOT NULL DEFAULT 1,
    public_metadata TEXT NOT NULL DEFAULT '{}',
    private_metadata TEXT NOT NULL DEFAULT '{}',
    created_by TEXT,
    search TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, slug)
  )`,
  "CREATE INDEX IF NOT EXISTS organizations_created ON organizations (instance_id, created_at, id)",
  "CREATE INDEX IF NOT EXISTS organizations_name ON organizations (instance_id, name, id)",
  `CREATE TABLE IF NOT EXISTS organization_memberships (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    public_metadata TEXT NOT NULL DEFAULT '{}',
    private_metadata TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (organization_id, user_id)
  )`,
  "CREATE INDEX IF NOT EXISTS organization_memberships_user ON organization_memberships (user_id, created_at)",
  "CREATE INDEX IF NOT EXISTS organization_memberships_instance ON organization_memberships (instance_id, created_at)",
  `CREATE TABLE IF NOT EXISTS organization_invitations (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    email_address TEXT NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    inviter_id TEXT,
    redirect_url TEXT,
    public_metadata TEXT NOT NULL DEFAULT '{}',
    private_metadata TEXT NOT NULL DEFAULT '{}',
    expires_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS organization_invitations_org ON organization_invitations (organization_id, created_at)",
  "CREATE INDEX IF NOT EXISTS organization_invitations_instance ON organization_invitations (instance_id, created_at)",
  `CREATE TABLE IF NOT EXISTS organization_permissions (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, key)
  )`,
  `CREATE TABLE IF NOT EXISTS organization_roles (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, key)
  )`,
  `CREATE TABLE IF NOT EXISTS organization_role_permissions (
    role_id TEXT NOT NULL REFERENCES organization_roles(id) ON DELETE CASCADE,
    permission_id TEXT NOT NULL REFERENCES organization_permissions(id) ON DELETE CASCADE,
    PRIMARY KEY (role_id, permission_id)
  )`,
  // Role sets: which roles an organization may use. Every instance has one "initial" set (the
  // one new organizations get); its creator role is the instance's creator_role setting.
  `CREATE TABLE IF NOT EXISTS organization_role_sets (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    type TEXT NOT NULL,
    default_role_id TEXT REFERENCES organization_roles(id) ON DELETE SET NULL,
    creator_role_id TEXT REFERENCES organization_roles(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, key)
  )`,
  `CREATE TABLE IF NOT EXISTS organization_role_set_roles (
    role_set_id TEXT NOT NULL REFERENCES organization_role_sets(id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES organization_roles(id) ON DELETE CASCADE,
    PRIMARY KEY (role_set_id, role_id)
  )`,
  // Domains an organization claims. Affiliation (`verified`) is what enrollment needs; ownership
  // (the DNS proof, or the Backend API's manual override) is recorded separately.
  `CREATE TABLE IF NOT EXISTS organization_domains (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    enrollment_mode TEXT NOT NULL,
    verified_at INTEGER,
    ownership_verified_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, name)
  )`,
  "CREATE INDEX IF NOT EXISTS organization_domains_org ON organization_domains (organization_id, created_at)",
];
