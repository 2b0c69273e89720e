import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VocabularyModule } from '@lexique/vocabulary';
import { MappingsSeeder } from './demo/mappings-seeder';
import { MappingEntity } from './mappings/mapping.entity';
import { InformationSystemEntity } from './systems/information-system.entity';

@Module({
  imports: [TypeOrmModule.forFeature([InformationSystemEntity, MappingEntity]), VocabularyModule],
  providers: [MappingsSeeder],
  exports: [MappingsSeeder],
})
export class MappingsModule {}
