import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '@lexique/access';
import { serviceVersion } from '../service-version';

@Resolver()
export class ServiceResolver {
  @Query()
  @Public()
  serviceVersion(): string {
    return serviceVersion();
  }
}
