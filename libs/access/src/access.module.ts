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
import { OidcSignInService } from './sessions/oidc-sign-in.service';
import { PeopleRepository } from './sessions/people.repository';
import { SessionRepository } from './sessions/session.repository';
import { SessionService } from './sessions/session.service';
import { SignInController } from './sessions/sign-in.controller';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
  providers: [
    PrincipalResolver,
    ApiKeyRepository,
    ApiKeyService,
    AccessResolver,
    SessionRepository,
    SessionService,
    PeopleRepository,
    OidcSignInService,
    // in this order: who may call, then how often
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  controllers: [SignInController],
  exports: [PrincipalResolver, ApiKeyService, PeopleRepository],
})
export class AccessModule {}
