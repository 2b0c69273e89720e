import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VocabularyModule } from '@lexique/vocabulary';
import { MappingsSeeder } from './demo/mappings-seeder';
import { ConceptMappingsResolver, MappingFieldResolver } from './graphql/mapping-field.resolver';
import { MappingsOfCodeResolver } from './graphql/mappings-of-code.resolver';
import { MappingsQueryResolver } from './graphql/mappings-query.resolver';
import { OwnerFieldResolver, SystemFieldResolver } from './graphql/system-field.resolver';
import { SystemAdminResolver } from './editing/system-admin.resolver';
import { SystemEditingService } from './editing/system-editing.service';
import { MappingEditingResolver } from './editing/mapping-editing.resolver';
import { MappingReviewService } from './editing/mapping-review.service';
import { MappingRevisionLoaders } from './editing/mapping-revision.loaders';
import { MappingRevisionResolver } from './editing/mapping-revision.resolver';
import { MappingUpsertService } from './editing/mapping-upsert.service';
import { MappingWriteGate } from './editing/mapping-write-gate';
import { MappingWriterRepository } from './editing/mapping-writer.repository';
import { MappingEntity } from './mappings/mapping.entity';
import { ReviewQueueRepository } from './review-queue/review-queue.repository';
import { ReviewItemFieldResolver, ReviewQueueResolver } from './review-queue/review-queue.resolver';
import { ReviewQueueService } from './review-queue/review-queue.service';
import { MappingRepository } from './mappings/mapping.repository';
import { MappingService } from './mappings/mapping.service';
import { InformationSystemEntity } from './systems/information-system.entity';
import { InformationSystemRepository } from './systems/information-system.repository';
import { SystemService } from './systems/system.service';
import { TranslationRepository } from './translation/translation.repository';
import { TranslationService } from './translation/translation.service';

@Module({
  imports: [TypeOrmModule.forFeature([InformationSystemEntity, MappingEntity]), VocabularyModule],
  providers: [
    InformationSystemRepository,
    MappingRepository,
    TranslationRepository,
    SystemService,
    MappingService,
    TranslationService,
    MappingsSeeder,
    SystemEditingService,
    MappingsQueryResolver,
    SystemFieldResolver,
    OwnerFieldResolver,
    MappingFieldResolver,
    ConceptMappingsResolver,
    SystemAdminResolver,
    MappingWriterRepository,
    MappingWriteGate,
    MappingUpsertService,
    MappingReviewService,
    MappingRevisionLoaders,
    MappingEditingResolver,
    MappingRevisionResolver,
    MappingsOfCodeResolver,
    ReviewQueueRepository,
    ReviewQueueService,
    ReviewQueueResolver,
    ReviewItemFieldResolver,
  ],
  exports: [
    SystemService,
    MappingService,
    TranslationService,
    MappingRepository,
    InformationSystemRepository,
    MappingsSeeder,
    SystemEditingService,
    MappingUpsertService,
    MappingReviewService,
  ],
})
export class MappingsModule {}
