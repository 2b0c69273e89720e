import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, Ctx, RateLimited } from '@lexique/access';
import { Gql, RequestContext, Role } from '@lexique/core';
import { ImportReport } from '../import/import-report';
import { ImportUploadService } from '../import/import-upload.service';
import { UploadGate } from './upload-gate';

const UPLOAD_RATE_COST = 10;

@Resolver()
export class ImportResolver {
  constructor(
    private readonly uploads: ImportUploadService,
    private readonly gate: UploadGate,
  ) {}

  @Mutation()
  @Allow(Role.STEWARD)
  // an upload is read, checked and staged whole: it weighs as much as ten searches
  @RateLimited(UPLOAD_RATE_COST)
  importFile(@Ctx() ctx: RequestContext, @Args('input') input: Gql.ImportFileInput): Promise<ImportReport> {
    return this.gate.run(() => this.uploads.importUpload(ctx, input));
  }
}
