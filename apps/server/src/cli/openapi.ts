import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { buildDocument, documentTargets } from '../modules/docs/openapi-documents.ts';
import type { AtlasApp } from '../platform/app-types.ts';

export const GENERATED_SERVER_URL = 'http://127.0.0.1:8080';

/** Every OpenAPI document, keyed `<service>.<version>.json`, generated from the registered routes. */
export async function generateOpenApiDocuments(): Promise<Map<string, string>> {
  const database = openDatabase({ sqliteFile: ':memory:' });
  await migrateToLatest(database.db);
  const { app, servicesWithRoutes } = await buildApp({ config: { ...loadConfig({}), logLevel: 'silent' }, database });
  try {
    await app.ready();
    return documentsOf(app, servicesWithRoutes);
  } finally {
    await app.close();
    await database.close();
  }
}

function documentsOf(app: AtlasApp, services: ReadonlySet<string>): Map<string, string> {
  const documents = new Map<string, string>();
  for (const target of documentTargets(services)) {
    documents.set(`${target.service}.${target.version}.json`, `${JSON.stringify(buildDocument(app, target, GENERATED_SERVER_URL), null, 2)}\n`);
  }
  return documents;
}

/** Writes the documents to `outDir` (and removes stale ones); with `check`, only reports the files that differ. */
export async function writeOpenApiDocuments(outDir: string, check: boolean): Promise<{ written: string[]; drifted: string[] }> {
  const documents = await generateOpenApiDocuments();
  const existing = fs.existsSync(outDir) ? fs.readdirSync(outDir).filter((f) => f.endsWith('.json')) : [];
  const drifted = [
    ...[...documents].filter(([name, text]) => !existing.includes(name) || fs.readFileSync(path.join(outDir, name), 'utf8') !== text).map(([name]) => name),
    ...existing.filter((name) => !documents.has(name)),
  ];
  if (check) return { written: [], drifted };
  fs.mkdirSync(outDir, { recursive: true });
  for (const name of existing) if (!documents.has(name)) fs.rmSync(path.join(outDir, name));
  for (const [name, text] of documents) fs.writeFileSync(path.join(outDir, name), text);
  return { written: [...documents.keys()], drifted };
}
