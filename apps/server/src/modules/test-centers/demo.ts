import type { ServiceContext } from '../../platform/context.ts';
import { type CenterInput, closeCenter, createCenter } from './center-admin.service.ts';
import { parseHoursSpec } from './opening-hours.policy.ts';
import { addDays, localDateAt, zonedToUtc } from './test-centers.policy.ts';
import { findCenterByCode } from './test-centers.repository.ts';

const ACTOR = 'system:demo-seed';

const WEEKDAYS = 'mon-fri 08:00-18:00; sat 08:00-14:00';
const LONG_DAYS = 'mon-fri 07:30-20:00; sat-sun 09:00-17:00';
const OFFICE = 'mon-fri 09:00-17:00';
const SPLIT = 'mon-fri 08:00-12:00,13:00-17:00; sat 09:00-13:00';

// biome-ignore format: the columns of the table below
type Seed = [code: string, name: string, line1: string, city: string, region: string, postal: string, country: string, lat: number, lon: number, zone: string, seats: number, hours: string];

/** A realistic network across several countries and time zones (coordinates of real business districts). */
// biome-ignore format: one centre per line reads as a table
const CENTRES: Seed[] = [
  ['US-NYC-01', 'Atlas Test Center – New York Midtown', '350 Fifth Avenue, Suite 4100', 'New York', 'NY', '10118', 'US', 40.7484, -73.9857, 'America/New_York', 24, WEEKDAYS],
  ['US-NYC-02', 'Atlas Test Center – Brooklyn', '1 MetroTech Center, 19th Floor', 'Brooklyn', 'NY', '11201', 'US', 40.6936, -73.9866, 'America/New_York', 16, OFFICE],
  ['US-BOS-01', 'Atlas Test Center – Boston Back Bay', '800 Boylston Street, Suite 1600', 'Boston', 'MA', '02199', 'US', 42.348, -71.0825, 'America/New_York', 18, WEEKDAYS],
  ['US-CHI-01', 'Atlas Test Center – Chicago Loop', '233 South Wacker Drive, Suite 8400', 'Chicago', 'IL', '60606', 'US', 41.8789, -87.6359, 'America/Chicago', 30, LONG_DAYS],
  ['US-DAL-01', 'Atlas Test Center – Dallas Arts District', '2200 Ross Avenue, Suite 3100', 'Dallas', 'TX', '75201', 'US', 32.788, -96.799, 'America/Chicago', 20, WEEKDAYS],
  ['US-DEN-01', 'Atlas Test Center – Denver', '1801 California Street, Suite 2400', 'Denver', 'CO', '80202', 'US', 39.7475, -104.9896, 'America/Denver', 14, WEEKDAYS],
  ['US-PHX-01', 'Atlas Test Center – Phoenix', '2 North Central Avenue, Suite 1800', 'Phoenix', 'AZ', '85004', 'US', 33.449, -112.0738, 'America/Phoenix', 12, SPLIT],
  ['US-LAX-01', 'Atlas Test Center – Los Angeles Downtown', '633 West 5th Street, 28th Floor', 'Los Angeles', 'CA', '90071', 'US', 34.0511, -118.2546, 'America/Los_Angeles', 28, LONG_DAYS],
  ['US-SEA-01', 'Atlas Test Center – Seattle', '1201 Third Avenue, Suite 2200', 'Seattle', 'WA', '98101', 'US', 47.6076, -122.337, 'America/Los_Angeles', 16, WEEKDAYS],
  ['US-HNL-01', 'Atlas Test Center – Honolulu', '1001 Bishop Street, Suite 900', 'Honolulu', 'HI', '96813', 'US', 21.3099, -157.8608, 'Pacific/Honolulu', 8, OFFICE],
  ['CA-TOR-01', 'Atlas Test Centre – Toronto Financial District', '100 King Street West, Suite 5600', 'Toronto', 'ON', 'M5X 1C9', 'CA', 43.6484, -79.3819, 'America/Toronto', 22, WEEKDAYS],
  ['CA-MTL-01', 'Centre d’examen Atlas – Montréal', '1250 boulevard René-Lévesque Ouest, bureau 2200', 'Montréal', 'QC', 'H3B 4W8', 'CA', 45.497, -73.5695, 'America/Toronto', 14, OFFICE],
  ['CA-VAN-01', 'Atlas Test Centre – Vancouver', '1055 West Georgia Street, Suite 1500', 'Vancouver', 'BC', 'V6E 3P3', 'CA', 49.2856, -123.1207, 'America/Vancouver', 16, WEEKDAYS],
  ['GB-LON-01', 'Atlas Test Centre – London City', '1 Poultry', 'London', 'Greater London', 'EC2R 8EJ', 'GB', 51.5135, -0.0907, 'Europe/London', 26, LONG_DAYS],
  ['GB-MAN-01', 'Atlas Test Centre – Manchester', '1 Spinningfields, Quay Street', 'Manchester', 'Greater Manchester', 'M3 3JE', 'GB', 53.4808, -2.2513, 'Europe/London', 14, WEEKDAYS],
  ['GB-EDI-01', 'Atlas Test Centre – Edinburgh', '1 Exchange Crescent, Conference Square', 'Edinburgh', 'Scotland', 'EH3 8UL', 'GB', 55.946, -3.209, 'Europe/London', 10, OFFICE],
  ['IN-BLR-01', 'Atlas Test Centre – Bengaluru', 'Prestige Tech Park, Marathahalli–Sarjapur Outer Ring Road', 'Bengaluru', 'KA', '560103', 'IN', 12.9406, 77.6953, 'Asia/Kolkata', 40, LONG_DAYS],
  ['IN-DEL-01', 'Atlas Test Centre – Gurugram', 'DLF Cyber City, Building 10, Tower B', 'Gurugram', 'HR', '122002', 'IN', 28.495, 77.0895, 'Asia/Kolkata', 36, WEEKDAYS],
  ['IN-MUM-01', 'Atlas Test Centre – Mumbai BKC', 'G Block, Bandra Kurla Complex', 'Mumbai', 'MH', '400051', 'IN', 19.066, 72.865, 'Asia/Kolkata', 32, WEEKDAYS],
  ['AU-SYD-01', 'Atlas Test Centre – Sydney CBD', '1 Martin Place, Level 20', 'Sydney', 'NSW', '2000', 'AU', -33.8678, 151.2107, 'Australia/Sydney', 20, WEEKDAYS],
  ['AU-MEL-01', 'Atlas Test Centre – Melbourne', '360 Collins Street, Level 12', 'Melbourne', 'VIC', '3000', 'AU', -37.8162, 144.962, 'Australia/Melbourne', 18, WEEKDAYS],
  ['AU-PER-01', 'Atlas Test Centre – Perth', '108 St Georges Terrace, Level 9', 'Perth', 'WA', '6000', 'AU', -31.954, 115.857, 'Australia/Perth', 10, OFFICE],
  ['MX-CMX-01', 'Centro de Exámenes Atlas – Reforma', 'Paseo de la Reforma 250, Col. Juárez', 'Ciudad de México', 'CDMX', '06600', 'MX', 19.427, -99.1677, 'America/Mexico_City', 24, SPLIT],
  ['MX-MTY-01', 'Centro de Exámenes Atlas – Monterrey', 'Av. José Vasconcelos 345, Santa Engracia', 'San Pedro Garza García', 'NL', '66267', 'MX', 25.653, -100.36, 'America/Monterrey', 12, SPLIT],
  ['PH-MNL-01', 'Atlas Test Centre – Makati', '6750 Ayala Avenue, 22nd Floor', 'Makati', 'Metro Manila', '1226', 'PH', 14.5566, 121.0237, 'Asia/Manila', 30, LONG_DAYS],
  ['PH-CEB-01', 'Atlas Test Centre – Cebu IT Park', 'Cebu IT Park, Lahug', 'Cebu City', 'Cebu', '6000', 'PH', 10.3303, 123.9058, 'Asia/Manila', 16, WEEKDAYS],
];

