export * from './demo/mappings-seeder';
export * from './mappings.module';
export * from './mappings/mapping-relation';
export * from './mappings/mapping.entity';
export * from './systems/information-system.entity';
export * from './systems/system-status';
