import type { ReactNode } from 'react';
import { match, usePath } from '../router.ts';
import { ForcedPasswordPage, Shell, SignInPage, useSession } from '../ui/auth.tsx';
import { ApplicationPage } from './ApplicationPage.tsx';
import { ApplicationsPage } from './ApplicationsPage.tsx';
import { CatalogPage } from './CatalogPage.tsx';
import { GettingStartedPage } from './GettingStartedPage.tsx';
import { NotificationsPage } from './NotificationsPage.tsx';
import { ProfilePage } from './ProfilePage.tsx';
import { ServicePage } from './ServicePage.tsx';
import { TryItPage } from './TryItPage.tsx';
import { UsagePage } from './UsagePage.tsx';

const NAV = [
  { to: '/store', label: 'Getting started' },
  { to: '/store/apis', label: 'APIs' },
  { to: '/store/applications', label: 'Applications' },
  { to: '/store/try-it', label: 'Try it' },
  { to: '/store/notifications', label: 'Notifications' },
  { to: '/store/usage', label: 'Usage' },
  { to: '/store/profile', label: 'Profile' },
];

export function StoreApp() {
  const { session, update } = useSession('store');
  const path = usePath();
  if (session === undefined)
    return (
      <p className="muted" style={{ padding: '2rem' }}>
        Loading…
      </p>
    );
  if (session === null) return <SignInPage realm="store" onSignedIn={update} />;
  if (session.must_change_password) return <ForcedPasswordPage realm="store" onChanged={update} />;
  let page: ReactNode;
  const service = match('/store/apis/:slug', path);
  const application = match('/store/applications/:id', path);
  if (service) page = <ServicePage slug={service.slug as string} />;
  else if (path.startsWith('/store/apis')) page = <CatalogPage />;
  else if (application) page = <ApplicationPage applicationId={application.id as string} />;
  else if (path.startsWith('/store/applications')) page = <ApplicationsPage />;
  else if (path.startsWith('/store/try-it')) page = <TryItPage />;
  else if (path.startsWith('/store/notifications')) page = <NotificationsPage />;
  else if (path.startsWith('/store/usage')) page = <UsagePage />;
  else if (path.startsWith('/store/profile')) page = <ProfilePage session={session} onChanged={update} />;
  else page = <GettingStartedPage session={session} />;
  return (
    <Shell realm="store" session={session} nav={NAV} onSignedOut={() => update(null)}>
      {page}
    </Shell>
  );
}
