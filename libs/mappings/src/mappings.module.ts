import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VocabularyModule } from '@lexique/vocabulary';
import { MappingsSeeder } from './demo/mappings-seeder';
import { SystemEditingService } from './editing/system-editing.service';
import { MappingEntity } from './mappings/mapping.entity';
import { InformationSystemEntity } from './systems/information-system.entity';

@Module({
  imports: [TypeOrmModule.forFeature([InformationSystemEntity, MappingEntity]), VocabularyModule],
  providers: [MappingsSeeder, SystemEditingService],
  exports: [MappingsSeeder, SystemEditingService],
})
export class MappingsModule {}
