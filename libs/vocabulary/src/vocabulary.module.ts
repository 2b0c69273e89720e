import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConceptEntity } from './concepts/concept.entity';
import { ConceptLoaders } from './concepts/concept.loaders';
import { ConceptRepository } from './concepts/concept.repository';
import { ConceptService } from './concepts/concept.service';
import { VocabularySeeder } from './demo/vocabulary-seeder';
import { DomainEntity } from './domains/domain.entity';
import { DomainRepository } from './domains/domain.repository';
import { DomainService } from './domains/domain.service';
import { ConceptFieldResolver } from './graphql/concept-field.resolver';
import { DomainFieldResolver } from './graphql/domain-field.resolver';
import { VocabularyQueryResolver } from './graphql/vocabulary-query.resolver';

@Module({
  imports: [TypeOrmModule.forFeature([DomainEntity, ConceptEntity])],
  providers: [
    ConceptRepository,
    DomainRepository,
    ConceptLoaders,
    ConceptService,
    DomainService,
    VocabularySeeder,
    VocabularyQueryResolver,
    ConceptFieldResolver,
    DomainFieldResolver,
  ],
  exports: [ConceptService, DomainService, ConceptLoaders, ConceptRepository, DomainRepository, VocabularySeeder],
})
export class VocabularyModule {}
