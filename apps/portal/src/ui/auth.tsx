import { type ReactNode, useEffect, useState } from 'react';
import { api, type Realm, type SessionInfo, setCsrfToken, whenSignedOut } from '../api.ts';
import { navigate, usePath } from '../router.ts';
import { ActionForm, Alert, Field, Link } from './components.tsx';

/** Loads the session of a realm, and keeps it in step with sign-in, password change and sign-out. */
export function useSession(realm: Realm) {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  useEffect(() => {
    whenSignedOut(() => setSession(null));
    api<SessionInfo>(realm, 'GET', '/session').then(
      (s) => {
        setCsrfToken(s.csrf_token);
        setSession(s);
      },
      () => setSession(null),
    );
  }, [realm]);
  const update = (s: SessionInfo | null) => {
    if (s) setCsrfToken(s.csrf_token);
    setSession(s);
  };
  return { session, update };
}

function AuthFrame({ realm, title, children }: { realm: Realm; title: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <main className="auth-card" aria-labelledby="auth-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            A
          </span>
          <span>Atlas {realm === 'store' ? 'API Store' : 'admin console'}</span>
        </div>
        <h1 id="auth-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}

export function SignInPage({ realm, onSignedIn }: { realm: Realm; onSignedIn: (s: SessionInfo) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <AuthFrame realm={realm} title="Sign in">
      <p className="muted">
        {realm === 'store'
          ? 'Use the username and one-time password your implementation coordinator gave you. You will choose your own password next.'
          : 'For implementation coordinators of the exam company.'}
      </p>
      <ActionForm
        submitLabel="Sign in"
        onSubmit={async () => {
          const session = await api<SessionInfo>(realm, 'POST', '/session', { username, password });
          setCsrfToken(session.csrf_token);
          onSignedIn(session);
        }}
      >
        <Field label="Username">
          {(id) => <input id={id} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />}
        </Field>
        <Field label="Password">
          {(id) => (
            <input
              id={id}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          )}
        </Field>
      </ActionForm>
      {realm === 'store' ? (
        <p className="muted small">
          New to Atlas? Read the <a href="/docs/getting-started/v2/openapi.json">Getting Started reference</a> or ask your coordinator for access.
        </p>
      ) : null}
    </AuthFrame>
  );
}

export function ChangePasswordForm({ realm, forced, onChanged }: { realm: Realm; forced: boolean; onChanged: (s: SessionInfo) => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  return (
    <ActionForm
      submitLabel="Save new password"
      onSubmit={async () => {
        if (next !== repeat) throw new Error('The two new passwords differ.');
        onChanged(await api<SessionInfo>(realm, 'POST', '/password', { current_password: current, new_password: next }));
      }}
    >
      <Field label={forced ? 'One-time password' : 'Current password'}>
        {(id) => <input id={id} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
      </Field>
      <Field label="New password" hint="At least 12 characters; a passphrase of a few words is easiest to remember.">
        {(id) => <input id={id} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />}
      </Field>
      <Field label="Repeat the new password">
        {(id) => <input id={id} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}

export function ForcedPasswordPage({ realm, onChanged }: { realm: Realm; onChanged: (s: SessionInfo) => void }) {
  return (
    <AuthFrame realm={realm} title="Choose your password">
      <Alert kind="info">
        You signed in with a one-time password. Choose a permanent one to continue; it also becomes the password for the password grant.
      </Alert>
      <ChangePasswordForm realm={realm} forced onChanged={onChanged} />
    </AuthFrame>
  );
}

export interface NavItem {
  to: string;
  label: string;
}

/** The signed-in frame: top bar with who is signed in, side navigation, and the page. */
export function Shell({
  realm,
  session,
  nav,
  onSignedOut,
  children,
}: {
  realm: Realm;
  session: SessionInfo;
  nav: NavItem[];
  onSignedOut: () => void;
  children: ReactNode;
}) {
  const path = usePath();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={`/${realm}`} className="brand">
          <span className="brand-mark" aria-hidden="true">
            A
          </span>
          <span>Atlas {realm === 'store' ? 'API Store' : 'admin console'}</span>
        </Link>
        <div className="topbar-right">
          {session.account ? (
            <span className="who">
              {session.account.name} <span className="muted">· {session.account.account_code}</span>
            </span>
          ) : null}
          <span className="who muted">{session.username}</span>
          <button
            type="button"
            className="button secondary small"
            onClick={async () => {
              await api(realm, 'DELETE', '/session').catch(() => undefined);
              onSignedOut();
              navigate(`/${realm}`);
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <div className="layout">
        <nav className="sidenav" aria-label="Main">
          <ul>
            {nav.map((item) => {
              const active = item.to === `/${realm}` ? path === item.to || path === `${item.to}/` : path.startsWith(item.to);
              return (
                <li key={item.to}>
                  <Link to={item.to} className={active ? 'active' : undefined}>
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
