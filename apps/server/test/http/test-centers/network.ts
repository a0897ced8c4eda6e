import { seedDemoTestCenters } from '../../../src/modules/test-centers/demo.ts';
import type { TestApp } from '../../harness.ts';

/**
 * The demo network (26 centres in US, CA, GB, IN, AU, MX, PH) as test data: real coordinates, so distances can be
 * checked against published figures. The seed also schedules one full-day closure of US-NYC-01 ten local days ahead.
 */
export async function seedNetwork(t: TestApp): Promise<void> {
  await seedDemoTestCenters(t.ctx, { accountId: 'unused', accountCode: 'UNUSED' });
}

/** Spherical law of cosines: a formula independent of the service's haversine, to check its distances. */
export function cosineLawKm(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const [lat1, lon1] = [a[0] * rad, a[1] * rad];
  const [lat2, lon2] = [b[0] * rad, b[1] * rad];
  const c = Math.sin(lat1) * Math.sin(lat2) + Math.cos(lat1) * Math.cos(lat2) * Math.cos(lon2 - lon1);
  return 6371.0088 * Math.acos(Math.min(1, c));
}
