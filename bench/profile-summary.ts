/** `node --import tsx bench/profile-summary.ts FILE.cpuprofile [COUNT]`: where a server's CPU time went. */
import { formatProfile, summarizeProfile } from './lib/profile.ts';

const [file, count] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node --import tsx bench/profile-summary.ts FILE.cpuprofile [COUNT]\n');
  process.exit(2);
}
process.stdout.write(`${formatProfile(summarizeProfile(file, count ? Number(count) : 25))}\n`);
