import { Module } from '@nestjs/common';
import { MappingsModule } from '@lexique/mappings';
import { VocabularyModule } from '@lexique/vocabulary';
import { DemoDataService } from './demo/demo-data.service';
import { ExportRepository } from './export/export.repository';
import { ExportService } from './export/export.service';
import { ImportResolver } from './graphql/import.resolver';
import { ExportController } from './http/export.controller';
import { ConceptImport } from './import/concept-import';
import { ImportUploadService } from './import/import-upload.service';
import { ImportService } from './import/import.service';
import { MappingImport } from './import/mapping-import';
import { MappingStagingRepository } from './import/mapping-staging.repository';
import { SystemImport } from './import/system-import';
import { SystemImportRepository } from './import/system-import.repository';

@Module({
  imports: [VocabularyModule, MappingsModule],
  controllers: [ExportController],
  providers: [
    DemoDataService,
    ConceptImport,
    MappingImport,
    MappingStagingRepository,
    SystemImport,
    SystemImportRepository,
    ImportService,
    ImportUploadService,
    ExportRepository,
    ExportService,
    ImportResolver,
  ],
  exports: [DemoDataService, ImportService, ExportService],
})
export class InterchangeModule {}
