import { SetMetadata } from '@nestjs/common';
import { Role } from '@lexique/core';

export const ALLOW_KEY = 'lexique:allow';

/**
 * Declares which roles may call a resolver or route. Every resolver method
 * says it; the global AccessGuard refuses anything that does not.
 * `Role.READER` on a read means "anyone allowed to read the dictionary".
 */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOW_KEY, roles);

export const PUBLIC_KEY = 'lexique:public';

/** Open to everyone, signed in or not, whatever the settings: health checks, metrics, the IDE's assets. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
