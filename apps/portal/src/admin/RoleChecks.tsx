import { ROLES } from './roles.ts';

export function RoleChecks({ value, onChange }: { value: string[]; onChange: (roles: string[]) => void }) {
  return (
    <fieldset className="field" style={{ border: 'none', padding: 0, margin: 0 }}>
      <legend style={{ fontWeight: 600, fontSize: '0.92rem', marginBottom: '0.3rem' }}>Roles (the services the partner may use)</legend>
      <div className="checks">
        {ROLES.map((r) => (
          <label key={r.role}>
            <input
              type="checkbox"
              name={r.role}
              checked={value.includes(r.role)}
              onChange={(e) => onChange(e.target.checked ? [...value, r.role] : value.filter((x) => x !== r.role))}
            />
            {r.label} <span className="muted small mono">{r.role}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function parseCidrs(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}
