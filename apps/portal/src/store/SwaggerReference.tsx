import { useEffect, useRef, useState } from 'react';
import 'swagger-ui-dist/swagger-ui.css';
import { Alert } from '../ui/components.tsx';

/** Renders an OpenAPI document with Swagger UI (loaded on demand: it is the heaviest part of the portal). */
export function SwaggerReference({ url }: { url: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    import('swagger-ui-dist/swagger-ui-bundle.js').then(
      (module) => {
        const SwaggerUIBundle = (module.default ?? module) as (options: Record<string, unknown>) => unknown;
        if (cancelled || !host.current) return;
        SwaggerUIBundle({
          url,
          domNode: host.current,
          deepLinking: false,
          docExpansion: 'list',
          defaultModelsExpandDepth: 0,
          // Calls are made from the Try it console, with the sandbox token of one of your applications.
          supportedSubmitMethods: [],
        });
      },
      (error: unknown) => setFailed(String(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [url]);
  return (
    <>
      {failed ? <Alert kind="error">The reference viewer could not load: {failed}</Alert> : null}
      <div className="swagger-host" ref={host} data-testid="swagger-reference" />
    </>
  );
}
