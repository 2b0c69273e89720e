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
import { ConceptEditingService } from './editing/concept-editing.service';
import { ConceptReviewService } from './editing/concept-review.service';
import { DomainEditingService } from './editing/domain-editing.service';
import { ConceptReviewFieldResolver } from './graphql/concept-review-field.resolver';
import { HistoryQueryResolver } from './graphql/history-query.resolver';
import { JsonScalar } from './graphql/json.scalar';
import { StewardshipMutationResolver } from './graphql/stewardship-mutation.resolver';
import { ChangeFeedService } from './history/change-feed.service';
import { HistoryService } from './history/history.service';
import { ConceptRevisionLoaders } from './review/concept-revision.loaders';
import { RevisionRepository } from './review/revision.repository';
import { ConceptWriteRepository } from './writing/concept-write.repository';
import { ConceptWriter } from './writing/concept-writer';
import { ConceptCodeService } from './editing/concept-code.service';
import { NotificationRepository } from './notifications/notification.repository';
import { NotificationService } from './notifications/notification.service';
import { ChangeAuthorResolver, NotificationsResolver } from './notifications/notifications.resolver';
import { PeopleNamesLoader } from './notifications/people-names.loader';
import { MailCheckpointRepository } from './notifications/mail/mail-checkpoint.repository';
import { MailNotifier } from './notifications/mail/mail-notifier';
import { MailTransport } from './notifications/mail/mail-transport';

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
    RevisionRepository,
    ConceptWriteRepository,
    ConceptWriter,
    ConceptEditingService,
    ConceptReviewService,
    ConceptRevisionLoaders,
    DomainEditingService,
    HistoryService,
    ChangeFeedService,
    JsonScalar,
    StewardshipMutationResolver,
    HistoryQueryResolver,
    ConceptReviewFieldResolver,
    ConceptCodeService,
    NotificationRepository,
    NotificationService,
    NotificationsResolver,
    PeopleNamesLoader,
    ChangeAuthorResolver,
    MailCheckpointRepository,
    MailTransport,
    MailNotifier,
  ],
  exports: [
    ConceptWriter,
    DomainEditingService,
    RevisionRepository,
    HistoryService,
    ConceptService,
    DomainService,
    ConceptLoaders,
    ConceptRepository,
    DomainRepository,
    VocabularySeeder,
    MailNotifier,
  ],
})
export class VocabularyModule {}