export function demoCenterInputs(): CenterInput[] {
  return CENTRES.map(([location_code, name, address_line1, city, region, postal_code, country, latitude, longitude, timezone, seats, hours]) => ({
    location_code,
    name,
    address_line1,
    city,
    region,
    postal_code,
    country,
    latitude,
    longitude,
    timezone,
    seats,
    opening_hours: parseHoursSpec(hours),
  }));
}

/**
 * Seeds the centre network. Centres are global (the same for every account and both environments), so the demo
 * partner's sandbox and production see the same network. Centres that already exist are left as they are.
 */
export async function seedDemoTestCenters(ctx: ServiceContext, _demo: { accountId: string; accountCode: string }): Promise<void> {
  for (const input of demoCenterInputs()) {
    if (await findCenterByCode(ctx.db, input.location_code)) continue;
    await createCenter(ctx, input, ACTOR);
    if (input.location_code === 'US-NYC-01') {
      // One upcoming full-day closure, ten local days ahead, to show closures in the detail and the list.
      const day = addDays(localDateAt(ctx.clock.now().getTime(), input.timezone), 10);
      await closeCenter(
        ctx,
        input.location_code,
        {
          from: new Date(zonedToUtc(day, '00:00', input.timezone)).toISOString(),
          to: new Date(zonedToUtc(day, '24:00', input.timezone)).toISOString(),
          reason: 'HVAC replacement: the building is closed for the day',
        },
        ACTOR,
      );
    }
  }
}
