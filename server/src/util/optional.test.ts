import { describe, expect, it } from 'vitest';
import { loadS3 } from '../attachments/s3.js';
import { loadOptional } from './optional.js';

// The error Node raises for an import of a package that is not installed (the packaging test meets it for real).
const missing = (pkg: string) => () =>
  Promise.reject(Object.assign(new Error(`Cannot find package '${pkg}'`), { code: 'ERR_MODULE_NOT_FOUND' }));

describe('optional peer dependencies', () => {
  it('S3 storage names the package to install, and the way out, when the AWS SDK is missing', async () => {
    const err = await loadS3(missing('@aws-sdk/client-s3') as never).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_config' });
    expect((err as Error).message).toContain('npm install @aws-sdk/client-s3');
    expect((err as Error).message).toContain('unset SWITCHBOARD_S3_BUCKET');
  });

  it('loads the package when it is installed', async () => {
    const sdk = await loadS3();
    expect(typeof sdk.S3Client).toBe('function');
  });

  it('passes other load failures through unchanged', async () => {
    const broken = Object.assign(new Error('native binding failed'), { code: 'ERR_DLOPEN_FAILED' });
    await expect(loadOptional('x', () => Promise.reject(broken), 'x', 'y')).rejects.toBe(broken);
  });
});
