import { describe, expect, it } from 'vitest';
import { generateOpenApiDocuments } from '../../../src/cli/openapi.ts';

describe('Test Publication OpenAPI documents', () => {
  it('describe every v2 operation and its v1 mirror (operationId + V1) with examples and error answers', async () => {
    const documents = await generateOpenApiDocuments();
    const operationsOf = (name: string) => {
      const document = JSON.parse(documents.get(name) as string);
      return Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods as Record<string, { operationId: string; summary: string; responses: object }>).map(([method, op]) => ({ method, path, ...op })),
      );
    };
    const v2 = operationsOf('test-publication.v2.json');
    const v1 = operationsOf('test-publication.v1.json');
    expect(v2.map((op) => op.operationId).sort()).toEqual(
      ['createTest', 'getTest', 'getTestVersion', 'listTestVersions', 'listTests', 'publishTest', 'replaceTest', 'retireTest'].sort(),
    );
    expect(v1.map((op) => op.operationId).sort()).toEqual(v2.map((op) => `${op.operationId}V1`).sort());
    for (const op of [...v1, ...v2]) {
      expect(op.summary, op.operationId).toBeTruthy();
      expect(Object.keys(op.responses), op.operationId).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
    }
    const create = JSON.parse(documents.get('test-publication.v2.json') as string).paths['/test-publication/v2/tests'].post;
    expect(create.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key' })]));
    expect(create.requestBody.content['application/json'].schema.properties.policies.description).toContain('Defaults');
  });
});
