import { AppError } from './errors.js';

/**
 * Import an optional peer dependency on first use. A missing install becomes a clear `invalid_config` naming the
 * package (`what` says which feature needs it, `otherwise` the alternative); any other load failure passes through.
 */
export async function loadOptional<T>(
  pkg: string,
  importer: () => Promise<T>,
  what: string,
  otherwise: string,
): Promise<T> {
  try {
    return await importer();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err;
    throw new AppError(
      'invalid_config',
      `${what} needs the optional package ${pkg}; install it next to switchboard-server (npm install ${pkg}) or ${otherwise}`,
    );
  }
}
