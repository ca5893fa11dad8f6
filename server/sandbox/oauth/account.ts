/** The person using the sandbox: its one account, the resource owner of every OAuth grant. */
export interface SandboxAccount {
  id: string;
  name: string;
  givenName: string;
  familyName: string;
  email: string;
}

export const SANDBOX_ACCOUNT: SandboxAccount = {
  id: "acct_sandbox",
  name: "Sandbox Admin",
  givenName: "Sandbox",
  familyName: "Admin",
  email: "admin@sandbox.localhost",
};

export function findAccount(accountId: string): SandboxAccount | undefined {
  return accountId === SANDBOX_ACCOUNT.id ? SANDBOX_ACCOUNT : undefined;
}

/** UserInfo claims (OpenID Connect Core §5.4): `sub` always, the rest as the scopes allow. */
export function userInfoClaims(account: SandboxAccount, scopes: readonly string[]): Record<string, unknown> {
  return {
    sub: account.id,
    ...(scopes.includes("profile")
      ? { name: account.name, given_name: account.givenName, family_name: account.familyName }
      : {}),
    ...(scopes.includes("email") ? { email: account.email, email_verified: true } : {}),
  };
}
