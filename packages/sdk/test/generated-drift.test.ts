import { describe, expect, it } from 'vitest';
import { writeSdkSources } from '../scripts/generate.ts';

describe('generated SDK sources', () => {
  it('match apps/server/openapi/*.json (run `npm run openapi` to refresh the documents and packages/sdk/src/generated)', async () => {
    const { drifted } = await writeSdkSources(true);
    expect(drifted, 'packages/sdk/src/generated differs from what the committed OpenAPI documents generate: run `npm run openapi` and commit').toEqual([]);
  });
});
