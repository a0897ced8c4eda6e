import type { ReactNode } from 'react';
import { match, usePath } from '../router.ts';
import { ForcedPasswordPage, Shell, SignInPage, useSession } from '../ui/auth.tsx';
import { AccountPage } from './AccountPage.tsx';
import { AccountsPage } from './AccountsPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { CentersPage } from './CentersPage.tsx';
import { DeliveriesPage, ResultsPage } from './PendingPages.tsx';

const NAV = [
  { to: '/admin', label: 'Accounts' },
  { to: '/admin/test-centers', label: 'Test centres' },
  { to: '/admin/deliveries', label: 'Delivery errors' },
  { to: '/admin/results', label: 'Results' },
  { to: '/admin/audit', label: 'Audit log' },
];

export function AdminApp() {
  const { session, update } = useSession('admin');
  const path = usePath();
  if (session === undefined)
    return (
      <p className="muted" style={{ padding: '2rem' }}>
        Loading…
      </p>
    );
  if (session === null) return <SignInPage realm="admin" onSignedIn={update} />;
  if (session.must_change_password) return <ForcedPasswordPage realm="admin" onChanged={update} />;
  let page: ReactNode;
  const account = match('/admin/accounts/:code', path);
  if (account) page = <AccountPage accountCode={account.code as string} />;
  else if (path.startsWith('/admin/test-centers')) page = <CentersPage />;
  else if (path.startsWith('/admin/deliveries')) page = <DeliveriesPage />;
  else if (path.startsWith('/admin/results')) page = <ResultsPage />;
  else if (path.startsWith('/admin/audit')) page = <AuditPage />;
  else page = <AccountsPage />;
  return (
    <Shell realm="admin" session={session} nav={NAV} onSignedOut={() => update(null)}>
      {page}
    </Shell>
  );
}
