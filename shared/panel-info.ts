/** What `GET /api/info` answers: the server builds it (server/ui), the panel's header shows it (web/). */

/** Where the panel's requests go and what they act on. */
export interface PanelTarget {
  /** The Backend API host in use, e.g. `api.clerk.com` or `127.0.0.1:2575`. */
  api_host: string;
  sandbox: boolean;
  application: { id: string; name: string } | null;
  instance: { id: string; environment_type: "development" | "production" } | null;
  applications: {
    id: string;
    name: string;
    instances: { id: string; environment_type: "development" | "production" }[];
  }[];
  /**
   * What a `clerk …` command needs to reach this app/instance from the configured defaults
   * (e.g. `--app app_2 --instance production`); the panel appends it to every CLI line.
   */
  cli_flags: string[];
}

/** Whether "Log in with Clerk" is offered, and who is logged in. */
export interface LoginStatus {
  available: boolean;
  logged_in: boolean;
  account?: { name?: string; email?: string };
}

/** What the panel's header shows (`GET /api/info`). */
export interface PanelInfo extends PanelTarget {
  login: LoginStatus;
}
