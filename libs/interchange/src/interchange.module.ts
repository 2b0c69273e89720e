import { Module } from '@nestjs/common';
import { MappingsModule } from '@lexique/mappings';
import { VocabularyModule } from '@lexique/vocabulary';
import { DemoDataService } from './demo/demo-data.service';
import { ExportRepository } from './export/export.repository';
import { ExportService } from './export/export.service';
import { ImportResolver } from './graphql/import.resolver';
import { UploadGate } from './graphql/upload-gate';
import { ExportController } from './http/export.controller';
import { ConceptStagingRepository } from './import/concept-staging.repository';
import { ImportUploadService } from './import/import-upload.service';
import { ImportService } from './import/import.service';
import { MappingStagingRepository } from './import/mapping-staging.repository';
import { SystemImportRepository } from './import/system-import.repository';

@Module({
  imports: [VocabularyModule, MappingsModule],
  controllers: [ExportController],
  providers: [
    DemoDataService,
    ConceptStagingRepository,
    MappingStagingRepository,
    SystemImportRepository,
    ImportService,
    ImportUploadService,
    ExportRepository,
    ExportService,
    ImportResolver,
    UploadGate,
  ],
  exports: [DemoDataService, ImportService, ExportService],
})
export class InterchangeModule {}
