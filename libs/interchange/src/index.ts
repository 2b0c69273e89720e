export * from './demo/demo-data.service';
export * from './export/export.service';
export * from './formats/interchange-format';
export * from './import/import-report';
export * from './import/import.service';
export * from './interchange.module';
export * from './records';
export { charsetNamed, FileCharset } from './formats/file-charset';
