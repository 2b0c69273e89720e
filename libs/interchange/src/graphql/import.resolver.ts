import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '@lexique/access';
import { Gql, RequestContext, Role } from '@lexique/core';
import { ImportReport } from '../import/import-report';
import { ImportUploadService } from '../import/import-upload.service';

@Resolver()
export class ImportResolver {
  constructor(private readonly uploads: ImportUploadService) {}

  @Mutation()
  @Allow(Role.STEWARD)
  importFile(@Ctx() ctx: RequestContext, @Args('input') input: Gql.ImportFileInput): Promise<ImportReport> {
    return this.uploads.importUpload(ctx, input);
  }
}
