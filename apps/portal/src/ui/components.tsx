import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { messageOf } from '../api.ts';
import { navigate } from '../router.ts';

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <a
      href={to}
      className={className}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {lead ? <p className="lead">{lead}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

export function Card({ title, children, actions, className }: { title?: ReactNode; children: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <section className={`card ${className ?? ''}`}>
      {title || actions ? (
        <div className="card-head">
          {title ? <h2>{title}</h2> : <span />}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

export function Alert({ kind = 'info', children, title }: { kind?: 'info' | 'error' | 'success' | 'warning'; children: ReactNode; title?: string }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {title ? <strong>{title}</strong> : null}
      <div>{children}</div>
    </div>
  );
}

export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert kind="error">{messageOf(error)}</Alert>;
}

export function Field({ label, hint, children }: { label: string; hint?: ReactNode; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint ? <p className="hint">{hint}</p> : null}
    </div>
  );
}

/** A form whose submit shows a busy state and any error, so every action has the same feedback. */
export function ActionForm({
  onSubmit,
  submitLabel,
  children,
  className,
  secondary,
}: {
  onSubmit: () => Promise<void>;
  submitLabel: string;
  children?: ReactNode;
  className?: string;
  secondary?: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={className ?? 'stack'} onSubmit={submit} noValidate>
      {children}
      <ErrorText error={error} />
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Working…' : submitLabel}
        </button>
        {secondary}
      </div>
    </form>
  );
}

/** A button that runs an async action and shows its error beside it. */
export function ActionButton({
  onClick,
  children,
  kind = 'secondary',
  confirm,
}: {
  onClick: () => Promise<void>;
  children: ReactNode;
  kind?: 'primary' | 'secondary' | 'danger';
  confirm?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <span className="action">
      <button
        type="button"
        className={`button ${kind}`}
        disabled={busy}
        onClick={async () => {
          if (confirm && !window.confirm(confirm)) return;
          setBusy(true);
          setError(undefined);
          try {
            await onClick();
          } catch (caught) {
            setError(caught);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Working…' : children}
      </button>
      {error ? (
        <span className="inline-error" role="alert">
          {messageOf(error)}
        </span>
      ) : null}
    </span>
  );
}

/** A secret shown once, with a copy button and the warning that it will not be shown again. */
export function SecretOnce({ label, value, note }: { label: string; value: string; note?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="secret" aria-live="polite">
      <div className="secret-label">{label}</div>
      <div className="secret-row">
        <code className="secret-value" data-testid="secret-value">
          {value}
        </code>
        <button
          type="button"
          className="button secondary small"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="hint">{note ?? 'Copy it now: Atlas stores only a hash and cannot show it again.'}</p>
    </div>
  );
}

/** Loads data for a page; `reload` refreshes after a change. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): { data: T | undefined; error: unknown; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the loader depends on
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setData(value),
      (caught) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { data, error, reload: () => setTick((n) => n + 1) };
}

export function Loading({ error, what }: { error: unknown; what: string }) {
  if (error) return <ErrorText error={error} />;
  return (
    <p className="muted" aria-busy="true">
      Loading {what}…
    </p>
  );
}

export function Badge({ children, kind = 'neutral' }: { children: ReactNode; kind?: 'neutral' | 'good' | 'bad' | 'warn' | 'accent' }) {
  return <span className={`badge badge-${kind}`}>{children}</span>;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
