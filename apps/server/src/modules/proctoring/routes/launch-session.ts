import { Type } from 'typebox';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import type { LaunchUrlSigner } from '../../eligibility/online-booking-lookup.ts';
import { BookingCodeParam, LaunchAnswer, LaunchQuery } from '../proctoring.schemas.ts';
import { launchFromLink } from '../proctoring.service.ts';
import { publicOrigin } from './route-support.ts';

/**
 * The candidate's side: the signed link itself is the credential (no token, so outside the gateway). It is what
 * the proctoring client opens; the answer says which session it started.
 */
export function launchSessionRoute(app: AtlasApp, deps: ModuleDeps, signer: LaunchUrlSigner): void {
  app.get('/proctoring/launch/:booking_code', {
    schema: { hide: true, params: Type.Object(BookingCodeParam), querystring: LaunchQuery, response: { 200: LaunchAnswer } },
    handler: async (request) => {
      const url = `${publicOrigin(deps.config, request)}${request.url}`;
      return launchFromLink(deps.ctx, signer, url, request.params.booking_code, request.query.elg);
    },
  });
}
