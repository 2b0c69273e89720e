export * from './demo/demo-data.service';
export * from './interchange.module';
