/** With --json: exactly one JSON object on stdout (scripts parse it). Without: readable `key: value` lines. */
export function printResult(result: unknown, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(`${toText(result, '')}\n`);
}

function toText(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    return value
      .map((item) => (typeof item === 'object' && item !== null ? `${indent}- ${toText(item, `${indent}  `).trimStart()}` : `${indent}- ${String(item)}`))
      .join('\n');
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([key, v]) =>
        typeof v === 'object' && v !== null ? `${indent}${key}:\n${toText(v, `${indent}  `)}` : `${indent}${key}: ${v === null ? '-' : String(v)}`,
      )
      .join('\n');
  }
  return `${indent}${String(value)}`;
}
