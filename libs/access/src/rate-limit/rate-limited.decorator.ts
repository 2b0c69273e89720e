import { SetMetadata } from '@nestjs/common';

export const RATE_LIMITED_KEY = 'lexique:rate-limited';

/**
 * Marks an expensive operation (search, batch translation, imports…): each
 * call takes `cost` tokens from the caller's bucket (RATE_LIMIT_PER_MINUTE,
 * RATE_LIMIT_BURST); an empty bucket answers RATE_LIMITED with retryAfter.
 * Put it on root resolvers: on a field resolver it would charge per object.
 */
export const RateLimited = (cost = 1) => SetMetadata(RATE_LIMITED_KEY, cost);
