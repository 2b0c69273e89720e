import { Module } from '@nestjs/common';
import { VocabularyModule } from '@lexique/vocabulary';
import { DemoDataService } from './demo/demo-data.service';

@Module({
  imports: [VocabularyModule],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class InterchangeModule {}
