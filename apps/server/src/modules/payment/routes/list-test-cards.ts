import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import { TestCardList } from '../payment.schemas.ts';
import { SANDBOX_TEST_CARDS } from '../payment-processor.ts';
import { errorResponses, gatewayOf, SERVICE, TAGS, V1_ACCOUNT } from './route-support.ts';

export function listTestCardsRoute(app: AtlasApp): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/test-cards`, {
      // Sandbox only: a production token is refused (401) like on every sandbox-only operation.
      config: gatewayOf(api.version, ['sandbox']),
      schema: {
        operationId: `listTestCards${api.operationSuffix}`,
        summary: 'List the sandbox test cards',
        description:
          'The card numbers the sandbox processor answers deterministically (any future expiry, any CVC of the right length): ' +
          '4242424242424242 / 5555555555554444 / 378282246310005 succeed, 4000000000000002 is declined, 4000000000009995 has insufficient ' +
          'funds, 4000000000000119 gives a processor error, 4000000000005126 succeeds but its refunds fail. Any other Luhn-valid number succeeds. Sandbox tokens only.',
        tags: TAGS,
        params: paramsFor(api),
        response: { 200: TestCardList, ...errorResponses(api.version, { 404: V1_ACCOUNT }) },
      },
      handler: async () => ({ data: [...SANDBOX_TEST_CARDS] }),
    });
  }
}
