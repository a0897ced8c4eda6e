import { useState } from 'react';
import { Alert, Badge, Card, Link, Loading, PageHeader } from '../ui/components.tsx';
import { useCatalog } from './CatalogPage.tsx';
import { SERVICE_GUIDES } from './guides.tsx';
import { SwaggerReference } from './SwaggerReference.tsx';

export function ServicePage({ slug }: { slug: string }) {
  const { data, error } = useCatalog();
  const [tab, setTab] = useState('overview');
  if (!data) return <Loading error={error} what="the service" />;
  const service = data.find((s) => s.slug === slug);
  if (!service) return <Alert kind="warning">This service is not available to your account. Ask your implementation coordinator for its role.</Alert>;
  const versions = [...service.versions].sort((a, b) => b.version.localeCompare(a.version));
  const guide = SERVICE_GUIDES[service.slug];
  const tabs = [{ id: 'overview', label: 'Overview' }, ...versions.map((v) => ({ id: v.version, label: `Reference ${v.version}` }))];
  const current = versions.find((v) => v.version === tab);
  return (
    <>
      <PageHeader
        title={service.title}
        lead={service.summary}
        actions={
          <>
            {versions.map((v) => (
              <a key={v.version} className="button secondary small" href={v.openapi_url} download={`${service.slug}-${v.version}.openapi.json`}>
                OpenAPI {v.version}
              </a>
            ))}
            <Link to={`/store/try-it?service=${service.slug}`} className="button primary small">
              Try it
            </Link>
          </>
        }
      />
      <div className="tabs" role="tablist" aria-label={`${service.title} sections`}>
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {current ? (
        <Card>
          <SwaggerReference url={current.openapi_url} />
        </Card>
      ) : (
        <div className="grid-2">
          <Card title="Overview">
            {guide?.overview ?? <p>{service.summary}</p>}
            <dl className="kv">
              <dt>Role</dt>
              <dd>{service.role ? <Badge>{service.role}</Badge> : 'none'}</dd>
              <dt>Subscription</dt>
              <dd>{service.requires_subscription ? 'Your application must subscribe to it' : 'Not needed'}</dd>
              <dt>Versions</dt>
              <dd>{versions.length ? versions.map((v) => v.version).join(', ') : 'none published yet'}</dd>
            </dl>
          </Card>
          <Card title="Guide">
            {guide?.guide ?? <p className="muted">Start with the v2 reference; every operation lists its errors and how to fix them.</p>}
          </Card>
        </div>
      )}
    </>
  );
}
