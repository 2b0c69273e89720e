import { Module } from '@nestjs/common';
import { MappingsModule } from '@lexique/mappings';
import { VocabularyModule } from '@lexique/vocabulary';
import { DemoDataService } from './demo/demo-data.service';

@Module({
  imports: [VocabularyModule, MappingsModule],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class InterchangeModule {}
