import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../platform/errors.ts';
import { SdkDownloadErrors } from './sdk-download.errors.ts';

const TARBALL = /^atlas-sdk-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.tgz$/;

export interface SdkPackage {
  filename: string;
  version: string;
  file: string;
  size: number;
  sha256: string;
}

/** sha256 per (file, mtime, size): the tarball is read once per build, not per download. */
const digests = new Map<string, string>();

function sha256Of(file: string, stat: fs.Stats): string {
  const key = `${file}:${stat.mtimeMs}:${stat.size}`;
  let digest = digests.get(key);
  if (!digest) {
    digest = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    digests.clear();
    digests.set(key, digest);
  }
  return digest;
}

/** The newest tarball in `packDir` (by modification time); SDK_NOT_BUILT when there is none. */
export function newestSdkPackage(packDir: string): SdkPackage {
  const candidates = (fs.existsSync(packDir) ? fs.readdirSync(packDir) : [])
    .filter((name) => TARBALL.test(name))
    .map((name) => {
      const file = path.join(packDir, name);
      return { name, file, stat: fs.statSync(file) };
    })
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs);
  const newest = candidates[0];
  if (!newest) throw new AppError(SdkDownloadErrors.SDK_NOT_BUILT, `no atlas-sdk-*.tgz in ${path.basename(packDir)}/: run \`npm run build -w packages/sdk\``);
  return {
    filename: newest.name,
    version: (TARBALL.exec(newest.name) as RegExpExecArray)[1] as string,
    file: newest.file,
    size: newest.stat.size,
    sha256: sha256Of(newest.file, newest.stat),
  };
}
