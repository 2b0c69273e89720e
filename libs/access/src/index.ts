export * from './access.guard';
export * from './access.module';
export * from './allow.decorator';
export * from './principal.resolver';
export * from './request-context.decorator';
