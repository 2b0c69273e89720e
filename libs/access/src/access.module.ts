import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { ApiKeyRepository } from './api-keys/api-key.repository';
import { ApiKeyService } from './api-keys/api-key.service';
import { AccessResolver } from './graphql/access.resolver';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { PrincipalResolver } from './principal.resolver';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
  providers: [
    PrincipalResolver,
    ApiKeyRepository,
    ApiKeyService,
    AccessResolver,
    // in this order: who may call, then how often
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [PrincipalResolver, ApiKeyService],
})
export class AccessModule {}
