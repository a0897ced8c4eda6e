import { api } from '../api.ts';
import { Badge, Link, Loading, PageHeader, useLoad } from '../ui/components.tsx';
import type { CatalogService } from './types.ts';

export function useCatalog() {
  return useLoad(() => api<{ data: CatalogService[] }>('store', 'GET', '/catalog').then((r) => r.data));
}

export function CatalogPage() {
  const { data, error } = useCatalog();
  return (
    <>
      <PageHeader title="APIs" lead="The services your account may use. Each has an overview, guides and an OpenAPI reference for every version." />
      {!data ? (
        <Loading error={error} what="the catalog" />
      ) : (
        <div className="grid">
          {data.map((s) => (
            <Link key={s.slug} to={`/store/apis/${s.slug}`} className="tile">
              <h2>{s.title}</h2>
              <p>{s.summary}</p>
              <div className="badges">
                {s.versions.length ? (
                  s.versions.map((v) => (
                    <Badge key={v.version} kind="accent">
                      {v.version}
                    </Badge>
                  ))
                ) : (
                  <Badge kind="warn">coming soon</Badge>
                )}
                {s.role ? <Badge>{s.role}</Badge> : <Badge kind="good">no role needed</Badge>}
              </div>
            </Link>
          ))}
        </div>
      )}
    </>
  );
}
