export type PortalRealm = 'store' | 'admin';

/** An implementation coordinator of the exam company: signs in to the admin console. */
export interface CoordinatorTable {
  id: string;
  username: string;
  password_hash: string;
  /** 1 while the password is a one-time password: it only opens the change form. */
  must_change_password: 0 | 1;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
}

/** A browser session. The cookie carries a random secret; only its SHA-256 is stored (as for access tokens). */
export interface PortalSessionTable {
  id: string;
  session_hash: string;
  realm: PortalRealm;
  user_id: string | null;
  coordinator_id: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface PortalLoginFailureTable {
  realm: PortalRealm;
  username: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface PortalTables {
  coordinator: CoordinatorTable;
  portal_session: PortalSessionTable;
  portal_login_failure: PortalLoginFailureTable;
}
