import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { PrincipalResolver } from './principal.resolver';

@Global()
@Module({
  providers: [PrincipalResolver, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [PrincipalResolver],
})
export class AccessModule {}
